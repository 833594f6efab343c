// The lunr index over knowledge items, and the query that staff questions become.
// Built once (at start); answering only queries it.
import { dutch, isDutchStopWord, lunr, stemDutch } from './dutch-lunr';
import type { KnowledgeItem, SearchTerms } from './schema';
import { NEGATION_REACH, SynonymExpander } from './synonyms';
import { foldText, foldedWords } from './text';
import { ExactTermScorer } from './term-scorer';
import { TypoMatcher } from './typo-matcher';

// Titles, staff phrasings and keywords say what an item is about; the body only supports.
const FIELD_BOOSTS = { title: 6, questions: 5, keywords: 5, summary: 2, body: 1 } as const;
const TOPIC_FIELDS = ['title', 'questions', 'keywords'] as const;

const EXACT_BOOST = 10;
const FUZZY_BOOST = 3;
const SYNONYM_BOOST = 6;
/**
 * A general word (who, where, through which channel: "bewoner", "balie", "telefoon") helps choose
 * between routes that fit, with this share of a topic word's boost, and counts for this share of a topic
 * word's weight in coverage. It never makes an answer on its own (see `topical`).
 */
const GENERAL_BOOST_SHARE = 0.5;
const GENERAL_WEIGHT_SHARE = 0.3;
/**
 * A word the content does not know (not even misspelt) still says something the question is about;
 * in coverage it weighs as much as a word found in a quarter of the items.
 */
const UNKNOWN_WEIGHT = Math.log(1 + 4);
/** A misspelt word makes an answer on its own only from this length: shorter ones match other words by chance. */
const MIN_TYPO_TOPIC = 7;
/** The shortest tail of a compound word ("alcohol|verslaving") looked up when the whole word is unknown. */
const MIN_COMPOUND_TAIL = 5;
/** The shortest head of a compound word ("hennep|geur") looked up the same way. */
const MIN_COMPOUND_HEAD = 5;
/** Heads tried per unknown word, longest first (each costs a stemmer call). */
const MAX_HEAD_TRIES = 10;
/** Diminutive endings: "jongetje", "briefje", "vraagjes". */
const DIMINUTIVE = /(etjes|etje|tjes|tje|pjes|pje|jes|je)$/;
/** An item's score is lunr's score times (floor + (1 - floor) × coverage): what explains the whole question wins. */
const COVERAGE_FLOOR = 0.5;
/** Longer user texts add nothing to finding a route after this many words. */
const MAX_QUERY_WORDS = 60;
/** Callers show at most a handful. Coverage is worked out for twice as many, which are then re-ranked. */
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
  /** Share (0–1) of the question's meaning found in this item: rare words count most, general words little. */
  coverage: number;
  /** The item matches at least one of the question's topic words (not only general words). */
  topical: boolean;
}

// lunr keeps these public on the index at run time; its type definitions leave them out.
interface LunrIndexInternals {
  invertedIndex: Record<string, Record<string, object>>;
}

interface QueryWord {
  stem: string;
  inContent: boolean;
  /** A general word: it helps ranking a little and is not enough for an answer. */
  general: boolean;
  /** Index terms near enough to count as the same word: within typo distance, or the tail of a compound. */
  looseMatches: string[];
  /** The loose matches are misspellings (a compound's part never makes an answer on its own). */
  typo: boolean;
  /** The loose match is the word itself without its diminutive ending ("briefje": "brief"). */
  diminutive: boolean;
  /** Stems that count as this word: its synonyms' words that the content uses. */
  alternatives: Set<string>;
}

export class SearchIndex {
  private readonly index: lunr.Index;
  private readonly synonyms: SynonymExpander;
  private readonly fillerStems: Set<string>;
  private readonly generalStems: Set<string>;
  private readonly documentFrequency = new Map<string, number>();
  private readonly documentCount: number;
  private readonly typos: TypoMatcher;
  /** lunr's scores for exact terms, without lunr's per-query automata (see term-scorer.ts). */
  private readonly scorer: ExactTermScorer;

