// The typo distance and the lookup of index terms near a misspelt word.
import { describe, expect, it } from 'vitest';
import { boundedDistance, TypoMatcher } from '../../knowledge/typo-matcher';

describe('boundedDistance (optimal string alignment, bounded)', () => {
  it('counts one edit for a substitution, an insertion, a deletion and a swap of neighbours', () => {
    expect(boundedDistance('huurachterstand', 'huurachterstand', 2)).toBe(0);
    expect(boundedDistance('schuldhulp', 'schuldhelp', 2)).toBe(1); // substitution
    expect(boundedDistance('vermist', 'vermisst', 2)).toBe(1); // insertion
    expect(boundedDistance('radicalisering', 'radicaliseing', 2)).toBe(1); // deletion
    expect(boundedDistance('huiselijk', 'huiseljik', 2)).toBe(1); // neighbours swapped
  });

  it('adds edits up', () => {
    expect(boundedDistance('mensenhandel', 'mensnhandle', 3)).toBe(2);
  });

  it('gives up past the bound with bound + 1, also when the lengths alone differ too much', () => {
    expect(boundedDistance('stalking', 'talkshow', 1)).toBe(2);
    expect(boundedDistance('wvggz', 'wvggzmelding', 2)).toBe(3);
  });

  it('does not compare words longer than 64 letters (a pasted hash is no word)', () => {
    const long = 'a'.repeat(65);
    expect(boundedDistance(long, long, 2)).toBe(3);
  });
});

describe('TypoMatcher.near', () => {
  const matcher = new TypoMatcher(['huiselijk', 'huisvesting', 'geweld', 'gewelddadig', 'vermissing', 'vermist', 'kermis']);

  it('finds the terms within the distance, not the word itself', () => {
    expect(matcher.near('huiselik', 1)).toEqual(['huiselijk']);
    expect(matcher.near('huiselyk', 1)).toEqual([]); // y for ij: two edits
    expect(matcher.near('huiselyk', 2)).toEqual(['huiselijk']);
    expect(matcher.near('geweld', 1)).toEqual([]);
    expect(matcher.near('vermisng', 2).sort()).toEqual(['vermissing', 'vermist']);
  });

  it('keeps to the distance asked for', () => {
    expect(matcher.near('vermisng', 1)).toEqual([]);
    expect(matcher.near('vermis', 1).sort()).toEqual(['vermist']);
  });

  it('does not correct a typo in the first letter', () => {
    expect(matcher.near('termist', 1)).toEqual([]);
    expect(matcher.near('bermis', 1)).toEqual([]);
  });

  it('finds nothing for an empty word or in an empty vocabulary', () => {
    expect(matcher.near('', 2)).toEqual([]);
    expect(new TypoMatcher([]).near('geweld', 2)).toEqual([]);
  });
});
