// What a card may hold: its size in bytes, cut text, the largest list that fits and the "En nog …" line.
import { describe, expect, it } from 'vitest';
import { CARD_MAX_BYTES, cardBytes, fitCard, moreLine, truncateText } from '../../cards/limits';
import type { AdaptiveCard } from '../../cards/render';

const cardOf = (texts: string[]): AdaptiveCard => ({ type: 'AdaptiveCard', version: '1.5', body: texts.map((text) => ({ type: 'TextBlock', text })) }) as AdaptiveCard;

describe('cardBytes', () => {
  it('counts UTF-8 bytes of the JSON, not characters', () => {
    const ascii = cardOf(['a']);
    const accented = cardOf(['é']);
    expect(cardBytes(ascii)).toBe(JSON.stringify(ascii).length);
    expect(cardBytes(accented)).toBe(cardBytes(ascii) + 1);
    expect(cardBytes(cardOf(['😀']))).toBe(cardBytes(ascii) + 3);
  });

  it('leaves room under Teams\' 28 KB', () => {
    expect(CARD_MAX_BYTES).toBeLessThan(28 * 1024);
  });
});

describe('truncateText', () => {
  it('leaves text that fits as it is', () => {
    expect(truncateText('kort', 4)).toBe('kort');
    expect(truncateText('', 0)).toBe('');
  });

  it('cuts to at most `max` characters, ending in "…"', () => {
    const cut = truncateText('abcdefghij', 5);
    expect(cut).toBe('abcd…');
    expect(cut.length).toBeLessThanOrEqual(5);
  });

  it('drops the spaces before the "…"', () => {
    expect(truncateText('een twee drie', 5)).toBe('een…');
  });

  it('never cuts an emoji in half', () => {
    const cut = truncateText('abc😀def', 5);
    expect(cut).toBe('abc…');
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(truncateText('abc😀def', 6)).toBe('abc😀…');
  });

  it('gives only "…" when there is room for nothing else', () => {
    expect(truncateText('abc', 1)).toBe('…');
  });
});

describe('fitCard', () => {
  const entries = (n: number) => cardOf(Array.from({ length: n }, (_, i) => `entry ${i} ${'x'.repeat(90)}`));

  it('renders everything when it fits, with one render', () => {
    let renders = 0;
    const card = fitCard(10, (n) => (renders++, entries(n)));
    expect(card.body).toHaveLength(10);
    expect(renders).toBe(1);
  });

  it('finds the largest n within maxBytes', () => {
    const maxBytes = cardBytes(entries(37));
    const card = fitCard(100, entries, maxBytes);
    expect(card.body).toHaveLength(37);
    expect(cardBytes(entries(38))).toBeGreaterThan(maxBytes);
  });

  it('halves: about log2(max) renders, not one per entry', () => {
    let renders = 0;
    fitCard(50, (n) => (renders++, entries(n)), cardBytes(entries(20)));
    expect(renders).toBeLessThanOrEqual(8);
  });

  it('falls back to render(0) when nothing fits', () => {
    const card = fitCard(5, entries, 10);
    expect(card.body).toHaveLength(0);
  });

  it('renders 0 entries for max 0 without measuring', () => {
    expect(fitCard(0, entries, 1).body).toHaveLength(0);
  });
});

describe('moreLine', () => {
  it('names how many entries were left out, singular and plural', () => {
    expect(moreLine(1, 'vraag', 'vragen')).toBe('En nog 1 vraag');
    expect(moreLine(3, 'vraag', 'vragen')).toBe('En nog 3 vragen');
  });

  it('is null when all are shown', () => {
    expect(moreLine(0, 'vraag', 'vragen')).toBeNull();
  });
});
