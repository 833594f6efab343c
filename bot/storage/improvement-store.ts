// What the kennisbank learns from its use: counts of questions (never their text), the unanswered
// questions of a week (masked) and what coordinators did with them, pairings for content editors,
// the channels that get the weekly digest, and the retention that deletes what is no longer needed.
// Counts, feedback and the unanswered queue are per tenant; pairings are for the content editors of all.
import { foldText } from '../../knowledge/text';
import type { WeekCounts } from '../../cards/digest-card';
import type { Clock } from '../clock';
import { LOCAL_TENANT } from '../tenants';
import type { Logger } from '../logger';
import type { SqlClient } from './sql-client';

export type { WeekCounts };

export const QUESTION_LOG_BATCH = 100;
export const QUESTION_LOG_FLUSH_MS = 1_000;
const QUESTION_LOG_MAX_PENDING = 10_000;
const QUESTION_LOG_RETRY_MS = 5_000;

export interface OpenUnanswered {
  id: number;
  maskedQuestion: string;
  /** The items search found nearest (the no-answer card's "Bedoelde je …?"). */
  closestIds: string[];
  createdAt: Date;
}

type UnansweredRow = { id: string; masked_question: string; closest_ids: string[]; created_at: Date };
const toOpen = (r: UnansweredRow): OpenUnanswered => ({ id: Number(r.id), maskedQuestion: r.masked_question, closestIds: r.closest_ids, createdAt: new Date(r.created_at) });

export interface Pairing {
  maskedQuestion: string;
  itemId: string;
  pairedBy: string | null;
  pairedAt: Date;
}

