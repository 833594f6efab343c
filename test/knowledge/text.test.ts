// foldText and foldedWords: the one folding that indexing and querying share.
import { describe, expect, it } from 'vitest';
import { foldedWords, foldText } from '../../knowledge/text';

describe('foldText', () => {
  it('lowercases', () => {
    expect(foldText('HUISELIJK Geweld')).toBe('huiselijk geweld');
  });

  it('strips accents so that "Suïcide" and "suicide" meet', () => {
    expect(foldText('Suïcide')).toBe('suicide');
    expect(foldText('naïeve crème brûlée één')).toBe('naieve creme brulee een');
    expect(foldText('ÉÉN')).toBe('een');
  });

  it('turns every run of punctuation and whitespace into one space', () => {
    expect(foldText('huur-achterstand,  (2 maanden)!!\n\tnu?')).toBe('huur achterstand 2 maanden nu');
    expect(foldText("m'n ex-partner")).toBe('m n ex partner');
  });

  it('folds what no accent-stripping splits: ligatures pasted from a PDF, ß, æ, ø, œ, full-width digits', () => {
    expect(foldText('ﬁnanciële problemen, ﬂat')).toBe('financiele problemen flat');
    expect(foldText('Straße Ærø Œuvre')).toBe('strasse aero oeuvre');
    expect(foldText('bel １１２')).toBe('bel 112');
  });

  it('keeps digits', () => {
    expect(foldText('Bel 112 of 0800-0113')).toBe('bel 112 of 0800 0113');
  });

  it('trims, and folds text without letters or digits to the empty string', () => {
    expect(foldText('  ...geweld...  ')).toBe('geweld');
    expect(foldText('?!—…')).toBe('');
    expect(foldText('')).toBe('');
  });

  it('is idempotent', () => {
    const once = foldText('Zorgmelding: Wvggz — verkennend onderzoek (Baarn)');
    expect(foldText(once)).toBe(once);
  });
});

describe('foldedWords', () => {
  it('splits the folded text into words', () => {
    expect(foldedWords('Waar meld ik: huiselijk-geweld?')).toEqual(['waar', 'meld', 'ik', 'huiselijk', 'geweld']);
  });

  it('returns no words (not one empty word) for text without letters or digits', () => {
    expect(foldedWords('')).toEqual([]);
    expect(foldedWords('  ?!  ')).toEqual([]);
  });

  it('keeps only the first `limit` words of a long text', () => {
    expect(foldedWords('een twee drie vier vijf', 3)).toEqual(['een', 'twee', 'drie']);
    expect(foldedWords('een twee', 3)).toEqual(['een', 'twee']);
    expect(foldedWords('een twee drie', 0)).toEqual([]);
  });

  it('has no limit by default', () => {
    const text = Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ');
    expect(foldedWords(text)).toHaveLength(500);
  });
});
