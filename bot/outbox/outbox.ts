// All proactive messages go through here: stored first (with an idempotency key, so the same
// reminder is never queued twice), then delivered within Teams' limits, retried with backoff on
// 429/412/502/504, given up after MAX_ATTEMPTS (recorded), and never retried for a conversation
// where the bot was removed (403/404: marked inactive). A message goes to a stored conversation
// (conversation_references) or carries its own recipient: a reference, or a person to reach in a
// 1:1 chat the bot starts; either way it is in the row, so it survives a restart.
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { SqlClient } from '../storage/sql-client';
import type { ProactiveSender, Recipient, SendFailure, SentActivity } from './proactive-sender';
import { SharedRateLimiter, type SendBudget, type SendGrant } from './rate-limiter';
import { classifyFailure, MAX_ATTEMPTS, retryDelay } from './retry-policy';

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
  deferred: number;
}

export interface QueuedMessage {
  /** Queuing the same key again does nothing (across restarts and instances). */
  idempotencyKey: string;
  /** The conversation the rate limits count against (for a person: any stable key of theirs). */
  conversationId: string;
  tenantId: string | null;
  payload: Partial<Activity>;
  /** Where to send, when not to the stored reference of conversationId. */
  recipient?: Recipient;
}

interface OutboxRow {
  id: string;
  conversation_id: string;
  tenant_id: string | null;
  payload: Partial<Activity>;
  attempts: number;
  recipient: Recipient | null;
  reference: Record<string, unknown> | null;
  active: boolean | null;
}

/**
 * Queues a message with the given SQL client, so a caller can queue it in the same transaction as
 * the change it reports; false when this idempotency key was queued before (nothing happens then).
 */
export async function enqueueMessage(sql: SqlClient, now: Date, message: QueuedMessage): Promise<boolean> {
  const rows = await sql.query(
    `insert into outbox (idempotency_key, conversation_id, tenant_id, payload, recipient, next_attempt_at, created_at)
     values ($1, $2, $3, $4, $5, $6, $6) on conflict (idempotency_key) do nothing returning id`,
    [message.idempotencyKey, message.conversationId, message.tenantId, JSON.stringify(message.payload), message.recipient ? JSON.stringify(message.recipient) : null, now],
  );
  return rows.length === 1;
}

/** The id Teams gave the message queued under this key, once it was sent; null before. */
export async function sentActivityId(sql: SqlClient, idempotencyKey: string): Promise<string | null> {
  const rows = await sql.query<{ sent_activity_id: string | null }>(`select sent_activity_id from outbox where idempotency_key = $1 and status = 'sent'`, [idempotencyKey]);
  return rows[0]?.sent_activity_id ?? null;
}

// A claim is small, and each row's lease is renewed just before it is sent and kept renewed while
// the send runs, so a slow batch never outlives its claim unnoticed.
const CLAIM_BATCH = 10;
// A claimed row whose process died is taken over after this long: a reminder waits at most this after a
// crash (bench:fanout's kill run). Renewed every quarter of it while its send runs, so only a process
// stalled (or cut off from the database) for 15 s or more can see a row it is sending taken over.
const CLAIM_LEASE_MS = 20_000;

export interface OutboxTiming {
  /** Real milliseconds between lease renewals while one send runs. */
  heartbeatMs: number;
}
const DEFAULT_TIMING: OutboxTiming = { heartbeatMs: CLAIM_LEASE_MS / 4 };

export class Outbox {
  private stopped = false;
  private readonly deliveries = new Set<Promise<DeliveryReport>>();

  constructor(
    private readonly sql: SqlClient,
    private readonly sender: ProactiveSender,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly random: () => number = Math.random,
    /** Told when a conversation is marked inactive (the bot was removed), so caches can forget it. */
    private readonly onInactive: (conversationId: string) => void = () => undefined,
    /** Teams' limits, kept in the database so all instances on it share them. */
    private readonly limiter: SendBudget = new SharedRateLimiter(sql, clock),
    private readonly timing: OutboxTiming = DEFAULT_TIMING,
  ) {}

  /** Queues a message; false when this idempotency key was queued before (nothing happens then). */
  async enqueue(idempotencyKey: string, conversationId: string, tenantId: string | null, payload: Partial<Activity>): Promise<boolean> {
    return enqueueMessage(this.sql, this.clock.now(), { idempotencyKey, conversationId, tenantId, payload });
  }

