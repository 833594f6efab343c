// Every card renders from its template with typed data into a valid Adaptive Card 1.5.
import { beforeAll, describe, expect, it } from 'vitest';
import { noAnswerCard, unansweredCard, welcomeCard, werkgroepHelpCard, WELCOME_EXAMPLES } from '../../cards/other-cards';
import type { AdaptiveCard } from '../../cards/render';
import { contactButtons, routeCard, SAFETY_LINE, URGENT_MAX_CALL_BUTTONS, type Urgency } from '../../cards/route-card';
import { agendaCard, listCard, meetingConfirmCard, proposalCard } from '../../cards/werkgroep-cards';
import { mijlpalenCard, mijlpalenOverviewCard } from '../../cards/mijlpalen-cards';
import { loadPlan } from '../../plan/load-plan';
import { PLANNING_DIR } from '../helpers/paths';
import { OPEN, type Plan, type StatusRecord } from '../../plan/plan';
import { ACUTE_ROUTE_ID, SUICIDE_ROUTE_ID, type KnowledgeBase } from '../../knowledge/index';
import { cardProblems } from '../helpers/card-validation';
import { cardTexts, cardUrls, findInCard as find } from '../helpers/bot-harness';
import { realKnowledgeBase } from '../helpers/knowledge-fixture';

/** The bot's clock date for route cards (every item is within its reviewBefore then). */
const TODAY = { year: 2026, month: 11, day: 23 };
let kb: KnowledgeBase;
let plan: Plan;
beforeAll(async () => {
  kb = await realKnowledgeBase();
  plan = await loadPlan(PLANNING_DIR);
});

function urgentCard(itemId: string, urgency: Urgency, alternatives = [{ itemId: 'agressieprotocol/balie', title: 'Agressie aan de balie of in de spreekkamer' }]): AdaptiveCard {
  return routeCard({ today: TODAY, item: kb.localize(kb.item(itemId)!, null), urgency, privacyNotice: false, alternatives });
}

const callButtons = (card: unknown) => find(card, (o) => o.type === 'Action.OpenUrl' && String(o.url).startsWith('tel:'));

