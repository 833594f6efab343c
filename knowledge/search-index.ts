// The lunr index over knowledge items, and the query that staff questions become.
// Built once (at start); answering only queries it.
import { dutch, isDutchStopWord, lunr, stemDutch } from './dutch-lunr';
import type { KnowledgeItem } from './schema';
import { SynonymExpander } from './synonyms';
import { foldText, foldedWords } from './text';
import { TypoMatcher } from './typo-matcher';

// Titles, staff phrasings and keywords say what an item is about; the body only supports.
const FIELD_BOOSTS = { title: 6, questions: 5, keywords: 5, summary: 2, body: 1 } as const;

const EXACT_BOOST = 10;
const FUZZY_BOOST = 3;
const SYNONYM_BOOST = 6;
/** Longer user texts add nothing to finding a route after this many words. */
const MAX_QUERY_WORDS = 60;
/** Callers show at most a handful; coverage is only worked out for these. */
const MAX_HITS = 10;
/**
 * A word found in more than this share of a large collection tells no route from another and makes
 * lunr score every document; it is left out of the query (never in a collection of 1,000 items or fewer).
 */
const COMMON_WORD_SHARE = 0.05;
const COMMON_WORD_MIN_DOCUMENTS = 50;

export interface IndexHit {
  id: string;
  score: number;
  /** Share (0–1) of the question's meaningful words found in this item. */
  coverage: number;
}

// lunr keeps these public on the index at run time; its type definitions leave them out.
interface LunrIndexInternals {
  invertedIndex: Record<string, Record<string, object>>;
}

interface QueryWord {
  stem: string;
  inContent: boolean;
  /** Index terms within typo distance, when the word itself is not in the content. */
  typoMatches: string[];
  /** Stems that count as this word: its synonyms' words that the content uses. */
  alternatives: Set<string>;
}

export class SearchIndex {
  private readonly index: lunr.Index;
  private readonly synonyms: SynonymExpander;
  private readonly fillerStems: Set<string>;
  private readonly documentFrequency = new Map<string, number>();
  private readonly documentCount: number;
  private readonly typos: TypoMatcher;

  constructor(items: ReadonlyArray<KnowledgeItem>, synonymGroups: ReadonlyArray<ReadonlyArray<string>>, fillerWords: ReadonlyArray<string>) {
    this.synonyms = new SynonymExpander(synonymGroups);
    this.fillerStems = new Set(fillerWords.flatMap((w) => foldedWords(w)).map(stemDutch));
    this.documentCount = Math.max(1, items.length);
    this.index = lunr(function () {
      this.use(dutch);
      this.ref('id');
      for (const [field, boost] of Object.entries(FIELD_BOOSTS)) this.field(field, { boost });
      // Scores are compared across questions for the confidence cut-off; no per-field length bias.
      this.b(0.5);
      for (const item of items) {
        this.add({
          id: item.id,
          title: foldText(item.title),
          questions: foldText(item.questions.join(' . ')),
          keywords: foldText(item.keywords.join(' . ')),
          summary: foldText(item.summary),
          body: foldText(item.body),
        });
      }
    });
    this.countDocumentFrequencies();
    this.typos = new TypoMatcher(this.documentFrequency.keys());
  }

  private countDocumentFrequencies(): void {
    const postings = (this.index as unknown as LunrIndexInternals).invertedIndex;
    for (const [term, posting] of Object.entries(postings)) {
      const documents = new Set<string>();
      for (const [field, refs] of Object.entries(posting)) {
        if (field !== '_index') for (const ref of Object.keys(refs)) documents.add(ref);
      }
      this.documentFrequency.set(term, documents.size);
    }
  }

