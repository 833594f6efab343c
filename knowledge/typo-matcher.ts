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

/** Optimal-string-alignment distance, giving up (returning max + 1) once every path exceeds max. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2]! + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > max) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}