export class ImprovementStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly clock: Clock,
    /** Told when counts stay buffered because the database is away, and when they are written again. */
    private readonly logger?: Pick<Logger, 'warn' | 'info'>,
  ) {}

  private flushFailing = false;
  private closed = false;

  /** Questions counted but not yet written: one multi-row insert instead of a write per answer. */
  private pendingLog: Array<{ at: Date; tenantKey: string; itemId: string | null; urgent: boolean }> = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  /**
   * One row per question: whether it was answered (and by which item) and whether it was urgent.
   * Buffered for at most QUESTION_LOG_FLUSH_MS or QUESTION_LOG_BATCH rows; every read of the counts
   * and close() write the buffer first. A crash loses at most that second of counts, never a reply.
   */
  logQuestion(entry: { tenantKey: string; itemId: string | null; urgent: boolean }): void {
    this.pendingLog.push({ at: this.clock.now(), tenantKey: entry.tenantKey, itemId: entry.itemId, urgent: entry.urgent });
    if (this.pendingLog.length >= QUESTION_LOG_BATCH) void this.flushQuestionLog().catch(() => undefined);
    else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => void this.flushQuestionLog().catch(() => undefined), QUESTION_LOG_FLUSH_MS);
      this.flushTimer.unref();
    }
  }

  /** Writes the buffered counts; concurrent calls queue behind each other so none is written twice. */
  flushQuestionLog(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = this.pendingLog;
    this.pendingLog = [];
    this.flushing = this.flushing.catch(() => undefined).then(async () => {
      if (batch.length === 0) return;
      const rows = batch.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`).join(', ');
      try {
        await this.sql.query(
          `insert into question_log (at, tenant_id, item_id, urgent, answered) values ${rows}`,
          batch.flatMap((e) => [e.at, e.tenantKey, e.itemId, e.urgent, e.itemId !== null]),
        );
        if (this.flushFailing) this.logger?.info({ event: 'question-log-written', count: batch.length }, 'buffered question counts written');
        this.flushFailing = false;
      } catch (error) {
        // Kept for the next flush (a database hiccup loses no counts), within a bound while it is away.
        this.pendingLog = [...batch, ...this.pendingLog].slice(-QUESTION_LOG_MAX_PENDING);
        if (!this.flushFailing) this.logger?.warn({ event: 'question-log-buffered', pending: this.pendingLog.length, err: { message: (error as Error).message } }, 'question counts kept in memory until the database answers');
        this.flushFailing = true;
        // Tried again by itself, so the counts land when the database returns even if nobody asks.
        if (!this.closed && !this.flushTimer) {
          this.flushTimer = setTimeout(() => void this.flushQuestionLog().catch(() => undefined), QUESTION_LOG_RETRY_MS);
          this.flushTimer.unref();
        }
        throw error;
      }
    });
    return this.flushing;
  }

  /** Writes what is buffered, once more, and stops trying again (the database closes after this). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flushQuestionLog();
  }

  /** One tenant's counts for [from, to). */
  async counts(tenantKey: string, from: Date, to: Date): Promise<WeekCounts> {
    await this.flushQuestionLog();
    const [q] = await this.sql.query<{ asked: number; answered: number; urgent: number }>(
      `select count(*)::int as asked, count(*) filter (where answered)::int as answered, count(*) filter (where urgent)::int as urgent
       from question_log where tenant_id = $1 and at >= $2 and at < $3`,
      [tenantKey, from, to],
    );
    const [f] = await this.sql.query<{ nuttig: number; niet_nuttig: number }>(
      `select count(*) filter (where useful)::int as nuttig, count(*) filter (where not useful)::int as niet_nuttig
       from feedback where tenant_id = $1 and created_at >= $2 and created_at < $3`,
      [tenantKey, from, to],
    );
    return { asked: q!.asked, answered: q!.answered, unanswered: q!.asked - q!.answered, urgent: q!.urgent, nuttig: f!.nuttig, nietNuttig: f!.niet_nuttig };
  }

  /** One tenant's unanswered questions in [from, to) that nobody paired or ignored yet, oldest first. */
  async openUnanswered(tenantKey: string, from: Date, to: Date, limit: number): Promise<OpenUnanswered[]> {
    const rows = await this.sql.query<UnansweredRow>(
      `select id, masked_question, closest_ids, created_at from unanswered_questions
       where tenant_id = $1 and created_at >= $2 and created_at < $3 and handled is null order by id limit $4`,
      [tenantKey, from, to, limit],
    );
    return rows.map(toOpen);
  }

  async unansweredByIds(tenantKey: string, ids: number[]): Promise<OpenUnanswered[]> {
    const rows = await this.sql.query<UnansweredRow>(
      'select id, masked_question, closest_ids, created_at from unanswered_questions where tenant_id = $1 and id = any($2) and handled is null order by id',
      [tenantKey, ids],
    );
    return rows.map(toOpen);
  }

  /**
   * Pairs questions of this tenant's queue with an item for content editors; false when they were
   * handled already (or are another tenant's: the ids come from a card).
   */
  async pair(tenantKey: string, ids: number[], itemId: string, by: { id: string; name: string | null }): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      const rows = await tx.query<{ masked_question: string }>(
        `update unanswered_questions set handled = 'gekoppeld' where tenant_id = $1 and id = any($2) and handled is null returning masked_question`,
        [tenantKey, ids],
      );
      if (rows.length === 0) return false;
      // Questions that are the same after folding are one phrasing for the editor.
      const phrasings = new Map(rows.map((r) => [foldText(r.masked_question), r.masked_question]));
      for (const question of phrasings.values()) {
        await tx.query('insert into unanswered_pairings (masked_question, item_id, paired_by_id, paired_by, paired_at) values ($1, $2, $3, $4, $5)', [
          question,
          itemId,
          by.id,
          by.name,
          this.clock.now(),
        ]);
      }
      return true;
    });
  }

  async ignore(tenantKey: string, ids: number[]): Promise<boolean> {
    const rows = await this.sql.query(`update unanswered_questions set handled = 'genegeerd' where tenant_id = $1 and id = any($2) and handled is null returning id`, [tenantKey, ids]);
    return rows.length > 0;
  }

  async pairings(): Promise<Pairing[]> {
    const rows = await this.sql.query<{ masked_question: string; item_id: string; paired_by: string | null; paired_at: Date }>(
      'select masked_question, item_id, paired_by, paired_at from unanswered_pairings order by item_id, id',
    );
    return rows.map((r) => ({ maskedQuestion: r.masked_question, itemId: r.item_id, pairedBy: r.paired_by, pairedAt: new Date(r.paired_at) }));
  }

  /** Items marked niet nuttig in this tenant since `since`, with their count, most first. */
  async notUsefulCounts(tenantKey: string, since: Date): Promise<Array<{ itemId: string; count: number }>> {
    const rows = await this.sql.query<{ item_id: string; n: number }>(
      'select item_id, count(*)::int as n from feedback where tenant_id = $1 and not useful and created_at >= $2 group by item_id order by n desc, item_id',
      [tenantKey, since],
    );
    return rows.map((r) => ({ itemId: r.item_id, count: r.n }));
  }

  async subscribeDigest(conversationId: string, by: string | null): Promise<boolean> {
    const rows = await this.sql.query(
      'insert into digest_subscriptions (conversation_id, subscribed_by, created_at) values ($1, $2, $3) on conflict do nothing returning conversation_id',
      [conversationId, by, this.clock.now()],
    );
    return rows.length === 1;
  }

  async unsubscribeDigest(conversationId: string): Promise<boolean> {
    return (await this.sql.query('delete from digest_subscriptions where conversation_id = $1 returning conversation_id', [conversationId])).length === 1;
  }

  async isDigestSubscribed(conversationId: string): Promise<boolean> {
    return (await this.sql.query('select 1 from digest_subscriptions where conversation_id = $1', [conversationId])).length === 1;
  }

  /** Digest subscriptions whose conversation is still active, with its tenant key (no tenant stored: local). */
  async activeDigestSubscriptions(): Promise<Array<{ conversationId: string; tenantId: string }>> {
    const rows = await this.sql.query<{ conversation_id: string; tenant_id: string }>(
      `select s.conversation_id, coalesce(c.tenant_id, $1) as tenant_id from digest_subscriptions s
       join conversation_references c on c.conversation_id = s.conversation_id where c.active order by s.conversation_id`,
      [LOCAL_TENANT],
    );
    return rows.map((r) => ({ conversationId: r.conversation_id, tenantId: r.tenant_id }));
  }

  /**
   * Deletes what users typed (masked) and their feedback once it is older than the retention period:
   * unanswered questions, pairings made from them, questions to colleagues and their answers.
   * Counts (question_log) hold no text and stay.
   */
  async deleteOlderThan(cutoff: Date): Promise<Record<string, number>> {
    await this.flushQuestionLog();
    const deleted: Record<string, number> = {};
    const statements: Array<[string, string]> = [
      ['unanswered_questions', 'delete from unanswered_questions where created_at < $1 returning id'],
      ['feedback', 'delete from feedback where created_at < $1 returning id'],
      ['unanswered_pairings', 'delete from unanswered_pairings where paired_at < $1 returning id'],
      ['candidate_phrasings', 'delete from candidate_phrasings where created_at < $1 returning id'],
      ['expert_questions', 'delete from expert_questions where created_at < $1 returning id'],
    ];
    for (const [table, statement] of statements) deleted[table] = (await this.sql.query(statement, [cutoff])).length;
    return deleted;
  }
}
