// Finds the index terms within a small edit distance of a misspelt word.
// lunr's own fuzzy matching builds an automaton per query that costs milliseconds for long words on a
// large vocabulary; comparing against the terms of about the same length and first letter is far cheaper.
// (Typos in the first letter are rare; a word typed that way is simply not corrected.)

export class TypoMatcher {
  private readonly buckets = new Map<string, { terms: string[]; letters: number[] }>();

  constructor(terms: Iterable<string>) {
    for (const term of terms) {
      const key = bucketKey(term[0] ?? '', term.length);
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = { terms: [], letters: [] }));
      bucket.terms.push(term);
      bucket.letters.push(letterSet(term));
    }
  }

  /** Terms at most `maxDistance` edits (insert, delete, substitute, swap neighbours) from `word`. */
  near(word: string, maxDistance: number): string[] {
    const matches: string[] = [];
    const first = word[0] ?? '';
    const letters = letterSet(word);
    for (let length = word.length - maxDistance; length <= word.length + maxDistance; length++) {
      const bucket = this.buckets.get(bucketKey(first, length));
      if (!bucket) continue;
      for (let i = 0; i < bucket.terms.length; i++) {
        // Each edit brings in or takes away at most one kind of letter: a cheap test before the real one.
        const other = bucket.letters[i]!;
        if (bitCount(letters & ~other) > maxDistance || bitCount(other & ~letters) > maxDistance) continue;
        const term = bucket.terms[i]!;
        if (term !== word && boundedDistance(word, term, maxDistance) <= maxDistance) matches.push(term);
      }
    }
    return matches;
  }
}

/** The letters a-z (and, together, everything else) a word contains, as bits. */
function letterSet(word: string): number {
  let set = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i) - 97;
    set |= 1 << (code >= 0 && code < 26 ? code : 26);
  }
  return set;
}

function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
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