function everyCard(): Array<[string, AdaptiveCard]> {
  const cards: Array<[string, AdaptiveCard]> = kb.items.flatMap((item) => [
    [`route ${item.id}`, routeCard({ today: TODAY, item: kb.localize(item, 'Baarn'), urgency: null, privacyNotice: false, alternatives: [] })] as [string, AdaptiveCard],
  ]);
  const hg = kb.localize(kb.item('meldroutes/huiselijk-geweld')!, null);
  cards.push(['route, urgent, with privacy notice and alternatives', routeCard({ today: TODAY, item: hg, urgency: 'geweld', privacyNotice: true, alternatives: [{ itemId: 'handelingskaders/meldcode', title: 'Meldcode' }] })]);
  cards.push(['route, suicide, feedback given', routeCard({ today: TODAY, item: hg, urgency: 'suicide', privacyNotice: false, alternatives: [], feedbackGiven: true })]);
  cards.push(['no answer', noAnswerCard({ privacyNotice: true, closest: [{ itemId: 'meldroutes/woonoverlast', title: 'Woonoverlast' }], fallbackContacts: kb.item('meldroutes/acuut-gevaar')!.contacts })]);
  cards.push(['no answer with the alert line', noAnswerCard({ privacyNotice: false, closest: [], fallbackContacts: kb.item('meldroutes/acuut-gevaar')!.contacts, alert: 'suicide' })]);
  cards.push(['route, urgent, the acute route itself', urgentCard(ACUTE_ROUTE_ID, 'geweld')]);
  cards.push(['route, suicide, the suicide route itself', urgentCard(SUICIDE_ROUTE_ID, 'suicide')]);
  cards.push(['route, medical emergency', urgentCard(ACUTE_ROUTE_ID, 'medisch')]);
  cards.push(['route, missing person, the vermissing route itself', urgentCard('meldroutes/vermissing', 'vermissing')]);
  cards.push(['route, alert', routeCard({ today: TODAY, item: hg, urgency: null, alert: 'geweld', privacyNotice: false, alternatives: [] })]);
  cards.push(['route, alert for suicide', routeCard({ today: TODAY, item: kb.localize(kb.item(SUICIDE_ROUTE_ID)!, null), urgency: null, alert: 'suicide', privacyNotice: false, alternatives: [] })]);
  cards.push(['route, past its review date', routeCard({ today: { year: 2030, month: 1, day: 1 }, item: hg, urgency: null, privacyNotice: false, alternatives: [] })]);
  cards.push(['welcome', welcomeCard('welkom')]);
  cards.push(['help', welcomeCard('help')]);
  cards.push(['help werkgroep', werkgroepHelpCard()]);
  cards.push(['welcome in a team', werkgroepHelpCard({ addedTo: 'team', addedBy: 'Alice **de** Vries' })]);
  cards.push(['welcome in a group chat, no name', werkgroepHelpCard({ addedTo: 'chat', addedBy: null })]);
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
      expect(cardProblems(card), name).toEqual([]);
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

describe('urgent route cards', () => {
  const cases: Array<[string, string, Urgency, string[]]> = [
    ['a weapon, the acute route', ACUTE_ROUTE_ID, 'geweld', ['tel:112']],
    ['a weapon, the balie protocol', 'agressieprotocol/balie', 'geweld', ['tel:112']],
    ['suicide, the suicide route', SUICIDE_ROUTE_ID, 'suicide', ['tel:113', 'tel:112']],
    ['suicide, huiselijk geweld', 'meldroutes/huiselijk-geweld', 'suicide', ['tel:113', 'tel:112']],
    ['a medical emergency, the acute route', ACUTE_ROUTE_ID, 'medisch', ['tel:112']],
    ['a missing person, the vermissing route', 'meldroutes/vermissing', 'vermissing', ['tel:112']],
  ];

  it.each(cases)('%s: open with the call buttons, in the red block, before any text', (_name, itemId, urgency, first) => {
    const card = urgentCard(itemId, urgency);
    const [block] = card.body as Array<Record<string, any>>;
    expect(block).toMatchObject({ type: 'Container', id: 'acuut', style: 'attention' });
    expect(block!.items[0].type).toBe('ActionSet');
    expect(block!.items[0].actions.map((a: { url: string }) => a.url)).toEqual(first);
    expect(cardUrls(card).slice(0, first.length)).toEqual(first);
    // Then at most three short lines before the route.
    const lines = block!.items.slice(1);
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const line of lines) expect(line.text.length, line.text).toBeLessThanOrEqual(100);
  });

  it.each(cases)('%s: no number, button or heading twice, and at most three numbers to call', (_name, itemId, urgency) => {
    const card = urgentCard(itemId, urgency);
    const calls = callButtons(card).map((b) => b.url);
    expect(calls.length).toBeLessThanOrEqual(URGENT_MAX_CALL_BUTTONS);
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls).not.toContain('tel:08000113'); // the acute block already names 0800-0113
    const titles = find(card, (o) => typeof o.type === 'string' && o.type.startsWith('Action.')).map((a) => a.title);
    expect(new Set(titles).size, titles.join(' | ')).toBe(titles.length);
    const headings = find(card, (o) => o.type === 'TextBlock' && (o.weight === 'Bolder' || o.size === 'Large')).map((t) => t.text);
    expect(new Set(headings).size, headings.join(' | ')).toBe(headings.length);
  });

  it('never shows the acute route\'s title under the acute heading that says the same', () => {
    const texts = cardTexts(urgentCard(ACUTE_ROUTE_ID, 'geweld'));
    expect(texts.filter((t) => t === 'Acuut gevaar? Bel 112')).toHaveLength(1);
    expect(cardTexts(urgentCard(SUICIDE_ROUTE_ID, 'suicide'))).not.toContain(kb.item(SUICIDE_ROUTE_ID)!.title);
    // Another item keeps its title: it is the route.
    expect(cardTexts(urgentCard('agressieprotocol/balie', 'geweld'))).toContain('Agressie aan de balie of in de spreekkamer');
  });

  it('fold the steps and the source behind "Alle stappen"; they stay in the card', () => {
    const card = urgentCard(SUICIDE_ROUTE_ID, 'suicide');
    const [steps] = find(card, (o) => o.id === 'stappen');
    expect(steps!.isVisible).toBe(false);
    expect(cardTexts(steps).filter((t) => /^\d\. /.test(t))).toHaveLength(kb.item(SUICIDE_ROUTE_ID)!.steps.length);
    const [toggle] = find(card, (o) => o.type === 'Action.ToggleVisibility');
    expect(toggle).toMatchObject({ title: 'Alle stappen', targetElements: ['stappen'] });
    // The toggle comes before the hidden steps, so it is what the reader sees.
    const order = JSON.stringify(card);
    expect(order.indexOf('Action.ToggleVisibility')).toBeLessThan(order.indexOf('"id":"stappen"'));
  });

  it('offer no "Bedoelde je …?" button for a route whose number the red block already calls: it would look like a call button', () => {
    const alternatives = [{ itemId: ACUTE_ROUTE_ID, title: 'Acuut gevaar? Bel 112' }, { itemId: 'meldroutes/verward-gedrag', title: 'Verward gedrag' }];
    const card = urgentCard(SUICIDE_ROUTE_ID, 'suicide', alternatives);
    expect(find(card, (o) => o.type === 'Action.Submit').map((a) => a.data.itemId)).toEqual(['meldroutes/verward-gedrag']);
    expect(JSON.stringify(card.actions)).toContain('"alternativeIds":"meldroutes/verward-gedrag"');
    const calm = routeCard({ today: TODAY, item: kb.localize(kb.item('meldroutes/huiselijk-geweld')!, null), urgency: null, privacyNotice: false, alternatives });
    expect(find(calm, (o) => o.type === 'Action.Submit')).toHaveLength(2);
  });

  it('keep the steps open on a card that is not urgent', () => {
    const card = routeCard({ today: TODAY, item: kb.localize(kb.item('meldroutes/huiselijk-geweld')!, null), urgency: null, privacyNotice: false, alternatives: [] });
    expect(find(card, (o) => o.id === 'stappen')[0]!.isVisible).toBe(true);
    expect(find(card, (o) => o.type === 'Action.ToggleVisibility')).toEqual([]);
  });
});

