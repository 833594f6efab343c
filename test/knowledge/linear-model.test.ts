// The linear classifier: a probability per item and for "no answer", learnt from the same features as the
// phrasing model; the same phrasings always give the same weights, and the serialised model answers alike.
import { describe, expect, it } from 'vitest';
import { LinearModel } from '../../knowledge/linear-model';
import type { LabelledExample } from '../../knowledge/phrasing-model';

const example = (text: string, label: string | null): LabelledExample => ({ text, label, danger: false });

const EXAMPLES: LabelledExample[] = [
  example('huurder heeft een huurachterstand van drie maanden', 'huur/achterstand'),
  example('bewoner kan de huur niet meer betalen', 'huur/achterstand'),
  example('corporatie meldt betalingsachterstand bij een gezin', 'huur/achterstand'),
  example('huurachterstand bij de woningcorporatie melden', 'huur/achterstand'),
  example('vrouw wordt thuis geslagen door haar partner', 'meldroutes/huiselijk-geweld'),
  example('kind vertelt dat vader hem slaat', 'meldroutes/huiselijk-geweld'),
  example('vermoeden van kindermishandeling in een gezin', 'meldroutes/huiselijk-geweld'),
  example('partner slaat haar thuis al maanden', 'meldroutes/huiselijk-geweld'),
  example('wat zijn de openingstijden van het zwembad', null),
  example('hoe vraag ik een parkeervergunning aan', null),
  example('waar kan ik mijn paspoort verlengen', null),
  example('openingstijden van de milieustraat', null),
];

// minCount 1: in a dozen phrasings most features occur once.
const model = new LinearModel(EXAMPLES, { minCount: 1 });

describe('the linear classifier', () => {
  it('ranks the item of a reworded question first, with most of the probability', () => {
    const verdict = model.classify('de huurster betaalt al maanden geen huur');
    expect(verdict.items[0]?.id).toBe('huur/achterstand');
    expect(verdict.items[0]!.probability).toBeGreaterThan(0.5);
    expect(model.classify('haar partner slaat haar').items[0]?.id).toBe('meldroutes/huiselijk-geweld');
  });

  it('gives probabilities for every item and "no answer" that add up to 1, best first', () => {
    const verdict = model.classify('kindermishandeling vermoeden');
    expect(verdict.items.map((i) => i.id).sort()).toEqual(['huur/achterstand', 'meldroutes/huiselijk-geweld']);
    const total = verdict.items.reduce((sum, i) => sum + i.probability, verdict.noAnswer);
    expect(total).toBeCloseTo(1, 5);
    expect(verdict.items[0]!.probability).toBeGreaterThanOrEqual(verdict.items[1]!.probability);
  });

  it('says "no answer" for a question like the ones labelled so', () => {
    const verdict = model.classify('openingstijden zwembad deze week');
    expect(verdict.noAnswer).toBeGreaterThan(0.5);
    expect(verdict.noAnswer).toBeGreaterThan(verdict.items[0]!.probability);
  });

  it('gives nothing for text without words, and never throws on user text', () => {
    expect(model.classify('???')).toEqual({ items: [], noAnswer: 0, words: 0 });
    expect(model.classify('')).toEqual({ items: [], noAnswer: 0, words: 0 });
    expect(model.classify('de huur van de woning').words).toBe(2);
    const started = performance.now();
    expect(model.classify('huur '.repeat(50_000) + 'x'.repeat(100_000)).items).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('is deterministic: the same phrasings give the same weights; another seed other ones', () => {
    expect(new LinearModel(EXAMPLES, { minCount: 1 }).toJSON()).toEqual(model.toJSON());
    expect(new LinearModel(EXAMPLES, { minCount: 1, seed: 7 }).toJSON().weights).not.toEqual(model.toJSON().weights);
  });

  it('answers from its serialised form exactly as when trained', () => {
    const restored = new LinearModel(JSON.parse(JSON.stringify(model.toJSON())));
    for (const q of ['huurachterstnd bij hurder', 'partner slaat', 'openingstijden', 'printer kapot']) expect(restored.classify(q)).toEqual(model.classify(q));
  });

  it('leaves out features below minCount', () => {
    const small = new LinearModel(EXAMPLES, { minCount: 3 });
    expect(small.toJSON().grams.length).toBeLessThan(model.toJSON().grams.length);
    expect(small.toJSON().grams).toContain('huu');
    expect(model.toJSON().words).toContain('zwembad');
    expect(small.toJSON().words).not.toContain('zwembad');
    expect(small.weightBytes).toBeLessThan(model.weightBytes);
  });

  it('learns: untrained (0 passes) it gives every class about the same probability', () => {
    const untrained = new LinearModel(EXAMPLES, { minCount: 1, epochs: 0 });
    const verdict = untrained.classify('huurachterstand');
    expect(verdict.items[0]!.probability).toBeCloseTo(1 / 3, 5);
    expect(model.classify('huurachterstand').items[0]!.probability).toBeGreaterThan(0.6);
  });
});
