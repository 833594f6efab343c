// Teams' limits kept in the database: per tenant 30/s, per conversation 7/s and 60 per 30 s, shared
// by every instance on one database. The clock is the test's; nothing sleeps.
import { afterAll, describe, expect, it } from 'vitest';
import { ARRIVAL_MARGIN_MS, SharedRateLimiter } from '../../../bot/outbox/rate-limiter';
import { migrate } from '../../../bot/storage/migrations';
import { openPostgres, type SqlClient } from '../../../bot/storage/sql-client';
import { TestClock } from '../../helpers/clock';
import { dropSchemas, openMigratedPglite, TEST_DATABASE_URL, uniqueSchema } from '../../helpers/databases';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function postgres(schema: string): Promise<SqlClient> {
  const sql = await openPostgres(TEST_DATABASE_URL!, schema);
  cleanups.push(() => sql.close());
  return sql;
}

// One migrated PGlite for the file (starting one costs a second of CPU), emptied before each test.
let pglite: Promise<SqlClient> | undefined;
const backends: Array<[string, () => Promise<SqlClient>]> = [
  [
    'PGlite',
    async () => {
      pglite ??= openMigratedPglite().then((sql) => {
        cleanups.push(() => sql.close());
        return sql;
      }); // limiterOn's migrate finds nothing to do
      const sql = await pglite;
      await sql.exec('truncate rate_limit_windows');
      return sql;
    },
  ],
];
if (TEST_DATABASE_URL) {
  backends.push([
    'PostgreSQL',
    async () => {
      const schema = uniqueSchema('mwrl');
      cleanups.push(() => dropSchemas(schema));
      return postgres(schema);
    },
  ]);
}

const START = new Date('2025-07-01T09:00:00+02:00');
// A send counts a little longer than Teams' window (latency jitter between our grant and its arrival).
const SECOND = 1_000 + ARRIVAL_MARGIN_MS;
const at = (ms: number) => new Date(START.getTime() + ms);

async function limiterOn(open: () => Promise<SqlClient>) {
  const sql = await open();
  await migrate(sql);
  const clock = new TestClock(START);
  return { sql, clock, limiter: new SharedRateLimiter(sql, clock) };
}

describe.each(backends)('shared rate limits on %s', (_name, open) => {
  it('lets 30 messages a second go to one tenant; the 31st waits until the first leaves the second', async () => {
    const { clock, limiter } = await limiterOn(open);
    for (let i = 0; i < 30; i++) {
      expect(await limiter.acquire(`19:kanaal-${i}`, 'tenant-a')).toBe(0);
      clock.advance(10); // 30 sends within 290 ms
    }
    clock.set(at(400));
    expect(await limiter.acquire('19:kanaal-30', 'tenant-a')).toBe(SECOND - 400);
    // Another tenant has a budget of its own.
    expect(await limiter.acquire('19:kanaal-30', 'tenant-b')).toBe(0);

    clock.set(at(SECOND));
    expect(await limiter.acquire('19:kanaal-31', 'tenant-a')).toBe(0);
    expect(await limiter.acquire('19:kanaal-32', 'tenant-a')).toBe(10); // the second send leaves 10 ms later
  });

  it('keeps a conversation to 7 a second and 60 per 30 seconds', async () => {
    const { clock, limiter } = await limiterOn(open);
    for (let i = 0; i < 7; i++) expect(await limiter.acquire('19:werkgroep', 'tenant-a')).toBe(0);
    expect(await limiter.acquire('19:werkgroep', 'tenant-a')).toBe(SECOND);

    // 7 a second for the next seconds: 60 in all in the ninth, then the 30-second budget is spent.
    let sent = 7;
    for (let second = 1; sent < 60; second++) {
      clock.set(at(second * SECOND));
      for (let i = 0; i < 7 && sent < 60; i++, sent++) expect(await limiter.acquire('19:werkgroep', 'tenant-a')).toBe(0);
    }
    clock.set(at(10_000));
    const thirtySeconds = 30_000 + ARRIVAL_MARGIN_MS;
    expect(await limiter.acquire('19:werkgroep', 'tenant-a')).toBe(thirtySeconds - 10_000); // until the first send is 30 s old
    clock.set(at(thirtySeconds));
    expect(await limiter.acquire('19:werkgroep', 'tenant-a')).toBe(0);
  });

  it('spends nothing on a send that must wait', async () => {
    const { clock, limiter } = await limiterOn(open);
    for (let i = 0; i < 7; i++) expect(await limiter.acquire('19:druk', 'tenant-a')).toBe(0);
    // 30 refused sends to the busy conversation do not use up the tenant's second.
    for (let i = 0; i < 30; i++) expect(await limiter.acquire('19:druk', 'tenant-a')).toBeGreaterThan(0);
    clock.advance(1);
    for (let i = 0; i < 23; i++) expect(await limiter.acquire(`19:rustig-${i}`, 'tenant-a')).toBe(0);
    expect(await limiter.acquire('19:rustig-23', 'tenant-a')).toBe(SECOND - 1);
  });
});

