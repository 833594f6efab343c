// The cards of "Beheer in Teams" (issue 9) — a gemeente's meldpunten with their form, the overviews with a
// Teams chart, the weekly kennisbank overview — render into valid Adaptive Cards 1.5 with a fallback for
// every chart, no template expression left, and well under what Teams accepts, even at their largest.
import { beforeAll, describe, expect, it } from 'vitest';
import { digestCard, type DigestView } from '../../cards/digest-card';
import { meldpuntenCard, meldpuntenOverviewCard, type MeldpuntSlotView } from '../../cards/meldpunten-cards';
import { mijlpalenOverviewCard } from '../../cards/mijlpalen-cards';
import type { AdaptiveCard } from '../../cards/render';
import { type KnowledgeBase } from '../../knowledge/index';
import { LOCAL_MELDPUNT_LABELS } from '../../knowledge/knowledge-base';
import { loadPlan } from '../../plan/load-plan';
import { PLANNING_DIR } from '../helpers/paths';
import { OPEN, type Plan, type StatusRecord } from '../../plan/plan';
import { cardTexts } from '../helpers/bot-harness';
import { cardProblems } from '../helpers/card-validation';
import { realKnowledgeBase } from '../helpers/knowledge-fixture';

/** Teams refuses bigger cards (28 KB); ours stay under it at their largest. */
const MAX_CARD_BYTES = 28_000;

let kb: KnowledgeBase;
let plan: Plan;
beforeAll(async () => {
  kb = await realKnowledgeBase();
  plan = await loadPlan(PLANNING_DIR);
});

function slots(): MeldpuntSlotView[] {
  return kb.meldpuntSlots().map((slot, i) => ({
    slot,
    label: LOCAL_MELDPUNT_LABELS[slot],
    value: i % 2 === 0 ? { name: `Meldpunt ${i} Baarn`, phone: '035-1234567', url: 'https://www.baarn.nl/contact', email: 'meldpunt@baarn.nl', hours: 'ma–vr 9:00–17:00', bron: 'https://www.baarn.nl/contact' } : null,
    changed: i % 4 === 0 ? { by: 'Anne de Wit', at: new Date('2026-11-23T09:00:00Z') } : null,
  }));
}

function statusOf(id: string): StatusRecord {
  // A plan part way: some gereed, some bezig, the rest open.
  const n = [...id].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  return n % 3 === 0 ? { status: 'gereed', changedBy: 'Carol', changedAt: new Date() } : n % 3 === 1 ? { status: 'bezig', changedBy: null, changedAt: new Date() } : OPEN;
}

/** The largest realistic digest: five weeks, six unanswered groups, each offering every item to pair with. */
function largestDigest(): DigestView {
  const choices = kb.items.map((item) => ({ title: item.title, value: item.id }));
  return {
    heading: 'Kennisbank: overzicht week 47',
    subheading: '17 – 23 november 2026, met de vier weken ervoor',
    notice: 'Dit overzicht is van een eerdere week.',
    weeks: [43, 44, 45, 46, 47].map((n) => ({ label: `week ${n}`, asked: 120 + n, answered: 100 + n, unanswered: 20, urgent: 3, nuttig: 40, nietNuttig: 7 })),
    week: '2026-11-23',
    unanswered: Array.from({ length: 6 }, (_, i) => ({
      text: `Klant vraagt of [telefoonnummer] bij de balie een afspraak kan maken over ${'een lange omschrijving van de situatie '.repeat(8)} (${i})`,
      count: i + 1,
      ids: Array.from({ length: i + 1 }, (_, j) => 1000 + 10 * i + j),
      choices,
    })),
    moreUnanswered: 14,
    notUseful: kb.items.slice(0, 5).map((item, i) => ({ title: item.title, count: 3 + i })),
    review: kb.items.slice(0, 8).map((item, i) => ({ title: item.title, owner: item.owner.role, date: '1 december 2026', overdue: i % 2 === 0 })),
    emptyMeldpunten: kb.gemeenten.map((g, i) => ({ gemeente: g.naam, empty: i, total: kb.meldpuntSlots().length })),
  };
}

