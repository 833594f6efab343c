// Storage behaves the same on embedded PGlite and on a PostgreSQL server.
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../bot/storage/migrations';
import { PlanStore } from '../../bot/storage/plan-store';
import { Store } from '../../bot/storage/store';
import { TestClock } from '../helpers/clock';
import { sqlBackends } from '../helpers/databases';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const backends = sqlBackends(cleanups);

describe.each(backends)('storage on %s', (_name, open) => {
  // Two instances starting together, each with its own pool, is test/storage/two-instances.test.ts.
  it('applies every migration once, and a second run applies nothing', async () => {
    const sql = await open();
    try {
      const [a, b] = await Promise.all([migrate(sql), migrate(sql)]);
      expect([...a, ...b].sort((x, y) => x - y)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(sql)).toEqual([]);
    } finally {
      await sql.close();
    }
  });

  it('keeps settings, feedback, the curation queue, milestone status and subscriptions', async () => {
    const sql = await open();
    try {
      await migrate(sql);
      const clock = new TestClock(new Date('2025-02-03T09:00:00Z'));
      const store = new Store(sql, clock);
      const plans = new PlanStore(sql, clock);
      await store.setGemeente('u1', 'Baarn');
      await store.setGemeente('u1', 'Eemnes');
      expect(await store.gemeenteOf('u1')).toBe('Eemnes');
      await store.addFeedback('t', 'meldroutes/suicide', false);
      expect(await store.feedbackFor('meldroutes/suicide')).toEqual([{ useful: false, createdAt: clock.now() }]);
      await store.addUnanswered('t', 'vraag [BSN]', ['a/b'], null);
      expect((await store.latestUnanswered('t', 5))[0]).toMatchObject({ maskedQuestion: 'vraag [BSN]', closestIds: ['a/b'] });
      expect(await store.latestUnanswered('ander', 5)).toEqual([]);
      await plans.setStatus('t', 'baarn/2024-Q1/x', 'bezig', { id: 'u1', name: 'Alice' });
      expect((await plans.statuses('t')).get('baarn/2024-Q1/x')).toEqual({ status: 'bezig', changedBy: 'Alice', changedAt: clock.now() });
      expect((await plans.statuses('ander')).size).toBe(0);
      await store.saveConversation({ conversationId: 'c1', reference: { serviceUrl: 'http://x' }, conversationType: 'channel', tenantId: 't' });
      await plans.subscribe('c1', ['Baarn', 'De Bilt'], 'Alice');
      expect(await plans.activeSubscriptions()).toEqual([{ conversationId: 'c1', gemeenten: ['Baarn', 'De Bilt'], subscribedBy: 'Alice', tenantId: 't' }]);
    } finally {
      await sql.close();
    }
  });
});
