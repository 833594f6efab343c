// Query-time synonym expansion from the domain list in search-terms.yaml.
import { isDutchStopWord, stemDutch } from './dutch-lunr';
import { foldedWords } from './text';

export interface SynonymHit {
  /** Positions in the question's words that triggered the group. */
  positions: number[];
  /** Stems of the meaningful words of the group's other phrasings, to search as well. */
  alternatives: string[];
}

interface Phrase {
  stems: string[];
  /** Stems of the words that are not stop words: what an expansion searches for. */
  searchStems: string[];
}

export class SynonymExpander {
  private readonly groups: Phrase[][];

  constructor(groups: ReadonlyArray<ReadonlyArray<string>>) {
    this.groups = groups.map((group) =>
      group.map((phrase) => {
        const words = foldedWords(phrase);
        return { stems: words.map(stemDutch), searchStems: words.filter((w) => !isDutchStopWord(w)).map(stemDutch) };
      }),
    );
  }

  /** Every group with a phrasing that occurs in the question (compared by stem, so plurals match too). */
  expand(questionStems: ReadonlyArray<string>): SynonymHit[] {
    const hits: SynonymHit[] = [];
    for (const group of this.groups) {
      const positions = new Set<number>();
      const matched = new Set<Phrase>();
      for (const phrase of group) {
        for (const start of occurrences(questionStems, phrase.stems)) {
          matched.add(phrase);
          for (let i = 0; i < phrase.stems.length; i++) positions.add(start + i);
        }
      }
      if (matched.size === 0) continue;
      const alternatives = group.filter((p) => !matched.has(p)).flatMap((p) => p.searchStems);
      hits.push({ positions: [...positions], alternatives });
    }
    return hits;
  }
}

function occurrences(haystack: ReadonlyArray<string>, needle: ReadonlyArray<string>): number[] {
  const starts: number[] = [];
  if (needle.length === 0) return starts;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    starts.push(i);
  }
  return starts;
}