describe.each(backends)('the wait the outbox is told on %s', (_name, open) => {
  it("names the tenant's part of a wait: every conversation of the tenant waits that long", async () => {
    const { limiter } = await limiterOn(open);
    for (let i = 0; i < 7; i++) expect(await limiter.acquire('19:druk', 'tenant-a')).toBe(0);
    expect(await limiter.reserve('19:druk', 'tenant-a')).toEqual({ wait: SECOND, tenantWait: 0 }); // only this conversation is full
    for (let i = 0; i < 23; i++) expect(await limiter.acquire(`19:ander-${i}`, 'tenant-a')).toBe(0);
    expect(await limiter.reserve('19:nieuw', 'tenant-a')).toEqual({ wait: SECOND, tenantWait: SECOND });
  });
});

describe.runIf(TEST_DATABASE_URL)('two instances on one PostgreSQL', () => {
  it('grant at most 30 a second for one tenant together', async () => {
    const schema = uniqueSchema('mwrl2');
    cleanups.push(() => dropSchemas(schema));
    const [a, b] = [await postgres(schema), await postgres(schema)];
    await Promise.all([migrate(a), migrate(b)]);
    const clock = new TestClock(START);
    const instances = [new SharedRateLimiter(a, clock), new SharedRateLimiter(b, clock)];
    // Both instances at once, as many conversations as their pools take in parallel.
    const burst = (round: number) =>
      Promise.all(
        Array.from({ length: 80 }, (_, i) => instances[i % 2]!.acquire(`19:kanaal-${round}-${i}`, 'tenant-a').then((wait) => (wait === 0 ? 1 : 0))),
      ).then((granted) => granted.reduce<number>((sum, g) => sum + g, 0));

    expect(await burst(0)).toBe(30);
    clock.advance(500);
    expect(await burst(1)).toBe(0);
    clock.advance(499); // 999 ms after the first 30: still the same second
    expect(await burst(2)).toBe(0);
    clock.set(at(SECOND));
    expect(await burst(3)).toBe(30);

    // With time running (each reading of the clock 7 ms later), no one-second window ever holds more
    // than 30 grants. Each conversation's row holds the time its one send was granted.
    let ticks = 0;
    const running = { now: () => new Date(START.getTime() + 10_000 + 7 * ++ticks) };
    const runningInstances = [new SharedRateLimiter(a, running), new SharedRateLimiter(b, running)];
    await Promise.all(Array.from({ length: 300 }, (_, i) => runningInstances[i % 2]!.acquire(`19:lopend-${i}`, 'tenant-b')));
    const rows = await a.query<{ sent_at_ms: number[] }>(`select sent_at_ms from rate_limit_windows where key like 'c:19:lopend-%'`);
    const grantedAt = rows.flatMap((r) => r.sent_at_ms);
    expect(grantedAt.length).toBeGreaterThanOrEqual(60); // 300 readings span 2.1 s
    for (const t of grantedAt) expect(grantedAt.filter((u) => u >= t && u < t + 1_000).length).toBeLessThanOrEqual(30);
  });
});
