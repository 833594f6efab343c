// Quarterly reminders in a werkgroep channel: sent once per occasion and conversation, at 09:00
// Amsterdam time, across restarts, with retries on 429 and no retries where the bot was removed.
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, channel, message } from '../helpers/activities';
import { cardOf, cardTexts, say as sayTo, startBot, type BotHarness } from '../helpers/bot-harness';
import { TestClock } from '../helpers/clock';
import { REFERENCE_CACHE_TTL_MS } from '../../bot/reference-cache';
import { FakeConnector } from '../helpers/fake-connector';

const COORDINATOR_ENV = { COORDINATORS: ALICE.aadObjectId! };
let bots: BotHarness[] = [];
afterEach(async () => {
  for (const bot of bots) await bot.destroy().catch(() => undefined);
  bots = [];
});

async function botWith(clock: TestClock, extra: { connector?: FakeConnector; dataDir?: string; persistent?: boolean } = {}) {
  const bot = await startBot({ clock, env: COORDINATOR_ENV, ...extra });
  bots.push(bot);
  return bot;
}

const say = (bot: BotHarness, conversation: ReturnType<typeof channel>, text: string, from = ALICE) => sayTo(bot, text, { from, conversation });

/** One scheduler pass, as the pg-boss job runs it. */
async function tick(bot: BotHarness) {
  await bot.runtime.reminders.queueDue();
  return bot.runtime.outbox.deliverDue();
}

describe('subscribing', () => {
  it('lets a coordinator switch reminders on and off in a channel, and tells others who can', async () => {
    const clock = new TestClock(new Date('2024-03-20T10:00:00+01:00'));
    const bot = await botWith(clock);
    const werkgroep = channel('werkgroep-a');
    expect((await say(bot, werkgroep, 'herinneringen')).text).toContain('Herinneringen staan uit');
    expect((await say(bot, werkgroep, 'herinneringen aan Baarn', BOB)).text).toContain('alleen een coördinator');
    expect((await say(bot, werkgroep, 'herinneringen aan Baarn, De Bilt')).text).toContain('voor: Baarn, De Bilt');
    expect((await say(bot, werkgroep, 'herinneringen')).text).toContain('staan aan in dit kanaal voor: Baarn, De Bilt');
    expect((await say(bot, werkgroep, 'herinneringen uit')).text).toContain('staan nu uit');
    const personal = await bot.post(message(bot.connector.serviceUrl, 'herinneringen aan Baarn'));
    expect(personal.status).toBe(200);
  });
});

describe('the quarter-start reminder', () => {
  it('fires once at 09:00 local time on the first werkdag, after the DST change and the Easter holiday', async () => {
    const clock = new TestClock(new Date('2024-03-20T10:00:00+01:00'));
    const bot = await botWith(clock);
    const werkgroep = channel('werkgroep-b');
    await say(bot, werkgroep, 'herinneringen aan Baarn');
    const before = bot.connector.deliveredTo(werkgroep.channelId).length;

    clock.set('2024-04-01T09:00:00+02:00'); // Tweede Paasdag: not a werkdag
    await tick(bot);
    clock.set('2024-04-02T08:59:00+02:00');
    await tick(bot);
    expect(bot.connector.deliveredTo(werkgroep.channelId)).toHaveLength(before);

    clock.set('2024-04-02T09:00:00+02:00');
    expect((await tick(bot)).sent).toBe(1);
    clock.set('2024-04-02T09:05:00+02:00');
    await tick(bot);
    const delivered = bot.connector.deliveredTo(werkgroep.channelId).slice(before);
    expect(delivered).toHaveLength(1);
    // A new post in the channel (every thread of it shares the subscription), not a reply in a thread.
    const post = bot.connector.calls.filter((c) => c.method === 'POST' && c.body.attachments).at(-1)!;
    expect(post.path).toBe(`/v3/conversations/${encodeURIComponent(werkgroep.channelId)}/activities`);
    const texts = cardTexts(cardOf(delivered[0]));
    expect(texts[0]).toBe('Nieuw kwartaal: mijlpalen Baarn — Q2 2024');
    expect(texts).toContain('Handelingsperspectief professionals');
    expect(texts.some((t) => t.startsWith('Q1 2024 · Baarn · Werkafspraken ketensamenwerking'))).toBe(true);
  });

  it('is sent when the bot comes back within its window, and not after it', async () => {
    const clock = new TestClock(new Date('2024-06-25T10:00:00+02:00'));
    const bot = await botWith(clock);
    const werkgroep = channel('werkgroep-c');
    await say(bot, werkgroep, 'herinneringen aan Eemnes');
    const before = bot.connector.deliveredTo(werkgroep.channelId).length;
    clock.set('2024-07-04T11:30:00+02:00'); // down on 1 July, back three days later
    await tick(bot);
    expect(bot.connector.deliveredTo(werkgroep.channelId).length - before).toBe(1);

    const late = channel('werkgroep-d');
    await say(bot, late, 'herinneringen aan Eemnes');
    const lateBefore = bot.connector.deliveredTo(late.channelId).length;
    clock.set('2024-07-20T10:00:00+02:00'); // window of the quarter start has closed
    await tick(bot);
    expect(bot.connector.deliveredTo(late.channelId).length).toBe(lateBefore);
  });

  it('loses nothing and sends nothing twice across a restart mid-schedule', async () => {
    const clock = new TestClock(new Date('2024-09-25T10:00:00+02:00'));
    const connector = await new FakeConnector().start();
    let bot = await botWith(clock, { connector, persistent: true });
    const werkgroep = channel('werkgroep-e');
    await say(bot, werkgroep, 'herinneringen aan Bunschoten');
    const before = connector.deliveredTo(werkgroep.channelId).length;

    clock.set('2024-10-01T09:00:00+02:00');
    expect(await bot.runtime.reminders.queueDue()).toBe(1); // queued, then the process stops before delivering
    await bot.stop();
    bots = bots.filter((b) => b !== bot);

    bot = await botWith(clock, { connector, dataDir: bot.dataDir });
    clock.set('2024-10-01T09:05:00+02:00');
    await tick(bot);
    await tick(bot);
    expect(connector.deliveredTo(werkgroep.channelId).length - before).toBe(1);
    await connector.stop();
  });
});

