// Teams refuses a card of more than about 28 KB. Every card that carries what users typed — the
// onbeantwoord queue, the agenda, a proposal, a history — and the overviews stay under it at their
// largest: long texts are cut with "…", and entries that still do not fit are counted, not lost.
import { beforeAll, describe, expect, it } from 'vitest';
import { digestCard } from '../../cards/digest-card';
import { CARD_MAX_BYTES, cardBytes, fitCard, truncateText } from '../../cards/limits';
import { meldpuntenOverviewCard } from '../../cards/meldpunten-cards';
import { mijlpalenOverviewCard } from '../../cards/mijlpalen-cards';
import { unansweredCard, UNANSWERED_QUESTION_SHOWN } from '../../cards/other-cards';
import type { AdaptiveCard } from '../../cards/render';
import { agendaCard, listCard, proposalCard, type AgendaCardItem } from '../../cards/werkgroep-cards';
import { type KnowledgeBase } from '../../knowledge/index';
import { loadPlan } from '../../plan/load-plan';
import { PLANNING_DIR } from '../helpers/paths';
import { OPEN, type Plan } from '../../plan/plan';
import { cardTexts, findInCard } from '../helpers/bot-harness';
import { cardProblems } from '../helpers/card-validation';
import { realKnowledgeBase } from '../helpers/knowledge-fixture';

/** What Teams accepts. */
const TEAMS_MAX_BYTES = 28_000;

let kb: KnowledgeBase;
let plan: Plan;
beforeAll(async () => {
  kb = await realKnowledgeBase();
  plan = await loadPlan(PLANNING_DIR);
});

const long = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
/** Text that grows most in JSON: quotes, backslashes, control characters, accents, emoji. */
const hostile = (length: number) => long('"\\\u0001é😀 <b>${x}</b> ', length);
const dutch = (length: number) => long('De buurvrouw meldt dat de kinderen vaak alleen thuis zijn en huilen. ', length);

function expectAccepted(name: string, card: AdaptiveCard): void {
  expect(cardBytes(card), name).toBeLessThan(TEAMS_MAX_BYTES);
  expect(cardProblems(card), name).toEqual([]);
}

/** How many entries "En nog N …" counts (0 when there is no such line). */
function countedMore(card: AdaptiveCard): number {
  const line = cardTexts(card).find((t) => t.startsWith('En nog '));
  return line ? Number(/^En nog (\d+) /.exec(line)![1]) : 0;
}

const meeting = { meetingId: 1, date: { year: 2026, month: 12, day: 9 }, dateKey: '2026-12-09', time: { hour: 10, minute: 0 }, start: new Date('2026-12-09T09:00:00Z'), cancelled: false };
const at = new Date('2026-11-23T09:00:00Z');

describe('cards with what users typed', () => {
  it('onbeantwoord: 20 questions of 2,000 characters are all shown, each cut with "…"', () => {
    const questions = Array.from({ length: 20 }, (_, i) => ({ maskedQuestion: `${i}: ${dutch(2_000)}`, createdAt: at, gemeente: 'Baarn', closestIds: ['meldroutes/woonoverlast', 'handelingskaders/meldcode', 'meldroutes/huiselijk-geweld'] }));
    const card = unansweredCard(questions);
    expectAccepted('onbeantwoord', card);
    const runs = findInCard(card, (o) => o.type === 'TextRun').map((o) => String(o.text));
    expect(runs).toHaveLength(20);
    for (const run of runs) {
      expect(run.length).toBeLessThanOrEqual(UNANSWERED_QUESTION_SHOWN);
      expect(run.endsWith('…')).toBe(true);
    }
    expect(countedMore(card)).toBe(0);
  });

  it('onbeantwoord: questions of 200,000 hostile characters (stored before the limit) fit, and those left off are counted', () => {
    const questions = Array.from({ length: 20 }, () => ({ maskedQuestion: hostile(200_000), createdAt: at, gemeente: null, closestIds: [] }));
    const card = unansweredCard(questions);
    expectAccepted('onbeantwoord, hostile', card);
    const shown = findInCard(card, (o) => o.type === 'TextRun').length;
    expect(shown).toBeGreaterThan(0);
    expect(shown + countedMore(card)).toBe(20);
  });

  it('agenda: 50 points with long topics and toelichting show every point, under 28 KB', () => {
    const items: AgendaCardItem[] = Array.from({ length: 50 }, (_, i) => ({
      topic: `Punt ${i + 1}: ${dutch(2_000)}`,
      durationMin: 15,
      toelichting: dutch(5_000),
      status: i % 3 === 0 ? 'afgerond' : 'gepland',
      addedByName: 'Alexandra van den Berg-Oosterhuis',
      addedAt: at,
    }));
    const card = agendaCard(meeting, items, at);
    expectAccepted('agenda, 50 points', card);
    const numbers = findInCard(card, (o) => o.type === 'TextRun' && /^\d+\. $/.test(String(o.text)));
    expect(numbers).toHaveLength(50);
    expect(countedMore(card)).toBe(0);
  });

  it('agenda: a few points keep their full toelichting, long topics are cut', () => {
    const card = agendaCard(meeting, [{ topic: dutch(2_000), durationMin: null, toelichting: dutch(800), status: 'gepland', addedByName: 'Alice', addedAt: at }], at);
    const texts = cardTexts(card);
    expect(texts).toContain(dutch(800));
    expect(texts.some((t) => t.length <= 300 && t.endsWith('…'))).toBe(true);
  });

  it('agenda: 50 points with hostile topics, toelichting and names fit, and points left off are counted', () => {
    const items: AgendaCardItem[] = Array.from({ length: 50 }, () => ({ topic: hostile(100_000), durationMin: 90, toelichting: hostile(100_000), status: 'gepland', addedByName: hostile(1_000), addedAt: at }));
    const card = agendaCard(meeting, items, at);
    expectAccepted('agenda, hostile', card);
    const shown = findInCard(card, (o) => o.type === 'TextRun' && /^\d+\. $/.test(String(o.text))).length;
    expect(shown + countedMore(card)).toBe(50);
  });

  it('a proposal with a topic and toelichting of 100,000 characters', () => {
    expectAccepted('voorstel', proposalCard({ itemId: 7, topic: hostile(100_000), toelichting: hostile(100_000), proposer: hostile(1_000), meeting: 'woensdag 9 december 2026 om 10:00' }));
  });

  it('a history of 500 long lines', () => {
    const card = listCard('Geschiedenis van de agenda', Array.from({ length: 500 }, (_, i) => `${i} · Alice · punt toegevoegd: ${hostile(1_000)}`), 'Nog geen wijzigingen.');
    expectAccepted('lijst', card);
    expect(findInCard(card, (o) => o.type === 'TextRun').length + countedMore(card)).toBe(500);
  });
});

