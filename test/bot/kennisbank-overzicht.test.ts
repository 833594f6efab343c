// The improvement loop: coordinators switch on a weekly kennisbank overview in a channel; it goes out
// Monday 09:00 once per week and conversation (across a restart, and with two instances), shows the
// week's numbers and unanswered questions (masked, grouped), and lets a coordinator pair a question with
// an item for the editors. What people typed is deleted after RETENTION_DAYS.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { exportPairings } from '../../tools/exports';
import { ALICE, BOB, cardAction, channel, personalChat, type Conversation, type Who } from '../helpers/activities';
import { cardOf, cardTexts, say as sayTo, startBot, type BotHarness } from '../helpers/bot-harness';
import { TestClock } from '../helpers/clock';
import { dropSchemas, TEST_DATABASE_URL, uniqueSchema } from '../helpers/databases';
import { FakeConnector } from '../helpers/fake-connector';

const CAROL: Who = { id: '29:carol', aadObjectId: '00000000-0000-0000-0000-0000000ca201', name: 'Carol Smit' };
const COORDINATORS = { COORDINATORS: ALICE.aadObjectId! };

let bots: BotHarness[] = [];
afterEach(async () => {
  for (const bot of bots) await bot.destroy().catch(() => undefined);
  bots = [];
});
async function newBot(options: Parameters<typeof startBot>[0]) {
  const bot = await startBot({ ...options, env: { ...COORDINATORS, ...options?.env } });
  bots.push(bot);
  return bot;
}

const say = (bot: BotHarness, text: string, from: Who = CAROL, conversation: Conversation = personalChat(from)) => sayTo(bot, text, { from, conversation });

/** A week of use: answered, unanswered (twice the same after folding), urgent, and feedback. */
async function aWeekOfQuestions(bot: BotHarness) {
  await say(bot, 'waar meld ik een vermoeden van huiselijk geweld?');
  await say(bot, 'iemand bedreigt mijn collega nu met een mes');
  await say(bot, 'Wat is het menu in de kantine vandaag? Dat vroeg Piet de Vries.');
  await say(bot, 'wat is het menu in de kantine vandaag, dat vroeg Piet de Vries');
  await say(bot, 'waar vind ik het parkeerbeleid');
  for (let i = 0; i < 3; i++) {
    await bot.post(cardAction(bot.connector.serviceUrl, 'feedback', { itemId: 'meldroutes/woonoverlast', useful: false }, { from: CAROL }));
  }
  await bot.post(cardAction(bot.connector.serviceUrl, 'feedback', { itemId: 'meldroutes/huiselijk-geweld', useful: true }, { from: CAROL }));
}

const tick = async (bot: BotHarness) => {
  await bot.runtime.digest.queueDue();
  return bot.runtime.outbox.deliverDue();
};
const digestsIn = (bot: BotHarness, conversation: { channelId: string }) =>
  bot.connector.deliveredTo(conversation.channelId).filter((a) => a.attachments && cardTexts(cardOf(a))[0]?.startsWith('Kennisbank: week'));

