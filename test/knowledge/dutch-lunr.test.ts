// The Dutch lunr pipeline: the stemmer with its exceptions, the length guard, stop words and the plugin.
import { describe, expect, it } from 'vitest';
import { dutch, isDutchStopWord, lunr, stemDutch } from '../../knowledge/dutch-lunr';

describe('stemDutch', () => {
  it('gives plural and singular the same stem', () => {
    expect(stemDutch('meldingen')).toBe(stemDutch('melding'));
    expect(stemDutch('bedreigingen')).toBe(stemDutch('bedreiging'));
  });

  it('keeps "oudere"/"ouderen" (elderly) apart from "ouder"/"ouders" (parents)', () => {
    expect(stemDutch('oudere')).toBe('oudere');
    expect(stemDutch('ouderen')).toBe('oudere');
    expect(stemDutch('ouders')).toBe(stemDutch('ouder'));
    expect(stemDutch('ouderen')).not.toBe(stemDutch('ouders'));
  });

  it('stems a word of up to 40 letters and leaves a longer "word" as it is', () => {
    const forty = 'ab'.repeat(19) + 'en';
    expect(forty).toHaveLength(40);
    expect(stemDutch(forty)).toBe('ab'.repeat(19));
    const fortyOne = 'meldingen'.padStart(41, 'x');
    expect(stemDutch(fortyOne)).toBe(fortyOne);
  });

  it('answers a pasted 2,000-letter "word" at once instead of spending the stemmer\'s quadratic time on it', () => {
    const huge = 'aeiouen'.repeat(300);
    const started = performance.now();
    expect(stemDutch(huge)).toBe(huge);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('isDutchStopWord', () => {
  it.each(['de', 'het', 'een', 'en', 'ik', 'niet', 'geen'])('counts "%s" as a stop word', (word) => {
    expect(isDutchStopWord(word)).toBe(true);
  });

  it.each(['geweld', 'melden', 'huurachterstand', 'balie'])('does not count "%s"', (word) => {
    expect(isDutchStopWord(word)).toBe(false);
  });
});

describe('the dutch plugin', () => {
  const index = lunr(function () {
    this.use(dutch);
    this.ref('id');
    this.field('text');
    this.add({ id: 'elderly', text: 'eenzame ouderen in de wijk' });
    this.add({ id: 'parents', text: 'ouders van het kind' });
    this.add({ id: 'reports', text: 'meldingen van overlast' });
  });
  const refs = (query: string) => index.search(query).map((r) => r.ref);

  it('applies the stemmer exceptions at indexing and at search time', () => {
    expect(refs('oudere')).toEqual(['elderly']);
    expect(refs('ouder')).toEqual(['parents']);
  });

  it('finds a plural by its singular', () => {
    expect(refs('melding')).toEqual(['reports']);
  });

  it('does not index stop words', () => {
    expect(refs('het')).toEqual([]);
  });

  it('replaces lunr-languages\' stemmer in both pipelines rather than running both', () => {
    const builder = new lunr.Builder();
    dutch.call(builder);
    for (const pipeline of [builder.pipeline, builder.searchPipeline]) {
      const labels = (pipeline as unknown as { _stack: Array<{ label?: string }> })._stack.map((fn) => fn.label);
      expect(labels).toContain('stemmer-nl-meldwijzer');
      expect(labels.filter((l) => l?.startsWith('stemmer'))).toEqual(['stemmer-nl-meldwijzer']);
    }
  });
});
