// Query-time synonym expansion from the domain list in search-terms.yaml.
import { isDutchStopWord, stemDutch } from './dutch-lunr';
import { foldedWords } from './text';

/** Words that deny what follows them ("niet acuut", "geen spoed"). */
export const NEGATION_WORDS: ReadonlySet<string> = new Set(['niet', 'geen']);
/** A negation denies at most this many words after it. */
export const NEGATION_REACH = 2;

export interface SynonymHit {
  /** Positions in the question's words that triggered the group. */
  positions: number[];
  /**
   * The positions that carry the group's meaning: its phrasings' words that are not stop words ("war" in
   * "in de war"), so that "in" and "de" do not count the group three times.
   */
  anchors: number[];
  /**
   * Anchors of a phrasing of several words whose anchors are all general words: the phrase means more than
   * its words ("zijn huis uit" is no general "huis"). In "ex partner" the meaning is in "partner".
   */
  phrasal: number[];
  /** Stems of the meaningful words of the group's other phrasings, to search as well. */
  alternatives: string[];
  /** Positions denied by a negation inside the matched phrasing ("geen spoed": "spoed"), each with the negation's position. */
  denied: Map<number, number>;
}

interface Phrase {
  stems: string[];
  /** For each word: only light words may stand between it and the one before, because that one is a stop word. */
  afterStop: boolean[];
  /** For each word: it is not a stop word (or the phrasing has nothing else). */
  anchor: boolean[];
  /** A phrasing of several words whose anchors are all general words ("zijn huis uit", "niet thuis geweest"). */
  phrasal: boolean;
  /** For each word, the index of the negation before it in this phrasing that denies it, or -1. */
  deniedBy: number[];
  /** Stems of the words that are neither stop words nor denied: what an expansion searches for. */
  searchStems: string[];
}

export class SynonymExpander {
  private readonly groups: Phrase[][];
  /** A phrasing's first stem → the groups (by index, ascending) with a phrasing that starts with it. */
  private readonly groupsByFirstStem = new Map<string, number[]>();

  /** `isGeneral`: whether a stem is a general word (who, where, which channel; see search-terms.yaml). */
  constructor(groups: ReadonlyArray<ReadonlyArray<string>>, isGeneral: (stem: string) => boolean = () => false) {
    this.groups = groups.map((group) =>
      group.map((phrase) => {
        const words = foldedWords(phrase);
        const deniedBy = words.map((_, j) => {
          for (let k = j - 1; k >= Math.max(0, j - NEGATION_REACH); k--) if (NEGATION_WORDS.has(words[k]!)) return k;
          return -1;
        });
        const stop = words.map((w) => isDutchStopWord(w));
        const allStop = stop.every(Boolean);
        const stems = words.map(stemDutch);
        const anchor = stop.map((isStop) => allStop || !isStop);
        return {
          stems,
          afterStop: words.map((_, j) => j > 0 && stop[j - 1]!),
          anchor,
          phrasal: stems.length > 1 && stems.every((stem, k) => !anchor[k] || isGeneral(stem)),
          deniedBy,
          searchStems: words.filter((w, j) => !isDutchStopWord(w) && deniedBy[j] === -1).map(stemDutch),
        };
      }),
    );
    this.groups.forEach((group, index) => {
      for (const phrase of group) {
        const first = phrase.stems[0];
        if (first === undefined) continue;
        const indexes = this.groupsByFirstStem.get(first);
        if (!indexes) this.groupsByFirstStem.set(first, [index]);
        else if (indexes[indexes.length - 1] !== index) indexes.push(index);
      }
    });
  }

  /**
   * Every group with a phrasing that occurs in the question, compared by stem (so plurals match too).
   * A phrasing's words may stand a little apart: "komt niet meer buiten" also matches "komt al
   * maanden niet meer buiten". `isLight`: the question's word at this position is a stop or filler word.
   */
  expand(questionStems: ReadonlyArray<string>, isLight: (position: number) => boolean = () => false): SynonymHit[] {
    const hits: SynonymHit[] = [];
    // Only groups with a phrasing whose first word is in the question can match: a handful of the
    // hundred, looked up instead of tried (in group order, so hits come out as before).
    const candidates = new Set<number>();
    for (const stem of questionStems) for (const index of this.groupsByFirstStem.get(stem) ?? []) candidates.add(index);
    for (const index of [...candidates].sort((a, b) => a - b)) {
      const group = this.groups[index]!;
      const positions = new Set<number>();
      const anchors = new Set<number>();
      const phrasal = new Set<number>();
      const denied = new Map<number, number>();
      const matched = new Set<Phrase>();
      for (const phrase of group) {
        for (const found of occurrences(questionStems, phrase, isLight)) {
          matched.add(phrase);
          found.forEach((position, j) => {
            positions.add(position);
            if (phrase.anchor[j]) anchors.add(position);
            if (phrase.anchor[j] && phrase.phrasal) phrasal.add(position);
            const negation = phrase.deniedBy[j]!;
            if (negation >= 0) denied.set(position, found[negation]!);
          });
        }
      }
      if (matched.size === 0) continue;
      const alternatives = group.filter((p) => !matched.has(p)).flatMap((p) => p.searchStems);
      hits.push({ positions: [...positions], anchors: [...anchors], phrasal: [...phrasal], alternatives, denied });
    }
    return hits;
  }
}

/** At most this many other words (not counting stop and filler words) may stand between two words of a phrasing … */
const MAX_PHRASE_GAP = 2;
/** … and at most this many words in all: "zorgen over een gezin melden" is "zorgen melden". */
const MAX_PHRASE_SPAN = 4;

/**
 * The positions of each occurrence of the phrasing in `haystack`, in order, with small gaps allowed; light
 * words (stop and filler words) do not count. After a stop word of the phrasing only light words may come
 * between: "niet meer wilde leven" is "niet meer leven", "in de schuld, waar" is no "in de war".
 */
function occurrences(haystack: ReadonlyArray<string>, phrase: Phrase, isLight: (position: number) => boolean): number[][] {
  const needle = phrase.stems;
  const found: number[][] = [];
  if (needle.length === 0) return found;
  for (let start = 0; start < haystack.length; start++) {
    if (haystack[start] !== needle[0]) continue;
    const positions = [start];
    for (let j = 1; j < needle.length; j++) {
      const previous = positions[j - 1]!;
      let next = -1;
      let heavy = 0;
      for (let i = previous + 1; i <= previous + 1 + MAX_PHRASE_SPAN && i < haystack.length; i++) {
        if (haystack[i] === needle[j]) {
          next = i;
          break;
        }
        if (isLight(i)) continue;
        if (phrase.afterStop[j] || ++heavy > MAX_PHRASE_GAP) break;
      }
      if (next < 0) break;
      positions.push(next);
    }
    if (positions.length === needle.length) found.push(positions);
  }
  return found;
}
