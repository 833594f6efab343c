// The experts' channel and the coordinators' names are read on every no-answer card; both are kept in
// memory per tenant, and a change by any instance must show at once: on this instance through its own
// feed, on another through PostgreSQL's LISTEN/NOTIFY.
import { afterAll, describe, expect, it } from 'vitest';
import { LocalChangeFeed, NOTIFY_SQL, PostgresChangeFeed } from '../../bot/storage/change-feed';
import { CoordinatorStore } from '../../bot/storage/coordinator-store';
import { ExpertStore } from '../../bot/storage/expert-store';
import type { SqlClient } from '../../bot/storage/sql-client';
import { systemClock } from '../../bot/clock';
import { openMigratedPglite, TEST_DATABASE_URL, twoConnectionBackends } from '../helpers/databases';
import { until } from '../helpers/until';

const TENANT = 'tenant-a';
const reference = { conversation: { id: '19:experts@thread.tacv2' }, serviceUrl: 'https://smba.example/' };
const by = { id: '29:coordinator', name: 'Coördinator' };

/** The client, counting the selects that reach the database. */
function counting(sql: SqlClient): { sql: SqlClient; selects: () => number } {
  let selects = 0;
  const counted: SqlClient = Object.create(sql) as SqlClient;
  counted.query = (text, params) => {
    if (/^\s*select/i.test(text)) selects++;
    return sql.query(text, params);
  };
  return { sql: counted, selects: () => selects };
}

describe('role caches on one instance (PGlite)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("reads a tenant's coordinator names once, and again after an add or a remove", async () => {
    const db = await openMigratedPglite();
    cleanups.push(() => db.close());
    const { sql, selects } = counting(db);
    const store = new CoordinatorStore(sql, systemClock, new LocalChangeFeed());
    expect(await store.names(TENANT)).toEqual([]);
    expect(await store.names(TENANT)).toEqual([]);
    expect(selects()).toBe(1);

    expect(await store.add(TENANT, '29:carla', 'Carla', by)).toBe(true);
    expect(await store.names(TENANT)).toEqual(['Carla']);
    expect(await store.names('other-tenant')).toEqual([]);
    const mine = await store.names(TENANT);
    mine.push('not kept');
    expect(await store.names(TENANT)).toEqual(['Carla']);

    expect(await store.remove(TENANT, '29:carla')).toBe(true);
    expect(await store.names(TENANT)).toEqual([]);
  });

  it("reads a tenant's experts' channel once, and the new one after it is set", async () => {
    const db = await openMigratedPglite();
    cleanups.push(() => db.close());
    const { sql, selects } = counting(db);
    const store = new ExpertStore(sql, systemClock, new LocalChangeFeed());
    expect(await store.channel(TENANT)).toBeNull();
    expect(await store.channel(TENANT)).toBeNull();
    expect(selects()).toBe(1);

    await store.setChannel(TENANT, '19:experts@thread.tacv2', reference, by);
    const channel = await store.channel(TENANT);
    expect(channel).toMatchObject({ tenantId: TENANT, conversationId: '19:experts@thread.tacv2', reference, setBy: by });
    // What a caller does with its copy does not reach the kept one.
    (channel!.reference as { serviceUrl: string }).serviceUrl = 'https://elsewhere.example/';
    expect((await store.channel(TENANT))!.reference).toEqual(reference);

    await store.setChannel(TENANT, '19:new-experts@thread.tacv2', reference, by);
    expect((await store.channel(TENANT))!.conversationId).toBe('19:new-experts@thread.tacv2');
  });
});

describe.skipIf(!TEST_DATABASE_URL)('role caches on two instances (PostgreSQL)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  const postgres = twoConnectionBackends({ tables: ['coordinators', 'expert_channels'], schemaPrefix: 'mw_roles', cleanups }).find(([name]) => name === 'PostgreSQL')!;

  it("shows one instance's change to the other's cached names and channel", async () => {
    const [a, b] = await postgres[1]();
    const feeds = await Promise.all(
      [a, b].map((sql) => PostgresChangeFeed.open(TEST_DATABASE_URL!, async (payload) => void (await sql.query(NOTIFY_SQL, [payload])), { reconnectMinMs: 50 })),
    );
    cleanups.push(() => Promise.all(feeds.map((f) => f.close())));
    const [coordinatorsA, coordinatorsB] = [new CoordinatorStore(a, systemClock, feeds[0]!), new CoordinatorStore(b, systemClock, feeds[1]!)];
    const [expertsA, expertsB] = [new ExpertStore(a, systemClock, feeds[0]!), new ExpertStore(b, systemClock, feeds[1]!)];

    expect(await coordinatorsB.names(TENANT)).toEqual([]);
    expect(await expertsB.channel(TENANT)).toBeNull();
    await coordinatorsA.add(TENANT, '29:carla', 'Carla', by);
    await expertsA.setChannel(TENANT, '19:experts@thread.tacv2', reference, by);
    await until(async () => (await coordinatorsB.names(TENANT)).length === 1 && (await expertsB.channel(TENANT)) !== null, "instance B to see A's coordinator and experts' channel");
    expect(await coordinatorsB.names(TENANT)).toEqual(['Carla']);
    expect((await expertsB.channel(TENANT))!.conversationId).toBe('19:experts@thread.tacv2');

    await coordinatorsA.remove(TENANT, '29:carla');
    await until(async () => (await coordinatorsB.names(TENANT)).length === 0, "instance B to see the coordinator removed");
  });
});
