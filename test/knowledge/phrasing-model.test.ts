// The phrasing model: questions worded like a labelled phrasing get its item, even reworded, misspelt or
// as a compound; text like none of them gets no item; "no answer" and danger neighbours say so.
import { describe, expect, it } from 'vitest';
import { PhrasingModel, type LabelledExample } from '../../knowledge/phrasing-model';

const example = (text: string, label: string | null, danger = false): LabelledExample => ({ text, label, danger });

const EXAMPLES: LabelledExample[] = [
  example('huurder heeft een huurachterstand van drie maanden', 'huur/achterstand'),
  example('bewoner kan de huur niet meer betalen', 'huur/achterstand'),
  example('corporatie meldt betalingsachterstand bij een gezin', 'huur/achterstand'),
  example('vrouw wordt thuis geslagen door haar partner', 'meldroutes/huiselijk-geweld'),
  example('kind vertelt dat vader hem slaat', 'meldroutes/huiselijk-geweld'),
  example('vermoeden van kindermishandeling in een gezin', 'meldroutes/huiselijk-geweld'),
  example('klant zegt dat hij er vanavond een eind aan maakt', 'meldroutes/suicide', true),
  example('cliënt wil niet meer leven en heeft pillen gespaard', 'meldroutes/suicide', true),
  example('wat zijn de openingstijden van het zwembad', null),
  example('hoe vraag ik een parkeervergunning aan', null),
  example('waar kan ik mijn paspoort verlengen', null),
];

describe('the phrasing model', () => {
  const model = new PhrasingModel(EXAMPLES, { neighbours: 3 });

  it('finds the item of a reworded question it never saw', () => {
    const verdict = model.classify('de huurster betaalt al maanden geen huur');
    expect(verdict.items[0]?.id).toBe('huur/achterstand');
    expect(verdict.items[0]!.vote).toBeGreaterThan(0.5);
  });

  it('tolerates typos and compounds through character n-grams', () => {
    expect(model.classify('huurachterstnd bij hurder').items[0]?.id).toBe('huur/achterstand');
    expect(model.classify('kindermishandelingsvermoeden').items[0]?.id).toBe('meldroutes/huiselijk-geweld');
  });

  it('gives nothing close for text like none of its phrasings', () => {
    const verdict = model.classify('de printer op de derde verdieping is kapot');
    expect(verdict.nearest).toBeLessThan(0.2);
    expect(model.classify('???').items).toEqual([]);
  });

  it('says "no answer" when the nearest phrasings are labelled so', () => {
    const verdict = model.classify('openingstijden zwembad deze week');
    expect(verdict.noAnswer).toBeGreaterThan(0.5);
    expect(verdict.noAnswer).toBeGreaterThan(verdict.items[0]?.vote ?? 0);
  });

  it('reports when the nearest phrasings are about danger, and their item', () => {
    const verdict = model.classify('meneer aan de balie zegt dat hij vanavond een eind aan zijn leven maakt');
    expect(verdict.items[0]?.id).toBe('meldroutes/suicide');
    expect(verdict.danger).toBeGreaterThan(0.5);
    expect(model.classify('bewoner kan de huur niet betalen').danger).toBe(0);
  });

  it('answers a pasted wall of text quickly: only the first words count', () => {
    const started = performance.now();
    model.classify('huur '.repeat(50_000) + 'x'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(200);
  });
});
