// A linear classifier over the phrasing model's features: multinomial logistic regression (softmax, L2)
// on the same TF-IDF vectors of word stems and character 3–5-grams (textFeatures, phrasing-model.ts),
// trained with AdaGrad in a seeded order, so the same phrasings always give the same weights.
// Where the nearest-neighbour model asks "which phrasings look like this?", this one learns which
// features tell the items apart; its output is a probability per item and for "no answer".
// Pure and built once; a question costs one sparse dot product per class.
import { idf, textFeatures, tf, type LabelledExample, type TextFeatures } from './phrasing-model';

export interface LinearModelSettings {
  /** Share of the squared vector length given to the word stems (as the kNN's wordShare). */
  wordShare: number;
  /** L2 penalty per update of a touched weight. */
  l2: number;
  /** AdaGrad's base step. */
  rate: number;
  /** Passes over the phrasings. */
  epochs: number;
  /** Features in fewer phrasings than this get no weights (keeps the model small). */
  minCount: number;
  /** Seed of the order the phrasings are visited in. */
  seed: number;
}

export const DEFAULT_LINEAR_SETTINGS: LinearModelSettings = { wordShare: 0.5, l2: 1e-4, rate: 0.5, epochs: 15, minCount: 2, seed: 20_260_501 };

export interface LinearVerdict {
  /** Items by probability, best first (every item the model knows). */
  items: Array<{ id: string; probability: number }>;
  /** Probability of "no answer". */
  noAnswer: number;
  /** How many different word stems (stop words left out) the question has: one general word is little to go on. */
  words: number;
}

export const EMPTY_LINEAR_VERDICT: LinearVerdict = { items: [], noAnswer: 0, words: 0 };

/** The trained weights as dist/knowledge.json keeps them. */
export interface SerializedLinearModel {
  labelNames: Array<string | null>;
  /** Feature names in id order: the word stems, then the character n-grams. */
  words: string[];
  grams: string[];
  documentCount: number;
  /** Per feature: its document frequency (for the idf), base64 Int32. */
  frequency: string;
  /** features × classes, base64 Int8: each feature's row scaled to ±127 (see `scales`). */
  weights: string;
  /** Per feature: what its row's Int8 weights are multiplied by, base64 Float32. */
  scales: string;
  /** The class biases, base64 Float32. */
  bias: string;
  wordShare: number;
}

const toBase64 = (array: ArrayBufferView): string => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
function fromBase64<T>(text: string, Type: { new (buffer: ArrayBuffer): T }): T {
  const bytes = Buffer.from(text, 'base64');
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new Type(copy);
}

/** A class whose probability error is below this for an example gets no update from it. */
const MIN_GRADIENT = 1e-3;

interface SparseVector {
  ids: Int32Array;
  values: Float64Array;
}

export class LinearModel {
  private readonly labelNames: Array<string | null>;
  /** Feature ids: word stems first, then character n-grams (one id space, one weight row each). */
  private readonly wordIds = new Map<string, number>();
  private readonly gramIds = new Map<string, number>();
  private readonly frequency: Int32Array;
  /** idf per feature id (from frequency), and of a feature no phrasing has. */
  private readonly idf: Float64Array;
  private readonly unknownIdf: number;
  private readonly documentCount: number;
  /** Quantised to 8 bits per weight, a scale per feature: a quarter of Float32's memory, the same ranking. */
  private readonly weights: Int8Array;
  private readonly scales: Float32Array;
  private readonly bias: Float32Array;
  private readonly wordShare: number;
  private readonly scratch: Float64Array;