  /** `prebuilt`: this same index as serialised by toJSON() for the same items (see prebuilt.ts). */
  constructor(items: ReadonlyArray<KnowledgeItem>, terms: SearchTerms, prebuilt?: object) {
    const stems = (words: ReadonlyArray<string>) => new Set(words.flatMap((w) => foldedWords(w)).map(stemDutch));
    this.fillerStems = stems(terms.fillerWords);
    this.generalStems = stems(terms.generalWords);
    this.synonyms = new SynonymExpander(terms.synonyms, (stem) => this.generalStems.has(stem));
    this.documentCount = Math.max(1, items.length);
    this.index = prebuilt ? lunr.Index.load(prebuilt) : buildIndex(items);
    this.countDocumentFrequencies();
    this.typos = new TypoMatcher(this.documentFrequency.keys());
    this.scorer = new ExactTermScorer(this.index);
  }

  /** The lunr index as JSON, for lunr.Index.load at the next start. */
  toJSON(): object {
    return this.index.toJSON();
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
      const share = word.general ? GENERAL_BOOST_SHARE : 1;
      if (word.inContent) clauses.push({ term: word.stem, boost: EXACT_BOOST * share });
      for (const term of word.looseMatches) clauses.push({ term, boost: FUZZY_BOOST * share });
      // A synonym group should weigh about as much as one word, however many phrasings it lists.
      const alternativeBoost = (SYNONYM_BOOST * share) / Math.max(1, Math.sqrt(word.alternatives.size));
      for (const term of word.alternatives) clauses.push({ term, boost: alternativeBoost });
    }
    // lunr answers a query without clauses with every document.
    if (clauses.length === 0) return [];
    const results = this.scorer.query(clauses);