  /** Which of these idempotency keys were queued before (so callers can skip building them again). */
  async queuedKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.sql.query<{ idempotency_key: string }>('select idempotency_key from outbox where idempotency_key = any($1)', [keys]);
    return new Set(rows.map((r) => r.idempotency_key));
  }

  /**
   * Delivers what is due now; safe to run in several instances at once. Each claim carries a token
   * (outbox.claim, migration 9), and every write about a claimed row names it: a row another
   * instance took over is neither sent nor recorded by this one.
   */
  async deliverDue(): Promise<DeliveryReport> {
    if (this.stopped) return { sent: 0, retried: 0, failed: 0, deferred: 0 };
    const delivery = this.deliverClaimed();
    this.deliveries.add(delivery);
    try {
      return await delivery;
    } finally {
      this.deliveries.delete(delivery);
    }
  }

  /**
   * Takes no new rows, gives the claimed but unsent rows back and waits for the send in progress to
   * be recorded: after this the database may close without leaving a row 'sending' under our claim.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.deliveries]);
  }

  /** When the next pending message is due, or null when nothing waits. */
  async nextDueAt(): Promise<Date | null> {
    const rows = await this.sql.query<{ next: Date | null }>(
      `select min(case when status = 'pending' then next_attempt_at else locked_until end) as next from outbox where status in ('pending', 'sending')`,
    );
    return rows[0]?.next ? new Date(rows[0].next) : null;
  }

  /** Milliseconds until the next pending message is due by this outbox's clock (≤ 0: due now), or null. */
  async msUntilNextDue(): Promise<number | null> {
    const next = await this.nextDueAt();
    return next ? next.getTime() - this.clock.now().getTime() : null;
  }

  private async deliverClaimed(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, deferred: 0 };
    const { token, rows } = await this.claim();
    // The rows still held by this claim and not yet handled, in order.
    const held = new Map(rows.map((row) => [row.id, row]));
    for (const row of rows) {
      if (this.stopped) break;
      if (!held.delete(row.id)) continue; // given back with an earlier deferral
      if (!row.recipient && (!row.reference || row.active === false)) {
        await this.finish(row.id, token, 'failed', row.reference ? 'gesprek niet actief (bot verwijderd)' : 'geen gespreksreferentie');
        report.failed++;
        continue;
      }
      // Still ours? Then the lease starts again for this send; if not, another instance has it.
      if (!(await this.renew(row.id, token))) continue;
      const grant = await this.limiter.reserve(row.conversation_id, tenantOf(row));
      if (grant.wait > 0) {
        // Released, not held: any instance may take them when their turn comes. The rows of this
        // conversation (and of this tenant, when its window is full) cannot go earlier either, so
        // they go back in the same statement instead of one transaction each.
        const waiting = [row, ...[...held.values()].filter((r) => r.conversation_id === row.conversation_id || (grant.tenantWait > 0 && tenantOf(r) === tenantOf(row)))];
        for (const r of waiting) held.delete(r.id);
        await this.defer(waiting, token, row.conversation_id, grant);
        report.deferred += waiting.length;
        continue;
      }
      try {
        const sent = await this.sendHoldingClaim(row, token);
        if (!(await this.finish(row.id, token, 'sent', null, undefined, sent?.activityId ?? null))) {
          // Only when one send outlived its lease without renewal (a stalled process): Teams may have it twice.
          this.logger.warn({ event: 'outbox-claim-lost', outboxId: row.id }, 'sent after another instance took the message over');
        }
        report.sent++;
      } catch (error) {
        report[await this.handleFailure(row, token, error as SendFailure)]++;
      }
    }
    // Stopped halfway: the rest goes back as it was, due when it was due.
    if (held.size > 0) await this.release([...held.keys()], token);
    return report;
  }

  private sendRow(row: OutboxRow): Promise<SentActivity | void> {
    if (row.recipient?.kind === 'person') return this.sender.sendToPerson(row.recipient, row.payload);
    return this.sender.send(row.recipient?.reference ?? row.reference!, row.payload);
  }

  /** Sends one row, renewing its lease while the request runs, so a slow connector keeps the row. */
  private async sendHoldingClaim(row: OutboxRow, token: string): Promise<SentActivity | void> {
    let renewal: Promise<unknown> = Promise.resolve();
    const heartbeat = setInterval(() => {
      renewal = renewal.then(() => this.renew(row.id, token)).catch(() => undefined);
    }, this.timing.heartbeatMs);
    heartbeat.unref();
    try {
      return await this.sendRow(row);
    } finally {
      clearInterval(heartbeat);
      await renewal;
    }
  }

  private async handleFailure(row: OutboxRow, token: string, failure: SendFailure): Promise<'retried' | 'failed'> {
    const attempts = row.attempts + 1;
    const kind = classifyFailure(failure.status);
    const reason = `${failure.status ?? 'netwerk'}: ${failure.message}`;
    if (kind === 'gone') {
      await this.sql.query('update conversation_references set active = false where conversation_id = $1', [row.conversation_id]);
      this.onInactive(row.conversation_id);
      await this.finish(row.id, token, 'failed', `bot verwijderd uit gesprek (${reason})`, attempts);
      this.logger.warn({ event: 'conversation-inactive', status: failure.status }, 'bot removed from conversation; marked inactive');
      return 'failed';
    }
    if (kind === 'fail' || attempts >= MAX_ATTEMPTS) {
      await this.finish(row.id, token, 'failed', reason, attempts);
      this.logger.error({ event: 'outbox-failed', status: failure.status, attempts }, 'proactive message given up');
      return 'failed';
    }
    const next = new Date(this.clock.now().getTime() + retryDelay(attempts, this.random, failure.retryAfterMs));
    await this.sql.query(
      `update outbox set status = 'pending', attempts = $3, next_attempt_at = $4, locked_until = null, claim = null, last_error = $5 where id = $1 and claim = $2`,
      [row.id, token, attempts, next, reason],
    );
    return 'retried';
  }

  private async claim(): Promise<{ token: string; rows: OutboxRow[] }> {
    const now = this.clock.now();
    const token = randomUUID();
    const claimed = await this.sql.transaction((tx) =>
      tx.query<Omit<OutboxRow, 'reference' | 'active'>>(
        `update outbox set status = 'sending', locked_until = $3, claim = $4
         where id in (
           select id from outbox
           where (status = 'pending' and next_attempt_at <= $1) or (status = 'sending' and locked_until <= $1)
           order by next_attempt_at, id limit $2 for update skip locked
         )
         returning id, conversation_id, tenant_id, payload, attempts, recipient`,
        [now, CLAIM_BATCH, this.leaseEnd(), token],
      ),
    );
    if (claimed.length === 0) return { token, rows: [] };
    const references = await this.sql.query<{ conversation_id: string; reference: Record<string, unknown>; active: boolean }>(
      'select conversation_id, reference, active from conversation_references where conversation_id = any($1)',
      [[...new Set(claimed.map((r) => r.conversation_id))]],
    );
    const byConversation = new Map(references.map((r) => [r.conversation_id, r]));
    const rows = claimed
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((row) => ({ ...row, reference: byConversation.get(row.conversation_id)?.reference ?? null, active: byConversation.get(row.conversation_id)?.active ?? null }));
    return { token, rows };
  }

  private leaseEnd(): Date {
    return new Date(this.clock.now().getTime() + CLAIM_LEASE_MS);
  }

  /** Extends the lease of a row this claim still holds; false when it is no longer ours. */
  private async renew(id: string, token: string): Promise<boolean> {
    const rows = await this.sql.query(`update outbox set locked_until = $3 where id = $1 and claim = $2 and status = 'sending' returning id`, [id, token, this.leaseEnd()]);
    return rows.length === 1;
  }

  private async defer(rows: OutboxRow[], token: string, conversationId: string, grant: SendGrant): Promise<void> {
    const now = this.clock.now().getTime();
    await this.sql.query(
      `update outbox set status = 'pending', locked_until = null, claim = null,
         next_attempt_at = case when conversation_id = $3 then $4::timestamptz else $5::timestamptz end
       where id = any($1) and claim = $2`,
      [rows.map((r) => r.id), token, conversationId, new Date(now + grant.wait), new Date(now + grant.tenantWait)],
    );
  }

  private async release(ids: string[], token: string): Promise<void> {
    await this.sql.query(`update outbox set status = 'pending', locked_until = null, claim = null where id = any($1) and claim = $2`, [ids, token]);
  }

  /** Records the outcome, only while the row is still this claim's; false when it was not. */
  private async finish(id: string, token: string, status: 'sent' | 'failed', error: string | null, attempts?: number, activityId: string | null = null): Promise<boolean> {
    const rows = await this.sql.query(
      `update outbox set status = $3, last_error = coalesce($4, last_error), attempts = coalesce($5, attempts + 1), sent_at = case when $3 = 'sent' then $6 else sent_at end,
         sent_activity_id = $7, locked_until = null, claim = null where id = $1 and claim = $2 returning id`,
      [id, token, status, error, attempts ?? null, this.clock.now(), activityId],
    );
    return rows.length === 1;
  }
}

const tenantOf = (row: Pick<OutboxRow, 'tenant_id'>): string => row.tenant_id ?? 'onbekend';
