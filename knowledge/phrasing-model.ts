// A nearest-neighbour model over labelled staff phrasings: which item do questions like this one get?
// Hand-written synonyms and rules cover the phrasings someone thought of; this layer generalises from
// examples. Each text is a TF-IDF vector of two parts — its Dutch word stems (lunr's stemmer, as the index
// uses) and the character 3–5-grams inside its words (compounds, inflections and typos share most of their
// grams: "huurachterstand" / "achterstand" / "huurachterstnd") — and a question's neighbours are the
// labelled phrasings with the highest cosine similarity. Pure and built once; a question only walks the
// posting lists of its own features, so its cost does not grow with a scan over every phrasing.
import { isDutchStopWord, stemDutch } from './dutch-lunr';
import type { LinearVerdict } from './linear-model';
import { foldedWords } from './text';

export interface LabelledExample {
  text: string;
  /** The item that answers it; null: a question Meldwijzer should not answer. */
  label: string | null;
  /** About danger: urgent, or a danger word without a clear "now" (phrasings.yaml's kind `alert`). */
  danger: boolean;
  /** What kind of question (phrasings.yaml's kind: acute-suicide, alert, …); the verdict names the danger neighbours' kind. */
  kind?: string;
}

export interface PhrasingModelSettings {
  /** Neighbours that vote. */
  neighbours: number;
  /** Share of the similarity given by the word stems; the rest comes from the character n-grams. */
  wordShare: number;
}

// Chosen by 5-fold cross-validation on the tuning data (npm run bench:cv).
export const DEFAULT_MODEL_SETTINGS: PhrasingModelSettings = { neighbours: 7, wordShare: 0.5 };

export interface ItemVote {
  id: string;
  /** Share (0–1) of the neighbours' similarity that went to this item. */
  vote: number;
  /** Similarity (0–1) of this item's nearest phrasing, among all phrasings sharing a feature with the question. */
  nearest: number;
}

export interface PhrasingVerdict {
  /** Items by vote, best first (only items with a vote). */
  items: ItemVote[];
  /** Share (0–1) of the neighbours' similarity that went to "no answer" phrasings. */
  noAnswer: number;
  /** Share (0–1) of the neighbours' similarity that went to phrasings about danger (urgent or alert). */
  danger: number;
  /** The kind most of that share has (acute-suicide, alert, …); null when no neighbour is about danger. */
  dangerKind: string | null;
  /** Share (0–1) of the neighbours' similarity that went to phrasings about acute danger now (kind acute-*). */
  urgent: number;
  /** The acute kind most of that share has (acute-suicide, …); null when no neighbour is urgent. */
  urgentKind: string | null;
  /** Similarity (0–1) of the nearest phrasing of any label; low: nothing like this question was seen. */
  nearest: number;
  /** Word stems of the question (stop words left out): one or two say where, not what happened. */
  words: number;
  /** Each item's nearest phrasing (0–1), also for items without a vote (only when asked: classify(q, true)). */
  nearestOf?: ReadonlyMap<string, number>;
  /** The linear classifier's probabilities (linear-model.ts), when the knowledge base has one. */
  linear?: LinearVerdict;
}

export const EMPTY_VERDICT: PhrasingVerdict = { items: [], noAnswer: 0, danger: 0, dangerKind: null, urgent: 0, urgentKind: null, nearest: 0, words: 0 };

const MIN_GRAM = 3;
const MAX_GRAM = 5;
/** Longer user texts add nothing after this many words (as in the search index) … */
const MAX_WORDS = 60;
/** … and are not even folded past this many characters (findRoute reads no more either). */
const MAX_TEXT_CHARS = 2_000;
/**
 * At most this many (phrasing, feature) postings are walked per question and block, rarest features first;
 * the commonest features (a gram like "<ge" is in half the phrasings) are skipped: their idf is low anyway.
 * Bounds a question's cost. 2,500 instead of 15,000 halves the model's time per question (0.105 → 0.055 ms)
 * and leaves its quality as it was (npm run bench:cv, held-out tuning-3: top-1 80.9 → 80.7 %, top-3
 * 91.9 → 91.6 %; 5 folds: top-1 88.9 → 88.7 %).
 */
const POSTING_BUDGET = 2_500;
/** Longer "words" (a pasted hash, 100,000 digits) are not words: no n-grams from them. */
const MAX_WORD_LENGTH = 40;

/** A block as dist/knowledge.json keeps it (knowledge/prebuilt.ts): features in id order, arrays in base64. */
export interface SerializedBlock {
  features: string[];
  offsets: string;
  docs: string;
  weights: string;
  idf: string;
}