describe('the no-answer card', () => {
  it('opens with the alert line when the question had a danger word: 113 for self-harm, before anything else', () => {
    const card = noAnswerCard({ privacyNotice: true, closest: [], fallbackContacts: [], alert: 'suicide' }) as { body: Array<Record<string, any>> };
    expect(card.body[0]).toMatchObject({ id: 'direct-gevaar', style: 'warning' });
    expect(card.body[0]!.items[0].text).toBe('Is er nu direct gevaar? Bel 113 — bij levensgevaar 112');
    expect(card.body[0]!.items[1].actions.map((a: { url: string }) => a.url)).toEqual(['tel:113']);
    const plain = noAnswerCard({ privacyNotice: false, closest: [], fallbackContacts: [] }) as { body: Array<Record<string, any>> };
    expect(plain.body.some((b) => b.id === 'direct-gevaar')).toBe(false);
  });

  it('calls 112 once: the national routes below leave out the number the alert line calls', () => {
    const contacts = kb.item('meldroutes/acuut-gevaar')!.contacts;
    const calls112 = (card: unknown) => JSON.stringify(card).split('"tel:112"').length - 1;
    expect(calls112(noAnswerCard({ privacyNotice: false, closest: [], fallbackContacts: contacts }))).toBe(1);
    expect(calls112(noAnswerCard({ privacyNotice: false, closest: [], fallbackContacts: contacts, alert: 'geweld' }))).toBe(1);
  });
});

