// Text folding shared by indexing and querying, so "Suïcide" and "suicide" meet.

/** Lowercases, strips accents and turns everything that is not a letter or digit into single spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The folded words of a text, at most `limit` of them (long pasted texts add nothing after that). */
export function foldedWords(text: string, limit = Number.POSITIVE_INFINITY): string[] {
  const folded = foldText(text);
  if (folded === '') return [];
  const words = folded.split(' ');
  return words.length > limit ? words.slice(0, limit) : words;
}