  constructor(examples: ReadonlyArray<LabelledExample> | SerializedLinearModel, settings: Partial<LinearModelSettings> = {}) {
    if (!Array.isArray(examples)) {
      const trained = examples as SerializedLinearModel;
      this.labelNames = trained.labelNames;
      trained.words.forEach((f, id) => this.wordIds.set(f, id));
      trained.grams.forEach((f, id) => this.gramIds.set(f, trained.words.length + id));
      this.frequency = fromBase64(trained.frequency, Int32Array);
      this.documentCount = trained.documentCount;
      [this.idf, this.unknownIdf] = this.idfs();
      this.weights = fromBase64(trained.weights, Int8Array);
      this.scales = fromBase64(trained.scales, Float32Array);
      this.bias = fromBase64(trained.bias, Float32Array);
      this.wordShare = trained.wordShare;
      this.scratch = new Float64Array(this.labelNames.length);
      return;
    }
    const s = { ...DEFAULT_LINEAR_SETTINGS, ...settings };
    this.wordShare = s.wordShare;
    const labelIds = new Map<string | null, number>();
    for (const e of examples) if (!labelIds.has(e.label)) labelIds.set(e.label, labelIds.size);
    this.labelNames = [...labelIds.keys()];
    const classes = this.labelNames.length;
    this.scratch = new Float64Array(classes);
    this.documentCount = examples.length;

    // Document frequencies; features below minCount are left out.
    const featureSets = examples.map((e) => textFeatures(e.text));
    const frequency: number[] = [];
    for (const [block, ids] of [['words', this.wordIds], ['grams', this.gramIds]] as const) {
      const df = new Map<string, number>();
      for (const set of featureSets) if (set.words.size > 0) for (const key of set[block].keys()) df.set(key, (df.get(key) ?? 0) + 1);
      for (const [key, count] of df) {
        if (count < s.minCount) continue;
        ids.set(key, frequency.length);
        frequency.push(count);
      }
    }
    this.frequency = Int32Array.from(frequency);
    [this.idf, this.unknownIdf] = this.idfs();
    const vectors = featureSets.map((set) => this.vectorOf(set));
    const labels = Int32Array.from(examples, (e) => labelIds.get(e.label)!);

    const F = frequency.length;
    const w = new Float64Array(F * classes);
    const b = new Float64Array(classes);
    const gw = new Float64Array(F * classes);
    const gb = new Float64Array(classes);
    const p = new Float64Array(classes);
    const touched = new Int32Array(classes);
    const random = mulberry32(s.seed);
    const order = Array.from(examples, (_, i) => i);
    const EPS = 1e-8;
    for (let epoch = 0; epoch < s.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const doc of order) {
        const { ids, values } = vectors[doc]!;
        softmaxInto(p, b, w, ids, values, classes);
        p[labels[doc]!]! -= 1; // gradient of the log loss per class score
        for (let c = 0; c < classes; c++) {
          const g = p[c]!;
          gb[c]! += g * g;
          b[c]! -= (s.rate * g) / Math.sqrt(gb[c]! + EPS);
        }
        // Classes the example hardly moves (most of them, after the first passes) are skipped: much faster, same model.
        let active = 0;
        for (let c = 0; c < classes; c++) if (Math.abs(p[c]!) >= MIN_GRADIENT) touched[active++] = c;
        for (let k = 0; k < ids.length; k++) {
          const x = values[k]!;
          const row = ids[k]! * classes;
          for (let a = 0; a < active; a++) {
            const c = touched[a]!;
            const at = row + c;
            const g = p[c]! * x + s.l2 * w[at]!;
            gw[at]! += g * g;
            w[at]! -= (s.rate * g) / Math.sqrt(gw[at]! + EPS);
          }
        }
      }
    }
    [this.weights, this.scales] = quantised(w, F, classes);
    this.bias = Float32Array.from(b);
  }

  toJSON(): SerializedLinearModel {
    return {
      labelNames: this.labelNames,
      words: [...this.wordIds.keys()],
      grams: [...this.gramIds.keys()],
      documentCount: this.documentCount,
      frequency: toBase64(this.frequency),
      weights: toBase64(this.weights),
      scales: toBase64(this.scales),
      bias: toBase64(this.bias),
      wordShare: this.wordShare,
    };
  }

  /** Bytes held by the weights, biases and document frequencies (not counting the feature names). */
  get weightBytes(): number {
    return this.weights.byteLength + this.scales.byteLength + this.bias.byteLength + this.frequency.byteLength;
  }

  /** Probability per item and for "no answer". Never throws on user text. `features`: the question's textFeatures, when already made. */
  classify(question: string, features: TextFeatures = textFeatures(question)): LinearVerdict {
    if (features.words.size === 0) return EMPTY_LINEAR_VERDICT;
    const { ids, values } = this.vectorOf(features);
    const classes = this.labelNames.length;
    const p = this.scratch;
    for (let k = 0; k < ids.length; k++) values[k]! *= this.scales[ids[k]!]!;
    softmaxInto(p, this.bias, this.weights, ids, values, classes);
    const items: Array<{ id: string; probability: number }> = [];
    let noAnswer = 0;
    for (let c = 0; c < classes; c++) {
      const id = this.labelNames[c]!;
      if (id === null) noAnswer = p[c]!;
      else items.push({ id, probability: p[c]! });
    }
    items.sort((a, b) => b.probability - a.probability);
    return { items, noAnswer, words: features.words.size };
  }

  /** The TF-IDF vector: each block (stems, grams) of unit length, weighted by its share; unknown features count in the length. */
  private vectorOf(features: TextFeatures): SparseVector {
    if (features.words.size === 0) return { ids: new Int32Array(0), values: new Float64Array(0) };
    const ids = new Int32Array(features.words.size + features.grams.size);
    const values = new Float64Array(ids.length);
    let n = 0;
    for (const [block, share] of [[features.words, this.wordShare], [features.grams, 1 - this.wordShare]] as const) {
      const map = block === features.words ? this.wordIds : this.gramIds;
      const from = n;
      let norm = 0;
      for (const [key, count] of block) {
        const id = map.get(key);
        const weight = tf(count) * (id === undefined ? this.unknownIdf : this.idf[id]!);
        norm += weight * weight;
        if (id === undefined) continue;
        ids[n] = id;
        values[n++] = weight;
      }
      const scale = norm > 0 ? Math.sqrt(share / norm) : 0;
      for (let k = from; k < n; k++) values[k]! *= scale;
    }
    return { ids: ids.subarray(0, n), values: values.subarray(0, n) };
  }

  /** idf as the phrasing model computes it. */
  private idfs(): [Float64Array, number] {
    const idfOf = (df: number) => idf(this.documentCount, df);
    return [Float64Array.from(this.frequency, idfOf), idfOf(0)];
  }
}