  /** Items matching the question, best first. Never throws on user text. */
  search(question: string): IndexHit[] {
    const words = foldedWords(question, MAX_QUERY_WORDS);
    const queryWords = this.meaningfulWords(words, words.map(stemDutch));
    if (queryWords.length === 0) return [];

    const clauses: Array<{ term: string; boost: number }> = [];
    for (const word of queryWords) {
      if (word.inContent) clauses.push({ term: word.stem, boost: EXACT_BOOST });
      for (const term of word.typoMatches) clauses.push({ term, boost: FUZZY_BOOST });
      // A synonym group should weigh about as much as one word, however many phrasings it lists.
      const alternativeBoost = SYNONYM_BOOST / Math.max(1, Math.sqrt(word.alternatives.size));
      for (const term of word.alternatives) clauses.push({ term, boost: alternativeBoost });
    }
    // lunr answers a query without clauses with every document.
    if (clauses.length === 0) return [];
    const results = this.index.query((query) => {
      for (const { term, boost } of clauses) query.term(term, { boost, usePipeline: false });
    });

    // Coverage weighs each word by how rare it is in the content: "schuldhulp" says more than "lang".
    // Words the content never uses (not even with a typo) cannot tell routes apart and weigh nothing.
    const weights = queryWords.map((word) => this.informationWeight(word));
    return results.slice(0, MAX_HITS).map((result) => ({
      id: result.ref,
      score: result.score,
      coverage: coverage(queryWords, weights, result.matchData.metadata as Record<string, unknown>),
    }));
  }

  /** The highest inverse document frequency among the index terms this word matches; 0 when none. */
  private informationWeight(word: QueryWord): number {
    const idf = (term: string) => Math.log(1 + this.documentCount / (this.documentFrequency.get(term) ?? this.documentCount));
    const direct = Math.max(0, ...[word.stem, ...word.alternatives].filter((t) => this.documentFrequency.has(t)).map(idf));
    if (direct > 0) return direct;
    // Known only through a typo match: it may be a misspelling or an unrelated word, so it weighs half.
    return Math.max(0, ...word.typoMatches.map(idf)) / 2;
  }

  private isTooCommon(term: string): boolean {
    const frequency = this.documentFrequency.get(term) ?? 0;
    return frequency > COMMON_WORD_MIN_DOCUMENTS && frequency > this.documentCount * COMMON_WORD_SHARE;
  }

  private meaningfulWords(words: string[], stems: string[]): QueryWord[] {
    const alternativesAt = new Map<number, Set<string>>();
    for (const hit of this.synonyms.expand(stems)) {
      for (const position of hit.positions) {
        const set = alternativesAt.get(position) ?? new Set<string>();
        for (const stem of hit.alternatives) if (this.documentFrequency.has(stem)) set.add(stem);
        alternativesAt.set(position, set);
      }
    }
    const seen = new Set<string>();
    const result: QueryWord[] = [];
    words.forEach((word, i) => {
      const stem = stems[i]!;
      const alternatives = alternativesAt.get(i) ?? new Set<string>();
      // A filler word ("meld", "waar") only counts when a synonym group gives it meaning.
      const isFiller = this.fillerStems.has(stem) || isDutchStopWord(word);
      if ((isFiller && alternatives.size === 0) || stem.length < 2 || seen.has(stem)) return;
      seen.add(stem);
      alternatives.delete(stem);
      if (this.isTooCommon(stem)) return;
      for (const alternative of alternatives) if (this.isTooCommon(alternative)) alternatives.delete(alternative);
      const inContent = this.documentFrequency.has(stem);
      // Only a word the content does not know is treated as a possible typo: cheaper, and fewer false matches.
      const distance = fuzzyDistance(stem);
      const typoMatches =
        inContent || distance === 0
          ? []
          : this.typos.near(stem, distance);
      result.push({ stem, inContent, typoMatches: typoMatches.filter((t) => !this.isTooCommon(t)), alternatives });
    });
    return result;
  }
}

/** Typo tolerance grows with word length: short words must be exact. */
function fuzzyDistance(stem: string): number {
  if (stem.length >= 9) return 2;
  if (stem.length >= 5) return 1;
  return 0;
}

function coverage(
  words: ReadonlyArray<QueryWord>,
  weights: ReadonlyArray<number>,
  matched: Readonly<Record<string, unknown>>,
): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total === 0) return 0;
  let covered = 0;
  for (const [i, word] of words.entries()) {
    const hit =
      Object.hasOwn(matched, word.stem) ||
      [...word.alternatives].some((t) => Object.hasOwn(matched, t)) ||
      word.typoMatches.some((t) => Object.hasOwn(matched, t));
    if (hit) covered += weights[i]!;
  }
  return covered / total;
}
