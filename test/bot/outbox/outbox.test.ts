// Each message leaves the outbox once, whatever the timing: a claim carries a token and every write
// about a claimed row names it, each row's lease is renewed just before its send (and while the send
// runs), and stopping gives back what was not sent. Two outbox instances on one database, a slow
// connector, the test's clock.
import type { Activity } from 'botbuilder';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ImprovementStore } from '../../../bot/storage/improvement-store';
import { enqueueMessage, Outbox, type DeliveryReport } from '../../../bot/outbox/outbox';
import type { PersonRecipient, ProactiveSender, SentActivity } from '../../../bot/outbox/proactive-sender';
import { SharedRateLimiter } from '../../../bot/outbox/rate-limiter';
import { Retention } from '../../../bot/retention';
import { Scheduler } from '../../../bot/scheduler';
import type { SqlClient } from '../../../bot/storage/sql-client';
import { TestClock } from '../../helpers/clock';
import { twoConnectionBackends } from '../../helpers/databases';
import { until } from '../../helpers/until';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const START = new Date('2025-07-01T09:00:00+02:00');
const silent = pino({ level: 'silent' });

/** Two instances' connections to one database (see twoConnectionBackends). */
const backends = twoConnectionBackends({ tables: ['outbox', 'rate_limit_windows'], schemaPrefix: 'mwob', cleanups });

/** A connector that notes each message it receives (its text is the outbox key); `during` makes it slow. */
class RecordingSender implements ProactiveSender {
  constructor(
    private readonly received: string[],
    private readonly during: (key: string) => Promise<void> = async () => undefined,
  ) {}
  async send(_reference: Record<string, unknown>, activity: Partial<Activity>): Promise<SentActivity> {
    const key = String(activity.text);
    this.received.push(key);
    await this.during(key);
    return { activityId: `activity-${key}` };
  }
  async sendToPerson(_person: PersonRecipient): Promise<SentActivity> {
    throw new Error('not used here');
  }
}

/** One message per key, each to a conversation of its own (so only the tenant's limit is shared). */
async function queue(sql: SqlClient, clock: TestClock, keys: string[], conversationOf = (key: string) => `19:${key}`): Promise<void> {
  for (const key of keys) {
    const conversationId = conversationOf(key);
    await enqueueMessage(sql, clock.now(), {
      idempotencyKey: key,
      conversationId,
      tenantId: 'tenant-a',
      payload: { type: 'message', text: key },
      recipient: { kind: 'conversation', reference: { conversation: { id: conversationId } } },
    });
  }
}

interface Row {
  key: string;
  status: string;
  claim: string | null;
  locked_until: Date | null;
  next_attempt_at: Date;
}
const rows = (sql: SqlClient) =>
  sql.query<Row>('select idempotency_key as key, status, claim, locked_until, next_attempt_at from outbox order by id').then((all) =>
    all.map((r) => ({ ...r, locked_until: r.locked_until && new Date(r.locked_until), next_attempt_at: new Date(r.next_attempt_at) })),
  );

const timesEach = (received: string[]) => Object.fromEntries([...new Set(received)].map((key) => [key, received.filter((k) => k === key).length]));

