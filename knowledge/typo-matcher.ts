// Finds the index terms within a small edit distance of a misspelt word.
// lunr's own fuzzy matching builds an automaton per query that costs milliseconds for long words on a
// large vocabulary; comparing against the terms of about the same length and first letter is far cheaper.
// (Typos in the first letter are rare; a word typed that way is simply not corrected.)

export class TypoMatcher {
  private readonly buckets = new Map<string, string[]>();

  constructor(terms: Iterable<string>) {
    for (const term of terms) {
      const key = bucketKey(term[0] ?? '', term.length);
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(term);
      else this.buckets.set(key, [term]);
    }
  }

  /** Terms at most `maxDistance` edits (insert, delete, substitute, swap neighbours) from `word`. */
  near(word: string, maxDistance: number): string[] {
    const matches: string[] = [];
    const first = word[0] ?? '';
    for (let length = word.length - maxDistance; length <= word.length + maxDistance; length++) {
      for (const term of this.buckets.get(bucketKey(first, length)) ?? []) {
        if (term !== word && boundedDistance(word, term, maxDistance) <= maxDistance) matches.push(term);
      }
    }
    return matches;
  }
}

function bucketKey(first: string, length: number): string {
  return `${first}${length}`;
}

// Three rows of the distance table, reused across calls: the answer path should not allocate per candidate.
const MAX_WORD = 64;
let rowBeforePrevious = new Int32Array(MAX_WORD + 1);
let rowPrevious = new Int32Array(MAX_WORD + 1);
let rowCurrent = new Int32Array(MAX_WORD + 1);

/** Optimal-string-alignment distance, giving up (returning max + 1) once every path exceeds max. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length > MAX_WORD || b.length > MAX_WORD) return max + 1;
  for (let j = 0; j <= b.length; j++) rowPrevious[j] = j;
  for (let i = 1; i <= a.length; i++) {
    rowCurrent[0] = i;
    let rowMinimum = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let value = Math.min(rowPrevious[j]! + 1, rowCurrent[j - 1]! + 1, rowPrevious[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, rowBeforePrevious[j - 2]! + 1);
      rowCurrent[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > max) return max + 1;
    const recycled = rowBeforePrevious;
    rowBeforePrevious = rowPrevious;
    rowPrevious = rowCurrent;
    rowCurrent = recycled;
  }
  return rowPrevious[b.length]!;
}
