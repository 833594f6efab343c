// /readyz follows the database: an instance pointed at a PostgreSQL database that becomes unreachable
// turns 503 within seconds and 200 again when the database is back, without a restart. Runs on the
// test's own database (created and dropped here), never the shared server's.
import { afterAll, describe, expect, it } from 'vitest';
import { message } from '../helpers/activities';
import { startBot, type BotHarness } from '../helpers/bot-harness';
import { dropTestDatabase, onTestServer, TEST_DATABASE_URL, terminateBackendsOf } from '../helpers/databases';

describe.runIf(TEST_DATABASE_URL)('readiness with a database that goes away', () => {
  const name = `mw_ready_${Date.now().toString(36)}`;
  let bot: BotHarness | undefined;
  const admin = onTestServer;
  afterAll(async () => {
    await bot?.destroy().catch(() => undefined);
    await dropTestDatabase(name);
  });

  it('turns /readyz 503 when the database is unreachable and 200 when it returns; the process lives on', async () => {
    await admin((c) => c.query(`create database ${name}`));
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    bot = await startBot({ env: { DATABASE_URL: url.toString() } });
    const ready = async () => (await fetch(`${bot!.url}/readyz`)).status;
    expect(await ready()).toBe(200);

    await admin((c) => c.query(`alter database ${name} with allow_connections false`));
    await terminateBackendsOf(name);
    const started = Date.now();
    let status = await ready();
    while (status === 200 && Date.now() - started < 10_000) status = await ready();
    expect(status).toBe(503);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200); // alive, just not ready

    await admin((c) => c.query(`alter database ${name} with allow_connections true`));
    const back = Date.now();
    while ((status = await ready()) !== 200 && Date.now() - back < 10_000) await new Promise((r) => setTimeout(r, 200));
    expect(status).toBe(200);
    const activity = message(bot.connector.serviceUrl, 'waar meld ik huiselijk geweld');
    expect((await bot.post(activity)).status).toBe(200);
    await bot.connector.waitFor(activity.conversation.id, 1);
  }, 60_000);
});
