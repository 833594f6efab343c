// All proactive messages go through here: stored first (with an idempotency key, so the same
// reminder is never queued twice), then delivered within Teams' limits, retried with backoff on
// 429/412/502/504, given up after MAX_ATTEMPTS (recorded), and never retried for a conversation
// where the bot was removed (403/404: marked inactive). A message goes to a stored conversation
// (conversation_references) or carries its own recipient: a reference, or a person to reach in a
// 1:1 chat the bot starts; either way it is in the row, so it survives a restart.
import type { Activity } from 'botbuilder';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { SqlClient } from '../storage/sql-client';
import type { ProactiveSender, Recipient, SendFailure, SentActivity } from './proactive-sender';
import { SharedRateLimiter, type SendBudget } from './rate-limiter';
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

const CLAIM_BATCH = 100;
// A claimed row whose process died is taken over after this long.
const CLAIM_LEASE_MS = 60_000;

export class Outbox {
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

  /** Delivers what is due now; safe to run in several instances at once (rows are claimed). */
  async deliverDue(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, deferred: 0 };
    const rows = await this.claim();
    for (const row of rows) {
      if (!row.recipient && (!row.reference || row.active === false)) {
        await this.finish(row.id, 'failed', row.reference ? 'gesprek niet actief (bot verwijderd)' : 'geen gespreksreferentie');
        report.failed++;
        continue;
      }
      const wait = await this.limiter.acquire(row.conversation_id, row.tenant_id ?? 'onbekend');
      if (wait > 0) {
        // Released, not held: any instance may take it when its turn comes.
        await this.release(row.id, new Date(this.clock.now().getTime() + wait));
        report.deferred++;
        continue;
      }
      try {
        const sent = await this.sendRow(row);
        await this.finish(row.id, 'sent', null, undefined, sent?.activityId ?? null);
        report.sent++;
      } catch (error) {
        report[await this.handleFailure(row, error as SendFailure)]++;
      }
    }
    return report;
  }

  /** When the next pending message is due, or null when nothing waits. */
  async nextDueAt(): Promise<Date | null> {
    const rows = await this.sql.query<{ next: Date | null }>(
      `select min(case when status = 'pending' then next_attempt_at else locked_until end) as next from outbox where status in ('pending', 'sending')`,
    );
    return rows[0]?.next ? new Date(rows[0].next) : null;
  }

  private sendRow(row: OutboxRow): Promise<SentActivity | void> {
    if (row.recipient?.kind === 'person') return this.sender.sendToPerson(row.recipient, row.payload);
    return this.sender.send(row.recipient?.reference ?? row.reference!, row.payload);
  }

  private async handleFailure(row: OutboxRow, failure: SendFailure): Promise<'retried' | 'failed'> {
    const attempts = row.attempts + 1;
    const kind = classifyFailure(failure.status);
    const reason = `${failure.status ?? 'netwerk'}: ${failure.message}`;
    if (kind === 'gone') {
      await this.sql.query('update conversation_references set active = false where conversation_id = $1', [row.conversation_id]);
      this.onInactive(row.conversation_id);
      await this.finish(row.id, 'failed', `bot verwijderd uit gesprek (${reason})`, attempts);
      this.logger.warn({ event: 'conversation-inactive', status: failure.status }, 'bot removed from conversation; marked inactive');
      return 'failed';
    }
    if (kind === 'fail' || attempts >= MAX_ATTEMPTS) {
      await this.finish(row.id, 'failed', reason, attempts);
      this.logger.error({ event: 'outbox-failed', status: failure.status, attempts }, 'proactive message given up');
      return 'failed';
    }
    const next = new Date(this.clock.now().getTime() + retryDelay(attempts, this.random, failure.retryAfterMs));
    await this.sql.query(`update outbox set status = 'pending', attempts = $2, next_attempt_at = $3, locked_until = null, last_error = $4 where id = $1`, [
      row.id,
      attempts,
      next,
      reason,
    ]);
    return 'retried';
  }

  private async claim(): Promise<OutboxRow[]> {
    const now = this.clock.now();
    const claimed = await this.sql.transaction((tx) =>
      tx.query<Omit<OutboxRow, 'reference' | 'active'>>(
        `update outbox set status = 'sending', locked_until = $3
         where id in (
           select id from outbox
           where (status = 'pending' and next_attempt_at <= $1) or (status = 'sending' and locked_until <= $1)
           order by next_attempt_at, id limit $2 for update skip locked
         )
         returning id, conversation_id, tenant_id, payload, attempts, recipient`,
        [now, CLAIM_BATCH, new Date(now.getTime() + CLAIM_LEASE_MS)],
      ),
    );
    if (claimed.length === 0) return [];
    const references = await this.sql.query<{ conversation_id: string; reference: Record<string, unknown>; active: boolean }>(
      'select conversation_id, reference, active from conversation_references where conversation_id = any($1)',
      [[...new Set(claimed.map((r) => r.conversation_id))]],
    );
    const byConversation = new Map(references.map((r) => [r.conversation_id, r]));
    return claimed
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((row) => ({ ...row, reference: byConversation.get(row.conversation_id)?.reference ?? null, active: byConversation.get(row.conversation_id)?.active ?? null }));
  }

  private async release(id: string, next: Date): Promise<void> {
    await this.sql.query(`update outbox set status = 'pending', next_attempt_at = $2, locked_until = null where id = $1`, [id, next]);
  }

  private async finish(id: string, status: 'sent' | 'failed', error: string | null, attempts?: number, activityId: string | null = null): Promise<void> {
    await this.sql.query(
      `update outbox set status = $2, last_error = coalesce($3, last_error), attempts = coalesce($4, attempts + 1), sent_at = case when $2 = 'sent' then $5 else sent_at end,
         sent_activity_id = $6, locked_until = null where id = $1`,
      [id, status, error, attempts ?? null, this.clock.now(), activityId],
    );
  }
}
