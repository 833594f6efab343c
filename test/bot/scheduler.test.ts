// pg-boss runs the reminder check on a cron schedule in Europe/Amsterdam, on the bot's own database;
// catching up on reminders at start does not hold back readiness.
import { afterAll, describe, expect, it } from 'vitest';
import { REMINDER_CRON, REMINDER_QUEUE, RETENTION_CRON, RETENTION_QUEUE, type Scheduler } from '../../bot/scheduler';
import { ALICE, channel, message } from '../helpers/activities';
import { cardOf, cardTexts, startBot, type BotHarness } from '../helpers/bot-harness';
import { TestClock } from '../helpers/clock';
import { dropSchemas, TEST_DATABASE_URL, uniqueSchema } from '../helpers/databases';

const backends: Array<[string, string | undefined]> = [['PGlite', undefined]];
if (TEST_DATABASE_URL) backends.push(['PostgreSQL', uniqueSchema('mwsched')]);

describe.each(backends)('the scheduler on %s', (_name, postgresSchema) => {
  let bot: BotHarness | undefined;
  let scheduler: Scheduler | undefined;
  afterAll(async () => {
    await bot?.destroy();
    if (postgresSchema) await dropSchemas(postgresSchema, `${postgresSchema}_boss`);
  });

  it('schedules the reminder check with the Amsterdam time zone, and a run of the job sends what is due', async () => {
    const clock = new TestClock(new Date('2025-06-05T10:00:00+02:00')); // nothing due yet
    bot = await startBot({ clock, env: { COORDINATORS: ALICE.aadObjectId! }, postgresSchema });
    const werkgroep = channel('werkgroep-scheduler');
    await bot.post(message(bot.connector.serviceUrl, 'herinneringen aan Eemnes', { conversation: werkgroep }));
    await bot.connector.waitFor(werkgroep.id, 1);

    scheduler = await bot.runtime.startScheduler({ pollingIntervalSeconds: 0.5 }); // pg-boss's minimum: the job below is picked up sooner
    await scheduler.caughtUp();
    expect(bot.connector.sentTo(werkgroep.channelId)).toHaveLength(0); // the start-up catch-up found nothing due
    const boss = scheduler.pgBoss!;
    const schedules = await boss.getSchedules();
    expect(schedules.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      expect.objectContaining({ name: RETENTION_QUEUE, cron: RETENTION_CRON, options: expect.objectContaining({ tz: 'Europe/Amsterdam' }) }),
      expect.objectContaining({ name: REMINDER_QUEUE, cron: REMINDER_CRON, options: expect.objectContaining({ tz: 'Europe/Amsterdam' }) }),
    ]);

    clock.set('2025-07-01T09:00:00+02:00');
    await boss.send(REMINDER_QUEUE, {});
    const sent = await bot.connector.waitFor(werkgroep.channelId, 1, 20_000);
    expect(sent).toHaveLength(1);
    expect(cardTexts(cardOf(sent[0]))[0]).toBe('Nieuw kwartaal: mijlpalen Eemnes — Q3 2025');
  }, 60_000);
});

describe('start', () => {
  it('is ready while the reminders missed during downtime are still being sent', async () => {
    const clock = new TestClock(new Date('2025-07-01T09:00:00+02:00')); // Q3 starts: a reminder is due
    const bot = await startBot({ clock, env: { COORDINATORS: ALICE.aadObjectId! } });
    try {
      const werkgroep = channel('werkgroep-start');
      await bot.post(message(bot.connector.serviceUrl, 'herinneringen aan Eemnes', { conversation: werkgroep }));
      await bot.connector.waitFor(werkgroep.id, 1);
      bot.connector.delayMs = 1_000; // Teams' pace, slowed down
      const scheduler = await bot.runtime.startScheduler();
      // Started (and so ready) before the catch-up delivered anything.
      expect(scheduler.isRunning).toBe(true);
      expect(bot.connector.sentTo(werkgroep.channelId)).toHaveLength(0);
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
      await scheduler.caughtUp();
      expect(bot.connector.sentTo(werkgroep.channelId)).toHaveLength(1);
    } finally {
      await bot.destroy();
    }
  }, 30_000);
});