describe.each(backends)('the outbox on %s', (_name, open) => {
  it('sends each row once when a batch outlives its claim and another instance takes over the rest', async () => {
    const [sqlA, sqlB] = await open();
    const clock = new TestClock(START);
    const keys = ['m1', 'm2', 'm3', 'm4', 'm5'];
    await queue(sqlA, clock, keys);
    const received: string[] = [];
    const reportsB: DeliveryReport[] = [];
    const b = new Outbox(sqlB, new RecordingSender(received), clock, silent);
    const slow = new RecordingSender(received, async (key) => {
      clock.advance(8_000); // 8 s a send: five of them take longer than the 20 s claim
      // Meanwhile the other instance looks for due work: m4 and m5 are still under the first claim, which ran out.
      if (key === 'm3') reportsB.push(await b.deliverDue());
    });
    const a = new Outbox(sqlA, slow, clock, silent);

    const reportA = await a.deliverDue();

    expect(timesEach(received)).toEqual({ m1: 1, m2: 1, m3: 1, m4: 1, m5: 1 });
    expect(reportA).toMatchObject({ sent: 3, failed: 0 });
    expect(reportsB).toEqual([expect.objectContaining({ sent: 2 })]); // m3 was renewed just before its send: not taken
    expect((await rows(sqlA)).map((r) => [r.key, r.status, r.claim])).toEqual(keys.map((k) => [k, 'sent', null]));
  });

  it('keeps a row whose single send takes longer than the claim: the lease is renewed while it runs', async () => {
    const [sqlA, sqlB] = await open();
    const clock = new TestClock(START);
    await queue(sqlA, clock, ['langzaam']);
    const received: string[] = [];
    const b = new Outbox(sqlB, new RecordingSender(received), clock, silent);
    let reportB: DeliveryReport | undefined;
    const slow = new RecordingSender(received, async () => {
      clock.advance(61_000); // well past the 20 s claim
      await until(async () => (await rows(sqlA))[0]!.locked_until!.getTime() > clock.now().getTime(), 'the heartbeat', { timeoutMs: 5_000, intervalMs: 5 }); // the heartbeat renewed it
      reportB = await b.deliverDue();
    });
    const a = new Outbox(sqlA, slow, clock, silent, Math.random, undefined, undefined, { heartbeatMs: 5 });

    expect(await a.deliverDue()).toMatchObject({ sent: 1 });
    expect(reportB).toEqual({ sent: 0, retried: 0, failed: 0, deferred: 0 });
    expect(received).toEqual(['langzaam']);
    expect((await rows(sqlA))[0]).toMatchObject({ status: 'sent', claim: null });
  });

  it('stops during a delivery without losing a row: the send in progress is recorded, the rest goes back', async () => {
    const [sqlA, sqlB] = await open();
    const clock = new TestClock(START);
    await queue(sqlA, clock, ['r1', 'r2', 'r3']);
    const received: string[] = [];
    let inFlight!: () => void;
    const sending = new Promise<void>((resolve) => (inFlight = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const outbox = new Outbox(sqlA, new RecordingSender(received, async () => {
        inFlight();
        await answered;
      }), clock, silent);
    const scheduler = new Scheduler([], outbox, new Retention(new ImprovementStore(sqlA, clock), clock, 365, silent), silent);

    const run = scheduler.runOnce();
    await sending;
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false); // the database must stay open: a send is in progress
    answer();
    await stopping;
    await run;

    // r1 went and is recorded as sent; r2 and r3 are pending again, due as before, under no claim.
    expect(await rows(sqlA)).toEqual([
      expect.objectContaining({ key: 'r1', status: 'sent', claim: null }),
      { key: 'r2', status: 'pending', claim: null, locked_until: null, next_attempt_at: START },
      { key: 'r3', status: 'pending', claim: null, locked_until: null, next_attempt_at: START },
    ]);
    expect(await outbox.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0, deferred: 0 }); // a stopped outbox takes nothing

    const next = new Outbox(sqlB, new RecordingSender(received), clock, silent);
    expect(await next.deliverDue()).toMatchObject({ sent: 2 });
    expect(timesEach(received)).toEqual({ r1: 1, r2: 1, r3: 1 });
  });

  it("gives back the rest of the tenant's batch in one go when the tenant's second is full, but not other conversations for one busy conversation", async () => {
    const [sql] = await open();
    const clock = new TestClock(START);
    const limiter = new SharedRateLimiter(sql, clock);
    for (let i = 0; i < 7; i++) expect(await limiter.acquire('19:druk', 'tenant-a')).toBe(0);
    await queue(sql, clock, ['druk-1', 'rustig-1', 'druk-2'], (key) => (key.startsWith('druk') ? '19:druk' : '19:rustig'));
    const received: string[] = [];
    const outbox = new Outbox(sql, new RecordingSender(received), clock, silent);

    // The busy conversation's rows wait for its window; the quiet conversation's row goes.
    expect(await outbox.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0, deferred: 2 });
    expect(received).toEqual(['rustig-1']);
    const waiting = (await rows(sql)).filter((r) => r.status === 'pending');
    expect(waiting.map((r) => r.key)).toEqual(['druk-1', 'druk-2']);
    expect(new Set(waiting.map((r) => r.next_attempt_at.getTime())).size).toBe(1);

    // The tenant's second is full (30 sends): every row of the tenant goes back with one wait.
    clock.set(new Date(START.getTime() + 5_000));
    for (let i = 0; i < 30; i++) expect(await limiter.acquire(`19:ander-${i}`, 'tenant-a')).toBe(0);
    await queue(sql, clock, ['t1', 't2', 't3', 't4']);
    expect(await outbox.deliverDue()).toMatchObject({ sent: 0, deferred: 6 });
    const deferred = (await rows(sql)).filter((r) => r.status === 'pending');
    expect(deferred).toHaveLength(6);
    expect(deferred.every((r) => r.next_attempt_at.getTime() > clock.now().getTime() && r.claim === null)).toBe(true);
  });
});
