// Text folding shared by indexing and querying, so "Suïcide" and "suicide" meet.

/** Letters that no Unicode decomposition splits into a-z. */
const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ı: 'i' };

/**
 * Lowercases, strips accents and turns everything that is not a letter or digit into single spaces.
 * Compatibility forms are folded too: text pasted from a PDF has ligatures ("ﬁnanciële"), a phone may
 * type full-width digits; both would otherwise lose letters.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæøœłđı]/g, (letter) => LETTERS_WITHOUT_DECOMPOSITION[letter]!)
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
