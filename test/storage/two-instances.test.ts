// Two bot instances on one PostgreSQL database: a reminder goes out once, a status set on one
// instance shows on the other. Runs when TEST_DATABASE_URL is set (.ci/run sets it).
import { afterAll, describe, expect, it } from 'vitest';
import { ALICE, channel, message } from '../helpers/activities';
import { cardOf, cardTexts, startBot, type BotHarness } from '../helpers/bot-harness';
import { TestClock } from '../helpers/clock';
import { dropSchemas, TEST_DATABASE_URL, uniqueSchema } from '../helpers/databases';
import { FakeConnector } from '../helpers/fake-connector';
import { migrate, MIGRATIONS } from '../../bot/storage/migrations';
import { openPostgres } from '../../bot/storage/sql-client';

describe.runIf(TEST_DATABASE_URL)('two instances on one PostgreSQL', () => {
  const schema = uniqueSchema('mw2');
  const bots: BotHarness[] = [];
  let connector: FakeConnector;
  afterAll(async () => {
    for (const bot of bots) await bot.destroy();
    await connector?.stop();
    await dropSchemas(schema, `${schema}_boss`);
  });

  it('apply the migrations once when they start together, each with a pool of its own', async () => {
    const fresh = uniqueSchema('mw2m');
    const [a, b] = [await openPostgres(TEST_DATABASE_URL!, fresh), await openPostgres(TEST_DATABASE_URL!, fresh)];
    try {
      // Two connections at once: without the advisory lock both would create the same tables.
      const [byA, byB] = await Promise.all([migrate(a), migrate(b)]);
      expect([...byA, ...byB].sort((x, y) => x - y)).toEqual(MIGRATIONS.map((m) => m.version));
      expect([byA.length, byB.length].sort((x, y) => x - y)).toEqual([0, MIGRATIONS.length]); // one applied all, the other waited and found them done
      const versions = await b.query<{ version: number }>('select version from schema_migrations order by version');
      expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all([a.close(), b.close()]);
      await dropSchemas(fresh);
    }
  });

  it('send the quarter-start reminder once and share milestone status', async () => {
    connector = await new FakeConnector().start();
    const clock = new TestClock(new Date('2025-03-20T10:00:00+01:00'));
    const env = { COORDINATORS: ALICE.aadObjectId! };
    const [a, b] = await Promise.all([
      startBot({ clock, connector, env, postgresSchema: schema }),
      startBot({ clock, connector, env, postgresSchema: schema }),
    ]);
    bots.push(a, b);
    const werkgroep = channel('werkgroep-pg');
    await a.post(message(connector.serviceUrl, 'herinneringen aan Baarn', { conversation: werkgroep }));
    await connector.waitFor(werkgroep.id, 1);

    clock.set('2025-04-01T09:00:00+02:00');
    await Promise.all([a.runtime.reminders.queueDue(), b.runtime.reminders.queueDue(), a.runtime.reminders.queueDue()]);
    await Promise.all([a.runtime.outbox.deliverDue(), b.runtime.outbox.deliverDue()]);
    await Promise.all([a.runtime.outbox.deliverDue(), b.runtime.outbox.deliverDue()]);
    const reminders = connector.deliveredTo(werkgroep.channelId).filter((activity) => activity.attachments);
    expect(reminders).toHaveLength(1);
    expect(cardTexts(cardOf(reminders[0]))[0]).toBe('Nieuw kwartaal: mijlpalen Baarn — Q2 2025');

    await a.runtime.deps.planStore.setStatus('tenant-1', 'baarn/2025-Q2/gezamenlijke-werkwijze-huurachterstanden', 'gereed', { id: 'x', name: 'Alice' });
    expect((await b.runtime.deps.planStore.statuses('tenant-1')).get('baarn/2025-Q2/gezamenlijke-werkwijze-huurachterstanden')?.status).toBe('gereed');
  });
});