/** The trained model as dist/knowledge.json keeps it, so a start reads it instead of training again. */
export interface SerializedPhrasingModel {
  labelNames: Array<string | null>;
  labels: string;
  danger: string;
  kinds: Array<string | null>;
  words: SerializedBlock;
  grams: SerializedBlock;
}

const toBase64 = (array: ArrayBufferView): string => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
function fromBase64<T>(text: string, Type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = Buffer.from(text, 'base64');
  // A copy into a fresh buffer: Buffer's pool may start at an offset no typed array of wider elements accepts.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new Type(copy);
}

/**
 * One part of the vector space (word stems or character n-grams), as an inverted index in flat arrays:
 * feature f's phrasings are `docs[offsets[f]] … docs[offsets[f + 1] - 1]`, with their weights beside them.
 */
class Block {
  readonly featureIds = new Map<string, number>();
  private offsets = new Int32Array(1);
  private docs = new Int32Array(0);
  /** tf × idf, divided by the phrasing's vector length (so a dot product is a cosine). */
  private weights = new Float32Array(0);
  private idf = new Float64Array(0);

  constructor(private readonly documentCount: number) {}

  // Filled by add(), one phrasing at a time (no per-phrasing maps kept: 40,000 phrasings stay small).
  private frequency: number[] = [];
  private entryFeature = new Int32Array(1024);
  private entryCount = new Int32Array(1024);
  private entries = 0;
  private documentStart: number[] = [];

  /** Adds the next phrasing's features (phrasings are numbered in the order added). */
  add(features: Map<string, number>): void {
    this.documentStart.push(this.entries);
    for (const [feature, count] of features) {
      let id = this.featureIds.get(feature);
      if (id === undefined) {
        id = this.frequency.length;
        this.featureIds.set(feature, id);
        this.frequency.push(0);
      }
      this.frequency[id]!++;
      if (this.entries === this.entryFeature.length) {
        this.entryFeature = grow(this.entryFeature);
        this.entryCount = grow(this.entryCount);
      }
      this.entryFeature[this.entries] = id;
      this.entryCount[this.entries++] = count;
    }
  }

  /** Turns the added phrasings into postings: idf, each phrasing's vector length, weights. */
  finish(): void {
    const frequency = this.frequency;
    const added = this.documentStart.length;
    this.documentStart.push(this.entries);
    this.idf = Float64Array.from(frequency, (df) => this.idfOf(df));
    this.offsets = new Int32Array(frequency.length + 1);
    for (let f = 0; f < frequency.length; f++) this.offsets[f + 1] = this.offsets[f]! + frequency[f]!;
    const cursor = this.offsets.slice(0, frequency.length);
    this.docs = new Int32Array(this.entries);
    this.weights = new Float32Array(this.entries);
    for (let doc = 0; doc < added; doc++) {
      const [from, to] = [this.documentStart[doc]!, this.documentStart[doc + 1]!];
      let norm = 0;
      for (let e = from; e < to; e++) norm += (tf(this.entryCount[e]!) * this.idf[this.entryFeature[e]!]!) ** 2;
      const length = Math.sqrt(norm);
      for (let e = from; e < to; e++) {
        const f = this.entryFeature[e]!;
        const at = cursor[f]!++;
        this.docs[at] = doc;
        this.weights[at] = (tf(this.entryCount[e]!) * this.idf[f]!) / length;
      }
    }
    this.frequency = [];
    this.entryFeature = new Int32Array(0);
    this.entryCount = new Int32Array(0);
    this.documentStart = [];
  }

  toJSON(): SerializedBlock {
    return { features: [...this.featureIds.keys()], offsets: toBase64(this.offsets), docs: toBase64(this.docs), weights: toBase64(this.weights), idf: toBase64(this.idf) };
  }

  /** A finished block as toJSON left it. */
  static restore(documentCount: number, data: SerializedBlock): Block {
    const block = new Block(documentCount);
    data.features.forEach((feature, id) => block.featureIds.set(feature, id));
    block.offsets = fromBase64(data.offsets, Int32Array);
    block.docs = fromBase64(data.docs, Int32Array);
    block.weights = fromBase64(data.weights, Float32Array);
    block.idf = fromBase64(data.idf, Float64Array);
    return block;
  }

  /** A feature no phrasing has weighs as much as the rarest: an unknown word makes a question less like all of them. */
  idfOf(documentFrequency: number): number {
    return idf(this.documentCount, documentFrequency);
  }