/** Each feature's row of weights as Int8 (its largest weight → ±127) and the scale that gives them back. */
function quantised(w: Float64Array, features: number, classes: number): [Int8Array, Float32Array] {
  const weights = new Int8Array(features * classes);
  const scales = new Float32Array(features);
  for (let f = 0; f < features; f++) {
    let max = 0;
    for (let c = 0; c < classes; c++) max = Math.max(max, Math.abs(w[f * classes + c]!));
    const scale = max / 127;
    scales[f] = scale;
    if (scale > 0) for (let c = 0; c < classes; c++) weights[f * classes + c] = Math.round(w[f * classes + c]! / scale);
  }
  return [weights, scales];
}

function softmaxInto(p: Float64Array, bias: ArrayLike<number>, weights: ArrayLike<number>, ids: Int32Array, values: Float64Array, classes: number): void {
  for (let c = 0; c < classes; c++) p[c] = bias[c]!;
  for (let k = 0; k < ids.length; k++) {
    const x = values[k]!;
    const row = ids[k]! * classes;
    for (let c = 0; c < classes; c++) p[c]! += x * weights[row + c]!;
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < classes; c++) if (p[c]! > max) max = p[c]!;
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    p[c] = Math.exp(p[c]! - max);
    sum += p[c]!;
  }
  for (let c = 0; c < classes; c++) p[c]! /= sum;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
