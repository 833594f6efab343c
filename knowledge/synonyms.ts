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
  /** Stems of the meaningful words of the group's other phrasings, to search as well. */
  alternatives: string[];
  /** Positions denied by a negation inside the matched phrasing ("geen spoed": "spoed"), each with the negation's position. */
  denied: Map<number, number>;
}

interface Phrase {
  stems: string[];
  /** For each word, the index of the negation before it in this phrasing that denies it, or -1. */
  deniedBy: number[];
  /** Stems of the words that are neither stop words nor denied: what an expansion searches for. */
  searchStems: string[];
}

export class SynonymExpander {
  private readonly groups: Phrase[][];

  constructor(groups: ReadonlyArray<ReadonlyArray<string>>) {
    this.groups = groups.map((group) =>
      group.map((phrase) => {
        const words = foldedWords(phrase);
        const deniedBy = words.map((_, j) => {
          for (let k = j - 1; k >= Math.max(0, j - NEGATION_REACH); k--) if (NEGATION_WORDS.has(words[k]!)) return k;
          return -1;
        });
        return {
          stems: words.map(stemDutch),
          deniedBy,
          searchStems: words.filter((w, j) => !isDutchStopWord(w) && deniedBy[j] === -1).map(stemDutch),
        };
      }),
    );
  }

  /**
   * Every group with a phrasing that occurs in the question, compared by stem (so plurals match too).
   * A phrasing's words may stand a little apart: "komt niet meer buiten" also matches "komt al
   * maanden niet meer buiten".
   */
  expand(questionStems: ReadonlyArray<string>): SynonymHit[] {
    const hits: SynonymHit[] = [];
    for (const group of this.groups) {
      const positions = new Set<number>();
      const denied = new Map<number, number>();
      const matched = new Set<Phrase>();
      for (const phrase of group) {
        for (const found of occurrences(questionStems, phrase.stems)) {
          matched.add(phrase);
          found.forEach((position, j) => {
            positions.add(position);
            const negation = phrase.deniedBy[j]!;
            if (negation >= 0) denied.set(position, found[negation]!);
          });
        }
      }
      if (matched.size === 0) continue;
      const alternatives = group.filter((p) => !matched.has(p)).flatMap((p) => p.searchStems);
      hits.push({ positions: [...positions], alternatives, denied });
    }
    return hits;
  }
}

/** At most this many other words may stand between two words of a phrasing. */
const MAX_PHRASE_GAP = 2;

/** The positions of each occurrence of `needle` in `haystack`, in order, with small gaps allowed. */
function occurrences(haystack: ReadonlyArray<string>, needle: ReadonlyArray<string>): number[][] {
  const found: number[][] = [];
  if (needle.length === 0) return found;
  for (let start = 0; start < haystack.length; start++) {
    if (haystack[start] !== needle[0]) continue;
    const positions = [start];
    for (let j = 1; j < needle.length; j++) {
      const previous = positions[j - 1]!;
      let next = -1;
      for (let i = previous + 1; i <= previous + 1 + MAX_PHRASE_GAP && i < haystack.length; i++) {
        if (haystack[i] === needle[j]) {
          next = i;
          break;
        }
      }
      if (next < 0) break;
      positions.push(next);
    }
    if (positions.length === needle.length) found.push(positions);
  }
  return found;
}