describe('buttons', () => {
  it('put the number first in every call button, on every card, so a cut-off title still shows it', () => {
    for (const [name, card] of everyCard()) {
      for (const button of callButtons(card)) {
        const leading = /^(\+?[\d][\d -]*\d)(?: — |$)/.exec(button.title)?.[1];
        expect(leading, `${name}: ${button.title}`).toBeDefined();
        expect(`tel:${leading!.replace(/[^\d+]/g, '')}`, name).toBe(button.url);
      }
    }
    expect(contactButtons({ name: 'Alarmnummer 112', phone: '112' } as never)[0]!.title).toBe('112 — Alarmnummer');
    expect(contactButtons({ name: '113 Zelfmoordpreventie', phone: '113' } as never)[0]!.title).toBe('113 — Zelfmoordpreventie');
    expect(contactButtons({ name: 'Veilig Thuis', phone: '0800-2000' } as never)[0]!.title).toBe('0800-2000 — Veilig Thuis');
  });

  it('send plain data with every Action.Submit: a verb, and no msteams key (Agents Playground refuses that)', () => {
    for (const [name, card] of everyCard()) {
      for (const submit of find(card, (o) => o.type === 'Action.Submit')) {
        expect(submit.data, name).not.toHaveProperty('msteams');
        expect(submit.data.verb, name).toMatch(/^(showItem|vraag)$/);
      }
    }
    const bedoelde = find(urgentCard(ACUTE_ROUTE_ID, 'geweld'), (o) => o.type === 'Action.Submit');
    expect(bedoelde.map((b) => b.data)).toEqual([{ verb: 'showItem', itemId: 'agressieprotocol/balie' }]);
  });
});

describe('welcome and help', () => {
  const commandWords = /\b(mijlpalen|herinneringen|overleg|agenda|co[oö]rdinator|onbeantwoord|experts)\b/i;

  it('welcome a frontline worker with 112, three short examples and privacy, and no werkgroep commands', () => {
    const card = welcomeCard('welkom');
    const texts = cardTexts(card);
    expect(texts).toContain('Acuut gevaar? Bel 112');
    expect(texts.some((t) => t.startsWith('Deel geen persoonsgegevens'))).toBe(true);
    const examples = find(card, (o) => o.type === 'Action.Submit');
    expect(examples).toHaveLength(3);
    for (const example of examples) expect(example.title.length, example.title).toBeLessThanOrEqual(18);
    expect(examples.map((e) => e.data)).toEqual(WELCOME_EXAMPLES.map((e) => ({ verb: 'vraag', question: e.question })));
    expect(texts.join(' ')).not.toMatch(commandWords);
    expect(card.body.length).toBeLessThanOrEqual(7);
  });

  it('help names help werkgroep, and help werkgroep lists every werkgroep and coordinator command', () => {
    expect(cardTexts(welcomeCard('help')).join(' ')).toContain('**help werkgroep**');
    const werkgroep = cardTexts(werkgroepHelpCard()).join(' ');
    for (const command of ['mijlpalen', 'herinneringen', 'overleg', 'agenda', 'coordinator toevoegen', 'onbeantwoord', 'experts hier']) {
      expect(werkgroep).toContain(`**${command}`);
    }
  });

  it('name who added Meldwijzer to a team literally, without Markdown', () => {
    const card = werkgroepHelpCard({ addedTo: 'team', addedBy: 'Alice **de** Vries' });
    expect(cardTexts(card)[0]).toBe('Meldwijzer is aan dit team toegevoegd');
    const [run] = find(card, (o) => o.type === 'TextRun');
    expect(run!.text).toBe('Toegevoegd door Alice **de** Vries.');
  });
});