describe('the outbox', () => {
  it('retries after a 429 and then delivers once', async () => {
    const clock = new TestClock(new Date('2024-12-20T10:00:00+01:00'));
    const bot = await botWith(clock);
    const werkgroep = channel('werkgroep-f');
    await say(bot, werkgroep, 'herinneringen aan De Bilt');
    const before = bot.connector.deliveredTo(werkgroep.channelId).length;
    bot.connector.failNext(werkgroep.channelId, [429]);

    clock.set('2025-01-02T09:00:00+01:00');
    const first = await tick(bot);
    expect(first).toMatchObject({ sent: 0, retried: 1 });
    expect(await tick(bot)).toMatchObject({ sent: 0 }); // backoff not over yet
    clock.advance(61_000);
    expect(await tick(bot)).toMatchObject({ sent: 1 });
    expect(bot.connector.deliveredTo(werkgroep.channelId).length - before).toBe(1);
  });

  it('gives up after a bounded number of tries and records why', async () => {
    const clock = new TestClock(new Date('2024-12-20T10:00:00+01:00'));
    const bot = await botWith(clock);
    const werkgroep = channel('werkgroep-g');
    await say(bot, werkgroep, 'herinneringen aan Baarn');
    bot.connector.failNext(werkgroep.channelId, Array(20).fill(502));
    clock.set('2025-01-02T09:00:00+01:00');
    for (let i = 0; i < 10; i++) {
      await tick(bot);
      clock.advance(120_000);
    }
    const rows = await bot.runtime.deps.store.sql.query<{ status: string; attempts: number; last_error: string }>(
      'select status, attempts, last_error from outbox where conversation_id = $1',
      [werkgroep.channelId],
    );
    expect(rows).toEqual([{ status: 'failed', attempts: 6, last_error: expect.stringContaining('502') }]);
    // One attempt is one request: the connector client does not retry on its own.
    expect(bot.connector.sentTo(werkgroep.channelId).filter((a) => a.attachments)).toHaveLength(6);
  });

  it('marks a conversation inactive on 403 and does not retry or send there again', async () => {
    const clock = new TestClock(new Date('2024-12-20T10:00:00+01:00'));
    const bot = await botWith(clock);
    const werkgroep = channel('werkgroep-h');
    await say(bot, werkgroep, 'herinneringen aan Baarn');
    bot.connector.statusFor.set(werkgroep.channelId, 403);
    const callsBefore = bot.connector.sentTo(werkgroep.channelId).length;

    clock.set('2025-01-02T09:00:00+01:00');
    expect(await tick(bot)).toMatchObject({ failed: 1, sent: 0 });
    expect((await bot.runtime.deps.store.conversation(werkgroep.channelId))?.active).toBe(false);
    clock.set('2025-03-17T09:00:00+01:00'); // the next occasion
    await tick(bot);
    expect(bot.connector.sentTo(werkgroep.channelId).length - callsBefore).toBe(1);

    // The bot is added back and someone writes in the channel: reminders flow again, no restart needed.
    bot.connector.statusFor.delete(werkgroep.channelId);
    expect((await say(bot, werkgroep, 'herinneringen')).text).toContain('Herinneringen staan aan');
    expect((await bot.runtime.deps.store.conversation(werkgroep.channelId))?.active).toBe(true);
    clock.set('2025-04-01T09:00:00+02:00');
    expect(await tick(bot)).toMatchObject({ sent: 1 });
    expect(cardTexts(cardOf(bot.connector.deliveredTo(werkgroep.channelId).at(-1)))[0]).toBe('Nieuw kwartaal: mijlpalen Baarn — Q2 2025');
  });

  it('reactivates a conversation another instance marked inactive once its cache entry expires', async () => {
    const clock = new TestClock(new Date('2024-12-20T10:00:00+01:00'));
    const bot = await botWith(clock);
    const werkgroep = channel('werkgroep-i');
    await say(bot, werkgroep, 'herinneringen aan Baarn');
    // Another instance got the 403 and marked it inactive; this process still remembers the reference.
    await bot.runtime.deps.store.sql.query('update conversation_references set active = false where conversation_id = $1', [werkgroep.channelId]);
    clock.advance(REFERENCE_CACHE_TTL_MS + 1000);
    await say(bot, werkgroep, 'herinneringen');
    expect((await bot.runtime.deps.store.conversation(werkgroep.channelId))?.active).toBe(true);
  });
});
