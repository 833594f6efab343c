// Two bot instances on one PostgreSQL database: a reminder goes out once, a status set on one
// instance shows on the other. Runs when TEST_DATABASE_URL is set (.ci/run sets it).
import { afterAll, describe, expect, it } from 'vitest';
import { ALICE, channel, message } from '../helpers/activities';
import { cardOf, cardTexts, startBot, type BotHarness } from '../helpers/bot-harness';
import { TestClock } from '../helpers/clock';
import { dropSchemas, TEST_DATABASE_URL, uniqueSchema } from '../helpers/databases';
import { FakeConnector } from '../helpers/fake-connector';

describe.runIf(TEST_DATABASE_URL)('two instances on one PostgreSQL', () => {
  const schema = uniqueSchema('mw2');
  const bots: BotHarness[] = [];
  let connector: FakeConnector;
  afterAll(async () => {
    for (const bot of bots) await bot.destroy();
    await connector?.stop();
    await dropSchemas(schema, `${schema}_boss`);
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

    await a.runtime.deps.planStore.setStatus('baarn/2025-Q2/gezamenlijke-werkwijze-huurachterstanden', 'gereed', { id: 'x', name: 'Alice' });
    expect((await b.runtime.deps.planStore.statuses()).get('baarn/2025-Q2/gezamenlijke-werkwijze-huurachterstanden')?.status).toBe('gereed');
  });
});