    const weights = queryWords.map((word) => this.informationWeight(word));
    const terms = queryWords.map(termsOf);
    return results
      .slice(0, MAX_HITS * 2)
      .map((result) => {
        const match = matchOf(queryWords, terms, weights, result.matchData.metadata as Record<string, unknown>);
        return { id: result.ref, score: result.score * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * match.coverage), ...match };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_HITS);
  }

  /**
   * How much a word says about the route: its inverse document frequency, so that "schuldhulp" says more
   * than "lang"; half that when it is only matched loosely (a typo, a compound part); a fixed weight when
   * the content does not know it at all; a share of it for a general word.
   */
  private informationWeight(word: QueryWord): number {
    const idf = (term: string) => Math.log(1 + this.documentCount / (this.documentFrequency.get(term) ?? this.documentCount));
    const share = word.general ? GENERAL_WEIGHT_SHARE : 1;
    const direct = Math.max(0, ...[word.stem, ...word.alternatives].filter((t) => this.documentFrequency.has(t)).map(idf));
    if (direct > 0) return direct * share;
    if (word.looseMatches.length > 0) return (Math.max(0, ...word.looseMatches.map(idf)) / 2) * share;
    return UNKNOWN_WEIGHT * share;
  }

  /** A synonym's word worth searching: the content uses it and it is neither a filler nor a general word. */
  private isSearchable(stem: string): boolean {
    return this.documentFrequency.has(stem) && !this.fillerStems.has(stem) && !this.generalStems.has(stem);
  }

  private isTooCommon(term: string): boolean {
    const frequency = this.documentFrequency.get(term) ?? 0;
    return frequency > COMMON_WORD_MIN_DOCUMENTS && frequency > this.documentCount * COMMON_WORD_SHARE;
  }

  private meaningfulWords(words: string[], stems: string[]): QueryWord[] {
    const synonymHits = this.synonyms.expand(stems, (i) => isDutchStopWord(words[i]!) || this.fillerStems.has(stems[i]!));
    const negatedBy = negations(words);
    for (const hit of synonymHits) for (const [position, negation] of hit.denied) negatedBy.set(position, negation);
    const alternativesAt = new Map<number, Set<string>>();
    const phrasal = new Set(synonymHits.flatMap((hit) => hit.phrasal));
    for (const hit of synonymHits) {
      for (const position of hit.anchors) {
        // "niet acuut" gets no meaning from the group of "acuut"; "geen spoed" does from its own group.
        const negator = negatedBy.get(position);
        if (negator !== undefined && !hit.positions.includes(negator)) continue;
        const set = alternativesAt.get(position) ?? new Set<string>();
        for (const stem of hit.alternatives) if (this.isSearchable(stem)) set.add(stem);
        alternativesAt.set(position, set);
      }
    }
    const seen = new Set<string>();
    const result: QueryWord[] = [];
    words.forEach((word, i) => {
      const stem = stems[i]!;
      const alternatives = alternativesAt.get(i) ?? new Set<string>();
      // A filler word ("meld", "waar") only counts when a synonym group gives it meaning, and then
      // only through that group ("zorgen melden" searches "zorgmelding", not "melden").
      // A negated word ("niet acuut", "geen spoed") is no evidence for itself; only a phrasing with the
      // negation in a synonym group ("geen spoed" → "niet dringend") gives it meaning.
      // A number ("20", "15.000") says nothing about the route unless a synonym group knows it ("112").
      const isFiller = this.fillerStems.has(stem) || isDutchStopWord(word) || negatedBy.has(i) || /^\d+$/.test(word);
      if ((isFiller && alternatives.size === 0) || stem.length < 2 || seen.has(stem)) return;
      seen.add(stem);
      alternatives.delete(stem);
      if (this.isTooCommon(stem)) return;
      for (const alternative of alternatives) if (this.isTooCommon(alternative)) alternatives.delete(alternative);
      const inContent = !isFiller && this.documentFrequency.has(stem);
      // Only a word the content does not know is looked up loosely: cheaper, and fewer false matches.
      const loose = inContent || isFiller ? { terms: [], typo: false, diminutive: false } : this.looseMatches(stem, word);
      result.push({ stem, inContent, general: this.generalStems.has(stem) && !phrasal.has(i), looseMatches: loose.terms, typo: loose.typo, diminutive: loose.diminutive, alternatives });
    });
    return result;
  }

  /** Index terms for an unknown word: the words it may be a misspelling of, else the parts of a compound. */
  private looseMatches(stem: string, word: string): { terms: string[]; typo: boolean; diminutive: boolean } {
    const diminutive = this.diminutiveBase(word);
    if (diminutive !== undefined) return { terms: [diminutive], typo: false, diminutive: true };
    const distance = fuzzyDistance(stem);
    const typos = distance === 0 ? [] : this.typos.near(stem, distance).filter((t) => !this.isTooCommon(t));
    if (typos.length > 0) return { terms: typos, typo: true, diminutive: false };
    return { terms: this.compoundParts(stem), typo: false, diminutive: false };
  }

  /** The stemmer leaves diminutives alone: "briefje", "vraagjes" are searched as "brief", "vraag". */
  private diminutiveBase(word: string): string | undefined {
    const match = DIMINUTIVE.exec(word);
    if (!match || match.index < 3) return undefined;
    const base = stemDutch(word.slice(0, match.index));
    return this.documentFrequency.has(base) && !this.isTooCommon(base) && !this.generalStems.has(base) ? base : undefined;
  }

  /**
   * Dutch writes compounds as one word ("alcoholverslaving", "zelfmoordpoging", "hennepgeur"). For an
   * unknown word, the longest tail the content knows is searched, and the longest head ("zelfmoord",
   * also without a linking s or e: "omgevings|vergunning").
   */
  private compoundParts(stem: string): string[] {
    const known = (part: string) => this.documentFrequency.has(part) && !this.isTooCommon(part) && !this.generalStems.has(part) && !this.fillerStems.has(part);
    const parts: string[] = [];
    for (let start = 3; start <= stem.length - MIN_COMPOUND_TAIL; start++) {
      const tail = stem.slice(start);
      if (known(tail)) {
        parts.push(tail);
        break;
      }
    }
    for (let end = stem.length - 3; end >= Math.max(MIN_COMPOUND_HEAD, stem.length - 3 - MAX_HEAD_TRIES); end--) {
      const head = stem.slice(0, end);
      const stemmed = stemDutch(head);
      const unlinked = /(s|e)$/.test(head) ? stemDutch(head.slice(0, -1)) : stemmed;
      const found = [stemmed, unlinked].find(known);
      if (found !== undefined) {
        if (!parts.includes(found)) parts.push(found);
        break;
      }
    }
    return parts;
  }
}

