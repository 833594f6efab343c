// Teams' proactive-message limits as sliding windows: per conversation 7 per second and 60 per
// 30 seconds; per app per tenant 30 requests per second. The books live in the database
// (rate_limit_windows, migration 7), so every instance on one database spends the same budget: one
// row per key (t:<tenant>, c:<conversation>) holds the times of its latest sends, and one transaction
// locks the rows of a send, checks every window and records the send — or records nothing and says
// how long to wait. The window arithmetic below is pure: time comes in as a number.
import type { Clock } from '../clock';
import type { SqlClient } from '../storage/sql-client';

export interface Window {
  ms: number;
  max: number;
}

export const CONVERSATION_WINDOWS: readonly Window[] = [
  { ms: 1_000, max: 7 },
  { ms: 30_000, max: 60 },
];
export const TENANT_WINDOWS: readonly Window[] = [{ ms: 1_000, max: 30 }];

// Teams counts a request when it arrives, we when we grant it; between the two lie a commit and an
// HTTP request whose duration varies. Counting each send a little longer keeps that jitter from
// putting one send too many in Teams' window (the cost: about 2 % of the tenant's throughput; with 50 ms
// three instances reached 1.14× the floor, with 20 ms 1.10× and 0.3 % 429s in bench:fanout).
export const ARRIVAL_MARGIN_MS = 20;

/** Milliseconds until one more send fits in every window, given the earlier send times (ascending). */
export function waitFor(sentAt: readonly number[], windows: readonly Window[], now: number): number {
  let wait = 0;
  for (const window of windows) {
    const ms = window.ms + ARRIVAL_MARGIN_MS;
    const max = window.max;
    const inWindow = sentAt.filter((t) => t > now - ms);
    if (inWindow.length >= max) wait = Math.max(wait, inWindow[inWindow.length - max]! + ms - now);
  }
  return wait;
}

/** The send times to keep after a send at `now`: only what any window can still count. */
export function recordSend(sentAt: readonly number[], windows: readonly Window[], now: number): number[] {
  const longest = Math.max(...windows.map((w) => w.ms)) + ARRIVAL_MARGIN_MS;
  const most = Math.max(...windows.map((w) => w.max));
  return [...sentAt, now]
    .filter((t) => t > now - longest)
    .sort((a, b) => a - b)
    .slice(-most);
}

/** The answer to "may this send go now?": 0 means yes (and it was counted), else how long to wait. */
export interface SendGrant {
  wait: number;
  /** The part of the wait that the tenant's window imposes: every conversation of the tenant waits this long. */
  tenantWait: number;
}

/** Where the outbox asks whether a send may go now. */
export interface SendBudget {
  /** Whether a message to this conversation and tenant may go now; when it may, the send is counted. */
  reserve(conversationId: string, tenantId: string): Promise<SendGrant>;
}

export class SharedRateLimiter implements SendBudget {
  constructor(
    private readonly sql: SqlClient,
    private readonly clock: Clock,
  ) {}

  /** Milliseconds until a message to this conversation and tenant may go; 0 means now, and then the send is counted. */
  async acquire(conversationId: string, tenantId: string): Promise<number> {
    return (await this.reserve(conversationId, tenantId)).wait;
  }

  async reserve(conversationId: string, tenantId: string): Promise<SendGrant> {
    // Sorted keys: two instances lock the same rows in the same order, so they queue, never deadlock.
    const budgets = [
      { key: `c:${conversationId}`, windows: CONVERSATION_WINDOWS, tenant: false },
      { key: `t:${tenantId}`, windows: TENANT_WINDOWS, tenant: true },
    ].sort((a, b) => (a.key < b.key ? -1 : 1));
    const keys = budgets.map((b) => b.key);
    return this.sql.transaction(async (tx): Promise<SendGrant> => {
      await tx.query(`insert into rate_limit_windows (key) select k from unnest($1::text[]) as k order by k on conflict (key) do nothing`, [keys]);
      const rows = await tx.query<{ key: string; sent_at_ms: number[] }>(
        'select key, sent_at_ms from rate_limit_windows where key = any($1) order by key for update',
        [keys],
      );
      const sentAt = new Map(rows.map((r) => [r.key, r.sent_at_ms]));
      // The time is read with the rows locked, so the times in a row only ever grow.
      const now = this.clock.now().getTime();
      const waits = budgets.map((b) => ({ tenant: b.tenant, wait: waitFor(sentAt.get(b.key) ?? [], b.windows, now) }));
      const wait = Math.max(...waits.map((w) => w.wait));
      if (wait > 0) return { wait, tenantWait: waits.find((w) => w.tenant)!.wait };
      const recorded = budgets.map((b) => JSON.stringify(recordSend(sentAt.get(b.key) ?? [], b.windows, now)));
      await tx.query(
        `update rate_limit_windows r set sent_at_ms = v.sent_at_ms::jsonb, updated_at = $3
         from unnest($1::text[], $2::text[]) as v(key, sent_at_ms) where r.key = v.key`,
        [keys, recorded, new Date(now)],
      );
      return { wait: 0, tenantWait: 0 };
    });
  }
}
