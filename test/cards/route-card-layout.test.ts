// The route card's layout, from hand-made RouteCardData: which elements appear for which data, what the
// buttons do and what the feedback buttons carry.
import { describe, expect, it } from 'vitest';
import type { RouteCardData } from '../../cards/route-card';
import { routeCardLayout } from '../../cards/route-card-layout';
import { cardProblems } from '../helpers/card-validation';

const call = (number: string) => ({ title: `${number} — Lijn`, url: `tel:${number}`, tooltip: 'Lijn' });

function data(changes: Partial<RouteCardData> = {}): RouteCardData {
  return {
    itemId: 'meldroutes/test',
    title: 'Testroute',
    summary: 'Samenvatting.',
    acute: null,
    alert: null,
    showTitle: true,
    privacyNotice: null,
    localNotice: null,
    contacts: [call('0800-2000')],
    steps: [{ number: 1, text: 'Eerste stap.' }, { number: 2, text: 'Tweede stap.' }],
    collapseSteps: false,
    source: 'Veilig Thuis — [veiligthuis.nl](https://veiligthuis.nl)',
    reviewed: '1 november 2026',
    reviewNotice: null,
    safetyLine: null,
    alternatives: [],
    feedbackGiven: false,
    urgencyKind: '',
    alternativeIds: '',
    question: 'de vraag',
    ...changes,
  };
}

type Node = Record<string, any>;
function find(node: unknown, test: (o: Node) => boolean): Node[] {
  if (Array.isArray(node)) return node.flatMap((n) => find(n, test));
  if (!node || typeof node !== 'object') return [];
  const o = node as Node;
  return [...(test(o) ? [o] : []), ...Object.values(o).flatMap((v) => find(v, test))];
}
const texts = (card: unknown) => find(card, (o) => o.type === 'TextBlock').map((o) => o.text as string);
const byId = (card: unknown, id: string) => find(card, (o) => o.id === id)[0];

describe('routeCardLayout', () => {
  it('renders a plain answer: heading title, summary, contact buttons, numbered steps and the source line', () => {
    const card = routeCardLayout(data());
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' } });
    expect(texts(card)).toEqual(['Testroute', 'Samenvatting.', 'Stappen', '1. Eerste stap.', '2. Tweede stap.', 'Bron: Veilig Thuis — [veiligthuis.nl](https://veiligthuis.nl) · gecontroleerd 1 november 2026']);
    expect(find(card, (o) => o.type === 'Action.OpenUrl').map((o) => o.url)).toEqual(['tel:0800-2000']);
    expect(byId(card, 'stappen')!.isVisible).toBe(true);
    expect(cardProblems(card)).toEqual([]);
  });

  it('leaves out what the data leaves out: no empty or null text blocks', () => {
    const card = routeCardLayout(data({ contacts: [], steps: [], showTitle: false }));
    expect(texts(card)).toEqual(['Samenvatting.', 'Bron: Veilig Thuis — [veiligthuis.nl](https://veiligthuis.nl) · gecontroleerd 1 november 2026']);
    expect(find(card, (o) => o.type === 'ActionSet')).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('null');
  });

  it('opens an urgent card with the red block: call buttons first, styled destructive, then heading and text', () => {
    const card = routeCardLayout(data({ acute: { heading: 'Acuut gevaar? Bel 112', text: 'Zorg voor je veiligheid.', buttons: [call('112')] }, collapseSteps: true }));
    expect(card.body[0]).toMatchObject({ id: 'acuut', style: 'attention' });
    const acute = card.body[0] as Node;
    expect(acute.items.map((i: Node) => i.type)).toEqual(['ActionSet', 'TextBlock', 'TextBlock']);
    expect(acute.items[0].actions).toEqual([{ type: 'Action.OpenUrl', title: '112 — Lijn', url: 'tel:112', tooltip: 'Lijn', style: 'destructive' }]);
    expect(cardProblems(card)).toEqual([]);
  });

  it('folds the steps and source behind an "Alle stappen" toggle that targets them', () => {
    const card = routeCardLayout(data({ collapseSteps: true }));
    expect(byId(card, 'stappen')!.isVisible).toBe(false);
    const [toggle] = find(card, (o) => o.type === 'Action.ToggleVisibility');
    expect(toggle).toMatchObject({ title: 'Alle stappen', targetElements: ['stappen'] });
    expect(texts(byId(card, 'stappen'))).toContain('1. Eerste stap.');
  });

  it('opens an alert card with the warning line above its call button', () => {
    const card = routeCardLayout(data({ alert: { text: 'Is er nu direct gevaar? Bel 112', buttons: [call('112')] } }));
    const alert = card.body[0] as Node;
    expect(alert).toMatchObject({ id: 'direct-gevaar', style: 'warning' });
    expect(alert.items.map((i: Node) => i.type)).toEqual(['TextBlock', 'ActionSet']);
    expect(alert.items[1].actions[0]).not.toHaveProperty('style');
  });

  it('shows privacy notice, local notice, safety line and review notice where the data has them', () => {
    const card = routeCardLayout(data({ privacyNotice: 'Deel geen persoonsgegevens.', localNotice: 'Lokaal onbekend.', safetyLine: 'Acuut gevaar? Bel 112.', reviewNotice: 'Let op: oud.' }));
    const all = texts(card);
    expect(all.indexOf('Deel geen persoonsgegevens.')).toBeLessThan(all.indexOf('Testroute'));
    expect(all.indexOf('Lokaal onbekend.')).toBeGreaterThan(all.indexOf('Samenvatting.'));
    expect(all).toContain('Acuut gevaar? Bel 112.');
    expect(texts(byId(card, 'stappen'))).toContain('Let op: oud.');
  });

  it('offers alternatives as "Bedoelde je …?" buttons that show the item', () => {
    const card = routeCardLayout(data({ alternatives: [{ itemId: 'a/b', title: 'Ander item' }] }));
    expect(texts(card)).toContain('Bedoelde je …?');
    expect(find(card, (o) => o.type === 'Action.Submit')).toEqual([{ type: 'Action.Submit', title: 'Ander item', data: { verb: 'showItem', itemId: 'a/b' } }]);
  });

  it('has feedback buttons that carry item, urgency and alternatives; only "Niet nuttig" carries the question', () => {
    const card = routeCardLayout(data({ urgencyKind: 'alert-suicide', alternativeIds: 'a/b,c/d' }));
    expect(card.actions).toEqual([
      { type: 'Action.Execute', title: 'Nuttig', verb: 'feedback', data: { itemId: 'meldroutes/test', urgency: 'alert-suicide', alternativeIds: 'a/b,c/d', useful: true } },
      { type: 'Action.Execute', title: 'Niet nuttig', verb: 'feedback', data: { itemId: 'meldroutes/test', urgency: 'alert-suicide', alternativeIds: 'a/b,c/d', useful: false, question: 'de vraag' } },
    ]);
  });

  it('after feedback, thanks instead of asking again', () => {
    const card = routeCardLayout(data({ feedbackGiven: true }));
    expect(card.actions).toEqual([]);
    expect(texts(card)).toContain('Bedankt voor je feedback.');
  });
});