/**
 * "niet" denies the next words wherever it stands ("niet acuut", "niet agressief"). "geen" does so only
 * within a synonym phrasing ("geen spoed"): "geen woning" or "geen loon" names the very problem.
 */
function negations(words: ReadonlyArray<string>): Map<number, number> {
  const negatedBy = new Map<number, number>();
  words.forEach((word, i) => {
    if (word === 'niet') for (let j = i + 1; j <= i + NEGATION_REACH && j < words.length; j++) negatedBy.set(j, i);
  });
  return negatedBy;
}

/** Typo tolerance grows with word length: short words must be exact. */
function fuzzyDistance(stem: string): number {
  if (stem.length >= 9) return 2;
  if (stem.length >= 5) return 1;
  return 0;
}

/** A query word's terms as arrays, made once per question rather than once per hit. */
interface QueryTerms {
  /** The word's own stem when the content has it, and its synonyms' stems. */
  direct: string[];
  loose: string[];
}

function termsOf(word: QueryWord): QueryTerms {
  return { direct: word.inContent ? [word.stem, ...word.alternatives] : [...word.alternatives], loose: word.looseMatches };
}

/** Coverage and topicality of one hit, from the terms lunr found in it. */
function matchOf(
  words: ReadonlyArray<QueryWord>,
  terms: ReadonlyArray<QueryTerms>,
  weights: ReadonlyArray<number>,
  matched: Readonly<Record<string, unknown>>,
): { coverage: number; topical: boolean } {
  // Plain loops: this runs for every hit of every question, and the answer turn should not allocate here.
  let total = 0;
  for (const weight of weights) total += weight;
  let covered = 0;
  let topical = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const { direct, loose } = terms[i]!;
    if (!someMatched(direct, matched) && !someMatched(loose, matched)) continue;
    covered += weights[i]!;
    if (word.general || topical) continue;
    const looseTopical = word.diminutive || (word.typo && word.stem.length >= MIN_TYPO_TOPIC);
    if (someDescribes(direct, matched) || (looseTopical && someDescribes(loose, matched))) topical = true;
  }
  return { coverage: total === 0 ? 0 : covered / total, topical };
}

function someMatched(terms: ReadonlyArray<string>, matched: Readonly<Record<string, unknown>>): boolean {
  for (let i = 0; i < terms.length; i++) if (Object.hasOwn(matched, terms[i]!)) return true;
  return false;
}

/** What an item is about is in its title, keywords and staff phrasings; a word only in the body may be there by chance. */
function describes(term: string, matched: Readonly<Record<string, unknown>>): boolean {
  if (!Object.hasOwn(matched, term)) return false;
  const fields = matched[term] as object;
  for (let i = 0; i < TOPIC_FIELDS.length; i++) if (Object.hasOwn(fields, TOPIC_FIELDS[i]!)) return true;
  return false;
}

function someDescribes(terms: ReadonlyArray<string>, matched: Readonly<Record<string, unknown>>): boolean {
  for (let i = 0; i < terms.length; i++) if (describes(terms[i]!, matched)) return true;
  return false;
}

function buildIndex(items: ReadonlyArray<KnowledgeItem>): lunr.Index {
  return lunr(function () {
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
}