describe('what a user reads', () => {
  const at = new Date('2026-11-23T09:00:00Z'); // 10:00 in Amsterdam
  const question = { maskedQuestion: 'vraag', createdAt: at, gemeente: null, closestIds: [] };

  it('counts the unanswered questions in Dutch: "De laatste vraag", "De laatste 3 vragen"', () => {
    expect(cardTexts(unansweredCard([question]))[1]).toMatch(/^De laatste vraag zonder antwoord/);
    expect(cardTexts(unansweredCard([question, question, question]))[1]).toMatch(/^De laatste 3 vragen zonder antwoord/);
  });

  it('writes every date the same way: "23 november 2026", with time "23 november 2026 om 10:00"', () => {
    expect(cardTexts(unansweredCard([question]))).toContain('23 november 2026 om 10:00');
    const route = routeCard({ today: TODAY, item: kb.localize(kb.item('meldroutes/huiselijk-geweld')!, null), urgency: null, privacyNotice: false, alternatives: [] });
    expect(cardTexts(route).find((t) => t.startsWith('Bron:'))).toMatch(/ · gecontroleerd \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}$/);
    const changed: StatusRecord = { status: 'bezig', changedBy: 'Bob', changedAt: at };
    const q1 = { year: 2024, quarter: 1 } as const;
    const mijlpalen = mijlpalenCard({ plan, gemeente: 'Baarn', quarter: q1, statusOf: () => changed, overdue: [] });
    expect(cardTexts(mijlpalen)).toContain('Status: Bezig — gewijzigd door Bob op 23 november 2026 om 10:00');
    const meeting = { meetingId: 1, date: { year: 2026, month: 12, day: 9 }, dateKey: '2026-12-09', time: { hour: 10, minute: 0 }, start: new Date('2026-12-09T09:00:00Z'), cancelled: false };
    const agenda = agendaCard(meeting, [{ topic: 'Onderwerp', durationMin: null, toelichting: null, status: 'gepland', addedByName: 'Alice', addedAt: at }], new Date('2026-12-07T08:00:00Z'));
    expect(cardTexts(agenda)).toEqual(expect.arrayContaining(['Agenda overleg woensdag 9 december 2026 om 10:00', 'Punten aandragen tot 7 december 2026 om 09:00', 'toegevoegd door Alice op 23 november 2026 om 10:00']));
  });

  it('shows "Bezig" in an accessible colour, not yellow on white', () => {
    const bezig: StatusRecord = { status: 'bezig', changedBy: null, changedAt: null };
    const card = mijlpalenCard({ plan, gemeente: 'Baarn', quarter: { year: 2024, quarter: 1 }, statusOf: () => bezig, overdue: [] });
    const runs = find(card, (o) => o.type === 'TextRun' && String(o.text).startsWith('Status: Bezig'));
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run.color).toBe('Accent');
  });
});

describe('the 112 line on every route card', () => {
  const plainCard = (itemId: string, alert: Urgency = null) =>
    routeCard({ today: TODAY, item: kb.localize(kb.item(itemId)!, 'Baarn'), urgency: null, alert, privacyNotice: false, alternatives: [] });

  it('shows 112 and 113 on a card that has no 112 of its own, on every item without a 112 contact', () => {
    const card = plainCard('huurachterstanden/vroegsignalering');
    expect(cardTexts(card)).toContain(SAFETY_LINE);
    for (const item of kb.items) {
      const texts = cardTexts(plainCard(item.id));
      const calls112 = cardUrls(plainCard(item.id)).includes('tel:112');
      expect(calls112 || texts.includes(SAFETY_LINE), item.id).toBe(true);
    }
  });

  it('leaves it out where the card already opens with or offers 112', () => {
    expect(cardTexts(plainCard('meldroutes/huiselijk-geweld'))).not.toContain(SAFETY_LINE);
    expect(cardTexts(plainCard('huurachterstanden/vroegsignalering', 'geweld'))).not.toContain(SAFETY_LINE);
    expect(cardTexts(urgentCard('huurachterstanden/vroegsignalering', 'geweld'))).not.toContain(SAFETY_LINE);
  });
});