describe('overviews at their largest', () => {
  it('mijlpalen-overzicht: every gemeente of the plan, after the plan, nothing done', () => {
    expectAccepted('mijlpalen-overzicht', mijlpalenOverviewCard(plan, [...new Set([...plan.gemeenten, ...kb.gemeenten.map((g) => g.naam)]), 'Atlantis'], { year: 2030, quarter: 1 }, () => OPEN));
  });

  it('meldpunten-overzicht: the 26 gemeenten of a whole province', () => {
    const rows = Array.from({ length: 26 }, (_, i) => ({ gemeente: `Gemeente ${i} aan de ${long('Vecht', 40)}`, filled: i % 14, total: kb.meldpuntSlots().length }));
    expectAccepted('meldpunten-overzicht', meldpuntenOverviewCard(rows));
  });

  it('kennisbank-overzicht: 20 groups of hostile questions, each offering every item', () => {
    const choices = kb.items.map((item) => ({ title: item.title, value: item.id }));
    const card = digestCard({
      heading: 'Kennisbank: overzicht week 47',
      subheading: '17 – 23 november 2026',
      weeks: [{ label: 'week 47', asked: 500, answered: 300, unanswered: 200, urgent: 9, nuttig: 40, nietNuttig: 7 }],
      week: '2026-11-23',
      unanswered: Array.from({ length: 20 }, (_, i) => ({ text: hostile(200_000), count: 2, ids: [2 * i, 2 * i + 1], choices })),
      moreUnanswered: 30,
      notUseful: kb.items.slice(0, 5).map((item) => ({ title: item.title, count: 3 })),
      review: kb.items.slice(0, 8).map((item) => ({ title: item.title, owner: item.owner.role, date: '1 december 2026', overdue: true })),
      emptyMeldpunten: kb.gemeenten.map((g) => ({ gemeente: g.naam, empty: 3, total: 14 })),
    });
    expectAccepted('kennisbank-overzicht', card);
    expect(countedMore(card)).toBeGreaterThanOrEqual(30);
  });
});

describe('the limits themselves', () => {
  it('cut text with "…", never halfway an emoji', () => {
    expect(truncateText('kort', 10)).toBe('kort');
    expect(truncateText('een lange zin', 8)).toBe('een lan…');
    expect(truncateText('een lange zin', 5)).toBe('een…');
    expect(truncateText('ab😀cd', 4)).toBe('ab…');
    expect(truncateText('x'.repeat(100), 10)).toHaveLength(10);
    expect(truncateText('een lange zin', 1)).toBe('…');
    expect(truncateText('een lange zin', 0)).toBe('');
  });

  it('fit the most entries that stay under the limit', () => {
    const card = (n: number): AdaptiveCard => ({ type: 'AdaptiveCard', version: '1.5', body: Array.from({ length: n }, () => ({ type: 'TextBlock', text: 'x'.repeat(100) })) });
    const fitted = fitCard(1_000, card);
    expect(cardBytes(fitted)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(cardBytes(card(fitted.body.length + 1))).toBeGreaterThan(CARD_MAX_BYTES);
  });
});
