// Caches that stay right with several instances on one database: a change by one instance reaches
// the other's cache through LISTEN/NOTIFY, and while the listening connection is gone nothing is
// served from memory. Real PostgreSQL (TEST_DATABASE_URL); the PGlite feed is this process's own.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalChangeFeed, NOTIFY_SQL, PostgresChangeFeed } from '../../bot/storage/change-feed';
import { CoherentCache } from '../../bot/storage/coherent-cache';
import { TEST_DATABASE_URL } from '../helpers/databases';
import { until } from '../helpers/until';

describe('CoherentCache on one process (PGlite)', () => {
  it('keeps what it read, serves the written value, and never keeps a read that a write overtook', async () => {
    const feed = new LocalChangeFeed();
    const cache = new CoherentCache<string>(feed, 'gemeente', 10);
    let stored = 'Baarn';
    let loads = 0;
    const load = async () => {
      loads += 1;
      return stored;
    };
    expect(await cache.get('29:a', load)).toBe('Baarn');
    expect(await cache.get('29:a', load)).toBe('Baarn');
    expect(loads).toBe(1);

    // A read that started before a write returns the old row; it must not be kept.
    let release!: () => void;
    const slowRead = cache.get('29:b', () => new Promise<string>((resolve) => (release = () => resolve('Baarn'))));
    stored = 'Eemnes';
    await cache.written('29:b', 'Eemnes');
    release();
    expect(await slowRead).toBe('Baarn');
    expect(await cache.get('29:b', load)).toBe('Eemnes');
  });
});

describe.skipIf(!TEST_DATABASE_URL)('CoherentCache on PostgreSQL with two instances', () => {
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  const feeds: PostgresChangeFeed[] = [];
  afterAll(async () => {
    await Promise.all(feeds.map((f) => f.close()));
    await pool.end();
  });
  const openFeed = async (reconnectMinMs = 50) => {
    const feed = await PostgresChangeFeed.open(TEST_DATABASE_URL!, (payload) => pool.query(NOTIFY_SQL, [payload]), { reconnectMinMs });
    feeds.push(feed);
    return feed;
  };

  it('drops a value on every instance when one of them writes it', async () => {
    const [feedA, feedB] = [await openFeed(), await openFeed()];
    const [cacheA, cacheB] = [new CoherentCache<string>(feedA, 'gemeente', 10), new CoherentCache<string>(feedB, 'gemeente', 10)];
    let row = 'Baarn';
    let loadsB = 0;
    const loadB = async () => {
      loadsB += 1;
      return row;
    };
    expect(await cacheB.get('29:carla', loadB)).toBe('Baarn');
    expect(await cacheB.get('29:carla', loadB)).toBe('Baarn');
    expect(loadsB).toBe(1);

    row = 'De Bilt';
    await cacheA.written('29:carla', 'De Bilt');
    await until(async () => (await cacheB.get('29:carla', loadB)) === 'De Bilt', 'instance B to see the change');
    expect(loadsB).toBe(2);
  });

  it('serves nothing from memory while its listening connection is gone, and recovers by itself', async () => {
    // Reconnects after 1 s: long enough to see the cache while the feed is down.
    const feed = await openFeed(1_000);
    const cache = new CoherentCache<string>(feed, 'gemeente', 10);
    let row = 'Bunschoten';
    let loads = 0;
    const load = async () => {
      loads += 1;
      return row;
    };
    await cache.get('29:dirk', load);
    const pid = await feed.backendPid();
    expect(pid).not.toBeNull();
    await pool.query('select pg_terminate_backend($1)', [pid]);
    await until(() => !feed.live, 'the feed to notice the lost connection');

    // A change made while nobody listened must still be seen: the cache asks the database every time.
    row = 'Eemnes';
    expect(await cache.get('29:dirk', load)).toBe('Eemnes');
    const loadsWhileDown = loads;
    await cache.get('29:dirk', load);
    expect(feed.live).toBe(false);
    expect(loads).toBe(loadsWhileDown + 1);

    await until(() => feed.live, 'the feed to reconnect');
    expect(await cache.get('29:dirk', load)).toBe('Eemnes');
    const before = loads;
    expect(await cache.get('29:dirk', load)).toBe('Eemnes');
    expect(loads).toBe(before);
  });
});
