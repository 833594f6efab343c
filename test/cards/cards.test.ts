// Every card renders from its template with typed data into a valid Adaptive Card 1.5.
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { noAnswerCard, unansweredCard, welcomeCard } from '../../cards/other-cards';
import type { AdaptiveCard } from '../../cards/render';
import { routeCard } from '../../cards/route-card';
import { agendaCard, listCard, meetingConfirmCard, proposalCard } from '../../cards/werkgroep-cards';
import { mijlpalenCard, mijlpalenOverviewCard } from '../../cards/mijlpalen-cards';
import { loadPlan } from '../../plan/load-plan';
import { OPEN, type Plan } from '../../plan/plan';
import { createKnowledgeBase, type KnowledgeBase } from '../../knowledge/index';

// adaptivecards 3 ships broken ESM for Node; the 2.x parser validates the same 1.5 schema.
const AC = createRequire(import.meta.url)('adaptivecards') as typeof import('adaptivecards');

function parseProblems(card: AdaptiveCard): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  return Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
}

let kb: KnowledgeBase;
let plan: Plan;
beforeAll(async () => {
  kb = await createKnowledgeBase();
  plan = await loadPlan();
});

function everyCard(): Array<[string, AdaptiveCard]> {
  const cards: Array<[string, AdaptiveCard]> = kb.items.flatMap((item) => [
    [`route ${item.id}`, routeCard({ item: kb.localize(item, 'Baarn'), urgency: null, privacyNotice: false, alternatives: [] })] as [string, AdaptiveCard],
  ]);
  const hg = kb.localize(kb.item('meldroutes/huiselijk-geweld')!, null);
  cards.push(['route, urgent, with privacy notice and alternatives', routeCard({ item: hg, urgency: 'geweld', privacyNotice: true, alternatives: [{ itemId: 'handelingskaders/meldcode', title: 'Meldcode' }] })]);
  cards.push(['route, suicide, feedback given', routeCard({ item: hg, urgency: 'suicide', privacyNotice: false, alternatives: [], feedbackGiven: true })]);
  cards.push(['no answer', noAnswerCard({ privacyNotice: true, closest: [{ itemId: 'meldroutes/woonoverlast', title: 'Woonoverlast' }], fallbackContacts: kb.item('meldroutes/acuut-gevaar')!.contacts })]);
  cards.push(['welcome', welcomeCard('welkom')]);
  cards.push(['help', welcomeCard('help')]);
  cards.push(['unanswered', unansweredCard([{ maskedQuestion: 'vraag', createdAt: new Date('2026-11-23T09:00:00Z'), gemeente: 'Baarn', closestIds: ['meldroutes/woonoverlast'] }])]);
  cards.push(['unanswered, empty', unansweredCard([])]);
  const q1 = { year: 2024, quarter: 1 } as const;
  cards.push(['mijlpalen', mijlpalenCard({ plan, gemeente: 'Baarn', quarter: q1, statusOf: () => OPEN, overdue: plan.mijlpalenFor('Eemnes', q1) })]);
  cards.push(['mijlpalen, empty', mijlpalenCard({ plan, gemeente: 'Eemnes', quarter: { year: 2026, quarter: 1 }, statusOf: () => OPEN, overdue: [], readOnly: true })]);
  cards.push(['mijlpalen overzicht', mijlpalenOverviewCard(plan, ['Baarn', 'Soest'], { year: 2025, quarter: 2 }, () => OPEN)]);
  const meeting = { meetingId: 1, date: { year: 2026, month: 12, day: 9 }, dateKey: '2026-12-09', time: { hour: 10, minute: 0 }, start: new Date('2026-12-09T09:00:00Z'), cancelled: false };
  const item = { topic: 'Onderwerp', durationMin: 15, toelichting: 'uitleg', status: 'gepland', addedByName: 'Alice', addedAt: new Date() };
  cards.push(['agenda', agendaCard(meeting, [item, { ...item, durationMin: null, toelichting: null, status: 'afgerond' }], new Date())]);
  cards.push(['agenda, empty', agendaCard(meeting, [], new Date())]);
  cards.push(['voorstel', proposalCard({ itemId: 3, topic: 'Onderwerp', toelichting: null, proposer: 'Bob', meeting: 'woensdag' })]);
  cards.push(['voorstel, decided', proposalCard({ itemId: 3, topic: 'Onderwerp', toelichting: 'x', proposer: 'Bob', meeting: 'woensdag', outcome: 'Geaccepteerd.' })]);
  cards.push(['overleg bevestigen', meetingConfirmCard({ kind: 'recurring', rrule: 'RRULE:FREQ=WEEKLY', time: { hour: 10, minute: 0 }, description: 'elke week' }, 'plan-1', ['a', 'b'])]);
  cards.push(['lijst', listCard('Lijst', ['een'], 'leeg')]);
  cards.push(['lijst, empty', listCard('Lijst', [], 'leeg')]);
  return cards;
}

describe('cards', () => {
  it('render every template into a valid Adaptive Card 1.5 with no template expression left', () => {
    for (const [name, card] of everyCard()) {
      expect(card.version, name).toBe('1.5');
      expect(JSON.stringify(card), name).not.toContain('${');
      expect(parseProblems(card), name).toEqual([]);
    }
  });

  it('give every Action.Execute a verb and every contact button a tel:, https: or mailto: link', () => {
    for (const [name, card] of everyCard()) {
      const json = JSON.stringify(card);
      for (const match of json.matchAll(/"type":"Action.Execute"[^}]*?}/g)) expect(match[0], name).toMatch(/"verb":"\w+"/);
      for (const url of json.match(/"url":"[^"]+"/g) ?? []) expect(url, name).toMatch(/"url":"(tel:\+?\d+|https:\/\/|mailto:)/);
    }
  });

  it('show user text literally: template expressions and Markdown are not evaluated', () => {
    const hostile = '${1+1} ${$root.intro} **vet** [link](https://example.com) <b>x</b>';
    const card = unansweredCard([{ maskedQuestion: hostile, createdAt: new Date(), gemeente: null, closestIds: [] }]);
    const run = JSON.stringify(card).match(/"type":"TextRun","text":"((?:[^"\\]|\\.)*)"/)?.[1];
    expect(JSON.parse(`"${run}"`)).toBe(hostile);
  });
});