  /**
   * Adds share × cosine(question, phrasing) to `scores` for every phrasing sharing a feature; phrasings
   * scored for the first time are appended to `touched` (from `count`). Returns the new count.
   */
  accumulate(features: Map<string, number>, share: number, scores: Float64Array, touched: Int32Array, count: number): number {
    const known: Array<[number, number]> = [];
    let norm = 0;
    for (const [feature, count] of features) {
      const id = this.featureIds.get(feature);
      const weight = tf(count) * (id === undefined ? this.idfOf(0) : this.idf[id]!);
      norm += weight * weight;
      if (id !== undefined) known.push([id, weight]);
    }
    if (norm === 0) return count;
    const scale = share / Math.sqrt(norm);
    const postings = (id: number) => this.offsets[id + 1]! - this.offsets[id]!;
    known.sort((a, b) => postings(a[0]) - postings(b[0]));
    let budget = POSTING_BUDGET;
    for (const [id, weight] of known) {
      budget -= postings(id);
      if (budget < 0) break;
      const w = weight * scale;
      for (let i = this.offsets[id]!; i < this.offsets[id + 1]!; i++) {
        const doc = this.docs[i]!;
        if (scores[doc] === 0) touched[count++] = doc;
        scores[doc]! += w * this.weights[i]!;
      }
    }
    return count;
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Sublinear term frequency: a word said twice is not twice the evidence. */
/** Inverse document frequency, smoothed: a feature no phrasing has weighs as much as the rarest. */
export function idf(documentCount: number, documentFrequency: number): number {
  return Math.log((documentCount + 1) / (documentFrequency + 1)) + 1;
}

/** Term frequency, dampened: a word said three times is not three times the evidence. */
export function tf(count: number): number {
  return 1 + Math.log(count);
}

export interface TextFeatures {
  words: Map<string, number>;
  grams: Map<string, number>;
}

/** The stems and character n-grams of a text (stop words left out: they tell no route from another). */
export function textFeatures(text: string): TextFeatures {
  const words = new Map<string, number>();
  const grams = new Map<string, number>();
  const add = (into: Map<string, number>, key: string) => into.set(key, (into.get(key) ?? 0) + 1);
  for (const word of foldedWords(text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text, MAX_WORDS)) {
    if (word.length < 2 || word.length > MAX_WORD_LENGTH || isDutchStopWord(word)) continue;
    add(words, stemDutch(word));
    const marked = `<${word}>`;
    for (let n = MIN_GRAM; n <= MAX_GRAM; n++) for (let i = 0; i + n <= marked.length; i++) add(grams, marked.slice(i, i + n));
  }
  return { words, grams };
}

export class PhrasingModel {
  /** Each phrasing's label as a number (an index into labelNames), so a question counts in arrays, not maps. */
  private readonly labels: Int32Array;
  private readonly labelNames: Array<string | null>;
  private readonly danger: Uint8Array;
  private readonly kinds: Array<string | undefined>;
  private readonly wordBlock: Block;
  private readonly gramBlock: Block;
  private readonly settings: PhrasingModelSettings;
  /** Scratch space for one question's similarities and each label's nearest (questions are answered one at a time). */
  private readonly scores: Float64Array;
  private readonly nearestOf: Float64Array;
  private readonly touched: Int32Array;

  /** Trains on `examples`, or takes a model trained before (toJSON; dist/knowledge.json). */
  constructor(examples: ReadonlyArray<LabelledExample> | SerializedPhrasingModel, settings: Partial<PhrasingModelSettings> = {}) {
    this.settings = { ...DEFAULT_MODEL_SETTINGS, ...settings };
    if (!Array.isArray(examples)) {
      const trained = examples as SerializedPhrasingModel;
      this.labelNames = trained.labelNames;
      this.labels = fromBase64(trained.labels, Int32Array);
      this.danger = fromBase64(trained.danger, Uint8Array);
      this.kinds = trained.kinds.map((kind) => kind ?? undefined);
      this.wordBlock = Block.restore(this.labels.length, trained.words);
      this.gramBlock = Block.restore(this.labels.length, trained.grams);
      this.nearestOf = new Float64Array(this.labelNames.length);
      this.scores = new Float64Array(this.labels.length);
      this.touched = new Int32Array(this.labels.length);
      return;
    }
    const labelIds = new Map<string | null, number>();
    for (const e of examples) if (!labelIds.has(e.label)) labelIds.set(e.label, labelIds.size);
    this.labelNames = [...labelIds.keys()];
    this.labels = Int32Array.from(examples, (e) => labelIds.get(e.label)!);
    this.nearestOf = new Float64Array(this.labelNames.length);
    this.danger = Uint8Array.from(examples, (e) => (e.danger ? 1 : 0));
    this.kinds = examples.map((e) => e.kind);
    this.wordBlock = new Block(examples.length);
    this.gramBlock = new Block(examples.length);
    for (const example of examples) {
      const { words, grams } = textFeatures(example.text);
      this.wordBlock.add(words);
      this.gramBlock.add(grams);
    }
    this.wordBlock.finish();
    this.gramBlock.finish();
    this.scores = new Float64Array(examples.length);
    this.touched = new Int32Array(examples.length);
  }

  get size(): number {
    return this.labels.length;
  }

  toJSON(): SerializedPhrasingModel {
    return {
      labelNames: this.labelNames,
      labels: toBase64(this.labels),
      danger: toBase64(this.danger),
      kinds: this.kinds.map((kind) => kind ?? null),
      words: this.wordBlock.toJSON(),
      grams: this.gramBlock.toJSON(),
    };
  }

  /**
   * What the labelled phrasings nearest to the question say. Never throws on user text. `withNearestOf`:
   * also each item's nearest phrasing; `features`: the question's textFeatures, when already made.
   */
  classify(question: string, withNearestOf = false, features: TextFeatures = textFeatures(question)): PhrasingVerdict {
    const { words, grams } = features;
    if (words.size === 0) return EMPTY_VERDICT;
    const { wordShare, neighbours } = this.settings;
    const touched = this.touched;
    let count = this.wordBlock.accumulate(words, wordShare, this.scores, touched, 0);
    count = this.gramBlock.accumulate(grams, 1 - wordShare, this.scores, touched, count);

    // The nearest of each item over every phrasing touched; the k nearest of all for the vote.
    const top: number[] = [];
    for (let t = 0; t < count; t++) {
      const doc = touched[t]!;
      const similarity = this.scores[doc]!;
      const label = this.labels[doc]!;
      if (similarity > this.nearestOf[label]!) this.nearestOf[label] = similarity;
      if (top.length < neighbours || similarity > this.scores[top[top.length - 1]!]!) insertTop(top, doc, this.scores, neighbours);
    }
    const votes = new Map<number, number>();
    let total = 0;
    let danger = 0;
    let urgent = 0;
    const dangerKinds = new Map<string, number>();
    for (const doc of top) {
      const similarity = this.scores[doc]!;
      total += similarity;
      if (this.danger[doc]) {
        danger += similarity;
        const kind = this.kinds[doc] ?? 'alert';
        dangerKinds.set(kind, (dangerKinds.get(kind) ?? 0) + similarity);
        if (kind.startsWith('acute-')) urgent += similarity;
      }
      const label = this.labels[doc]!;
      votes.set(label, (votes.get(label) ?? 0) + similarity);
    }
    const nearest = top.length > 0 ? Math.min(1, this.scores[top[0]!]!) : 0;
    const items: ItemVote[] = [];
    let noAnswer = 0;
    for (const [label, vote] of votes) {
      const id = this.labelNames[label]!;
      if (id === null) noAnswer = vote / total;
      else items.push({ id, vote: vote / total, nearest: Math.min(1, this.nearestOf[label]!) });
    }
    let nearestOf: Map<string, number> | undefined;
    if (withNearestOf) {
      nearestOf = new Map();
      for (let label = 0; label < this.labelNames.length; label++) {
        const id = this.labelNames[label];
        if (id !== null && id !== undefined && this.nearestOf[label]! > 0) nearestOf.set(id, Math.min(1, this.nearestOf[label]!));
      }
    }
    for (let t = 0; t < count; t++) {
      const doc = touched[t]!;
      this.scores[doc] = 0;
      this.nearestOf[this.labels[doc]!] = 0;
    }
    if (total === 0) return EMPTY_VERDICT;
    items.sort((a, b) => b.vote - a.vote || b.nearest - a.nearest);
    const byShare = [...dangerKinds].sort((a, b) => b[1] - a[1]);
    const dangerKind = byShare[0]?.[0] ?? null;
    const urgentKind = byShare.find(([kind]) => kind.startsWith('acute-'))?.[0] ?? null;
    const verdict: PhrasingVerdict = { items, noAnswer, danger: danger / total, dangerKind, urgent: urgent / total, urgentKind, nearest, words: words.size };
    if (nearestOf) verdict.nearestOf = nearestOf;
    return verdict;
  }
}

/** Keeps `top` the k highest-scoring documents, best first (k is small: insertion is cheapest). */
function insertTop(top: number[], doc: number, scores: Float64Array, k: number): void {
  const score = scores[doc]!;
  if (top.length === k && score <= scores[top[k - 1]!]!) return;
  let i = Math.min(top.length, k - 1);
  if (top.length < k) top.push(doc);
  while (i > 0 && scores[top[i - 1]!]! < score) {
    top[i] = top[i - 1]!;
    i--;
  }
  top[i] = doc;
}