describe('the weekly kennisbank overview', () => {
  it('goes out Monday 09:00, once per week and channel, also across a restart', async () => {
    const clock = new TestClock(new Date('2026-11-24T10:00:00+01:00')); // Tuesday, week 48
    let bot = await newBot({ clock, persistent: true });
    const werkgroep = channel('overzicht-a');
    expect((await say(bot, 'overzicht aan', BOB, werkgroep)).text).toContain('alleen een coördinator');
    expect((await say(bot, 'overzicht aan', ALICE, werkgroep)).text).toContain('Het wekelijkse overzicht van de kennisbank staat nu aan in dit kanaal');
    await aWeekOfQuestions(bot);

    clock.set('2026-11-30T08:59:00+01:00');
    await tick(bot);
    expect(digestsIn(bot, werkgroep)).toHaveLength(0);
    clock.set('2026-11-30T09:00:00+01:00');
    expect(await tick(bot)).toMatchObject({ sent: 1 });
    await tick(bot);
    await bot.stop();
    bots = bots.filter((b) => b !== bot);
    bot = await newBot({ clock, dataDir: bot.dataDir, connector: bot.connector });
    clock.set('2026-11-30T11:00:00+01:00');
    await tick(bot);
    const digests = digestsIn(bot, werkgroep);
    expect(digests).toHaveLength(1);

    const card = cardOf(digests[0]);
    const texts = cardTexts(card);
    expect(texts[0]).toBe('Kennisbank: week 48');
    const table = card.body.find((e: { type: string }) => e.type === 'Chart.Line');
    expect(table.data.map((s: { legend: string }) => s.legend)).toEqual(['gesteld', 'beantwoord', 'zonder antwoord', 'urgent']);
    expect(table.data[0].values.at(-1)).toEqual({ x: 'week 48', y: 5 });
    expect(table.data[2].values.at(-1)).toEqual({ x: 'week 48', y: 3 });
    expect(table.data[3].values.at(-1)).toEqual({ x: 'week 48', y: 1 });
    expect(cardTexts(table.fallback)).toEqual(expect.arrayContaining(['week 48', '5', '3', '1']));
    // The same question twice is one line; names and personal data are masked.
    expect(texts.filter((t) => t.includes('kantine'))).toHaveLength(1);
    expect(texts.find((t) => t.includes('kantine'))).toContain('[naam]');
    expect(texts).toContain(' (2×)');
    expect(JSON.stringify(card)).not.toContain('Vries');
    expect(texts).toContain(`- ${bot.runtime.deps.kb.item('meldroutes/woonoverlast')!.title}: 3× niet nuttig`);
    expect(texts).toContain(`- Baarn: ${bot.runtime.deps.kb.meldpuntSlots().length} van ${bot.runtime.deps.kb.meldpuntSlots().length} nog leeg`);
    // Next Monday: the next week's overview.
    clock.set('2026-12-07T09:00:00+01:00');
    await tick(bot);
    expect(digestsIn(bot, werkgroep)).toHaveLength(2);
    expect((await say(bot, 'overzicht uit', ALICE, werkgroep)).text).toContain('staat nu uit');
  });

  it('lets a coordinator pair an unanswered question with an item, and exports it for the editors', async () => {
    const clock = new TestClock(new Date('2026-11-24T10:00:00+01:00'));
    const bot = await newBot({ clock });
    await aWeekOfQuestions(bot);
    const card = cardOf(await say(bot, 'statistieken 2', ALICE));
    expect(cardTexts(card)[0]).toBe('Kennisbank: de laatste 2 weken');
    const group = JSON.stringify(card).match(/"verb":"koppelen","data":\{"ids":"([\d,]+)","week":"([\d-]+)"\}/)!;
    const data = { ids: group[1], week: group[2], itemId: 'meldroutes/woonoverlast' };
    expect(JSON.stringify((await bot.post(cardAction(bot.connector.serviceUrl, 'koppelen', data, { from: BOB }))).body)).toContain('alleen een coördinator');
    const paired = await bot.post(cardAction(bot.connector.serviceUrl, 'koppelen', data, { from: ALICE }));
    expect(cardTexts((paired.body as { value: unknown }).value)[2]).toContain('Gekoppeld aan');
    expect(JSON.stringify((await bot.post(cardAction(bot.connector.serviceUrl, 'koppelen', { ...data, itemId: 'bestaat/niet' }, { from: ALICE }))).body)).toContain('werkt niet meer');

    const exported = exportPairings(await bot.runtime.deps.improvement.pairings(), bot.runtime.deps.kb);
    expect(exported['meldroutes/woonoverlast']!.kandidaatVragen).toHaveLength(1);
    expect(exported['meldroutes/woonoverlast']!.kandidaatVragen[0]).toContain('[naam]');
    // Paired questions leave the list; "Negeren" takes the other away.
    const after = cardOf(await say(bot, 'statistieken', ALICE));
    expect(cardTexts(after).some((t) => t.includes('kantine'))).toBe(false);
    expect((await say(bot, 'statistieken 40', ALICE)).text).toContain('1 tot 12 weken');
    expect((await say(bot, 'statistieken', BOB)).text).toContain('alleen een coördinator');
  });

  it('deletes unanswered questions and feedback after the retention period: kept on day 89, gone on day 91', async () => {
    const clock = new TestClock(new Date('2026-01-05T10:00:00+01:00'));
    const bot = await newBot({ clock });
    await say(bot, 'waar vind ik het parkeerbeleid');
    await bot.post(cardAction(bot.connector.serviceUrl, 'feedback', { itemId: 'meldroutes/woonoverlast', useful: false }, { from: CAROL }));
    const count = async (table: string) => Number((await bot.runtime.deps.store.sql.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n);

    clock.set('2026-04-04T10:00:00+02:00'); // day 89
    await bot.runtime.retention.run();
    expect([await count('unanswered_questions'), await count('feedback')]).toEqual([1, 1]);
    clock.set('2026-04-06T10:00:00+02:00'); // day 91
    await bot.runtime.retention.run();
    expect([await count('unanswered_questions'), await count('feedback')]).toEqual([0, 0]);
    expect(await count('question_log')).toBe(1); // counts hold no text and stay
  });
});

describe.runIf(TEST_DATABASE_URL)('the weekly overview with two instances on one PostgreSQL', () => {
  const schema = uniqueSchema('mwdig');
  afterAll(async () => {
    await dropSchemas(schema, `${schema}_boss`);
  });

  it('goes out once', async () => {
    const connector = await new FakeConnector().start();
    const clock = new TestClock(new Date('2026-11-24T10:00:00+01:00'));
    try {
      const [a, b] = await Promise.all([newBot({ clock, connector, postgresSchema: schema }), newBot({ clock, connector, postgresSchema: schema })]);
      const werkgroep = channel('overzicht-pg');
      await say(a, 'overzicht aan', ALICE, werkgroep);
      clock.set('2026-11-30T09:00:00+01:00');
      await Promise.all([a.runtime.digest.queueDue(), b.runtime.digest.queueDue()]);
      await Promise.all([a.runtime.outbox.deliverDue(), b.runtime.outbox.deliverDue()]);
      expect(digestsIn(a, werkgroep)).toHaveLength(1);
    } finally {
      for (const bot of bots) await bot.destroy().catch(() => undefined);
      bots = [];
      await connector.stop();
    }
  });
});