function everyBeheerCard(): Array<[string, AdaptiveCard]> {
  const all = slots();
  const names = [...new Set([...plan.gemeenten, ...kb.gemeenten.map((g) => g.naam)])];
  const q2 = { year: 2025, quarter: 2 } as const;
  return [
    ['meldpunten, list', meldpuntenCard({ gemeente: 'Baarn', slots: all, beheerders: ['Anne de Wit', 'Bob Jansen'] })],
    ['meldpunten, no beheerders, saved notice', meldpuntenCard({ gemeente: 'Baarn', slots: all, beheerders: [], notice: { text: 'Opgeslagen: meldpunt woonoverlast van Baarn.', style: 'good' } })],
    ['meldpunten, form for one slot', meldpuntenCard({ gemeente: 'Baarn', slots: all, beheerders: [], form: { slot: all[1]!.slot, values: {}, error: null } })],
    [
      'meldpunten, form with an error',
      meldpuntenCard({
        gemeente: 'Baarn',
        slots: all,
        beheerders: ['Anne de Wit'],
        form: { slot: all[0]!.slot, values: { naam: 'Meldpunt', telefoon: '12345', bron: 'https://www.baarn.nl/contact' }, error: { field: 'telefoon', reason: 'Geen geldig Nederlands telefoonnummer.' } },
      }),
    ],
    ['meldpunten overzicht', meldpuntenOverviewCard(kb.gemeenten.map((g, i) => ({ gemeente: g.naam, filled: i, total: kb.meldpuntSlots().length })))],
    ['kennisbank-overzicht, largest', digestCard(largestDigest())],
    ['kennisbank-overzicht, quiet week', digestCard({ ...largestDigest(), notice: undefined, weeks: [{ label: 'deze week', asked: 0, answered: 0, unanswered: 0, urgent: 0, nuttig: 0, nietNuttig: 0 }], unanswered: [], moreUnanswered: 0, notUseful: [], review: [], emptyMeldpunten: [] })],
    ['mijlpalen overzicht, during the plan', mijlpalenOverviewCard(plan, names, q2, statusOf)],
    ['mijlpalen overzicht, after the plan, nothing done', mijlpalenOverviewCard(plan, names, { year: 2026, quarter: 4 }, () => OPEN)],
    ['mijlpalen overzicht, all gereed', mijlpalenOverviewCard(plan, plan.gemeenten.slice(), q2, () => ({ status: 'gereed', changedBy: null, changedAt: null }))],
  ];
}

describe('beheer cards', () => {
  it('render into valid Adaptive Cards 1.5, every chart with a fallback, no template expression left', () => {
    for (const [name, card] of everyBeheerCard()) {
      expect(card.version, name).toBe('1.5');
      expect(JSON.stringify(card), name).not.toContain('${');
      expect(cardProblems(card), name).toEqual([]);
    }
  });

  it('stay under 28,000 bytes', () => {
    for (const [name, card] of everyBeheerCard().filter(([name]) => name !== 'kennisbank-overzicht, largest')) {
      expect(Buffer.byteLength(JSON.stringify(card)), name).toBeLessThan(MAX_CARD_BYTES);
    }
  });

  it('keep the digest under 28,000 bytes with six unanswered groups offering every item, over five weeks', () => {
    const card = digestCard(largestDigest());
    const digest = JSON.stringify(card);
    expect(Buffer.byteLength(digest)).toBeLessThan(MAX_CARD_BYTES);
    // Groups that do not fit are counted, not lost: each shown group offers every item.
    const shown = digest.split(`"value":"${kb.items[0]!.id}"`).length - 1;
    expect(shown).toBeGreaterThanOrEqual(4);
    const more = largestDigest().moreUnanswered + 6 - shown;
    expect(cardTexts(card)).toContain(`En nog ${more} ${more === 1 ? 'vraag' : 'vragen'} zonder antwoord: typ onbeantwoord, of koppel eerst deze.`);
  });

  it('flag a chart without a fallback, and only pass the parser\'s complaint about charts that have one', () => {
    const chart = { type: 'Chart.Pie', data: [{ legend: 'a', value: 1 }] };
    const card = (element: object): AdaptiveCard => ({ type: 'AdaptiveCard', version: '1.5', body: [element] });
    expect(cardProblems(card(chart))).toEqual([expect.stringContaining('Chart.Pie at $.body[0] has no fallback')]);
    expect(cardProblems(card({ ...chart, fallback: { type: 'TextBlock', text: 'a: 1' } }))).toEqual([]);
    expect(cardProblems(card({ type: 'Bogus' }))).not.toEqual([]);
  });

  it('show the form with what was typed and the reason, for one slot only', () => {
    const all = slots();
    const card = meldpuntenCard({
      gemeente: 'Baarn',
      slots: all,
      beheerders: [],
      form: { slot: all[0]!.slot, values: { telefoon: '12345' }, error: { field: 'telefoon', reason: 'Geen geldig Nederlands telefoonnummer.' } },
    });
    expect(cardTexts(card)).toContain('Telefoon: Geen geldig Nederlands telefoonnummer.');
    const json = JSON.stringify(card);
    expect(json.match(/"verb":"meldpuntOpslaan"/g)).toHaveLength(1);
    expect(json).toContain('"id":"telefoon"');
    expect(json).toContain('"value":"12345"');
  });
});
