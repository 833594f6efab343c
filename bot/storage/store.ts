// Meldwijzer's own records: what a user chose, what they said about an answer, what we could not
// answer, and where we may send proactive messages. Only masked text is ever stored.
import type { Clock } from '../clock';
import { defaultChangeFeed, type ChangeFeed } from './change-feed';
import { CoherentCache } from './coherent-cache';
import type { SqlClient } from './sql-client';

export interface UnansweredQuestion {
  id: number;
  maskedQuestion: string;
  closestIds: string[];
  gemeente: string | null;
  createdAt: Date;
}

export interface ConversationRecord {
  conversationId: string;
  reference: Record<string, unknown>;
  conversationType: string;
  tenantId: string | null;
  active: boolean;
}

/** Users whose gemeente an instance keeps in memory (a bounded LRU: memory does not grow with users). */
const GEMEENTE_CACHE_SIZE = 10_000;

export class Store {
  /**
   * Every question reads the asker's gemeente. An instance keeps what it read; a change by any instance
   * reaches every instance's copy through the change feed (see coherent-cache.ts).
   */
  private readonly gemeenteCache: CoherentCache<string | null>;

  constructor(
    readonly sql: SqlClient,
    private readonly clock: Clock,
    feed: ChangeFeed = defaultChangeFeed(sql),
  ) {
    this.gemeenteCache = new CoherentCache(feed, 'gemeente', GEMEENTE_CACHE_SIZE);
  }

  async gemeenteOf(userId: string): Promise<string | null> {
    return this.gemeenteCache.get(userId, async () => {
      const rows = await this.sql.query<{ gemeente: string | null }>('select gemeente from user_settings where user_id = $1', [userId]);
      return rows[0]?.gemeente ?? null;
    });
  }

  async setGemeente(userId: string, gemeente: string): Promise<void> {
    await this.sql.query(
      `insert into user_settings (user_id, gemeente, updated_at) values ($1, $2, $3)
       on conflict (user_id) do update set gemeente = excluded.gemeente, updated_at = excluded.updated_at`,
      [userId, gemeente, this.clock.now()],
    );
    await this.gemeenteCache.written(userId, gemeente);
  }

  async addFeedback(tenantKey: string, itemId: string, useful: boolean): Promise<void> {
    await this.sql.query('insert into feedback (tenant_id, item_id, useful, created_at) values ($1, $2, $3, $4)', [tenantKey, itemId, useful, this.clock.now()]);
  }

  async feedbackFor(itemId: string): Promise<Array<{ useful: boolean; createdAt: Date }>> {
    const rows = await this.sql.query<{ useful: boolean; created_at: Date }>(
      'select useful, created_at from feedback where item_id = $1 order by id',
      [itemId],
    );
    return rows.map((r) => ({ useful: r.useful, createdAt: new Date(r.created_at) }));
  }

  /** Queues a masked question without an answer for the coordinators of the asker's tenant. */
  async addUnanswered(tenantKey: string, maskedQuestion: string, closestIds: string[], gemeente: string | null): Promise<void> {
    await this.sql.query(
      'insert into unanswered_questions (tenant_id, masked_question, closest_ids, gemeente, created_at) values ($1, $2, $3, $4, $5)',
      [tenantKey, maskedQuestion, closestIds, gemeente, this.clock.now()],
    );
  }

  /** The newest questions without an answer in one tenant's queue. */
  async latestUnanswered(tenantKey: string, limit: number): Promise<UnansweredQuestion[]> {
    const rows = await this.sql.query<{ id: string; masked_question: string; closest_ids: string[]; gemeente: string | null; created_at: Date }>(
      'select id, masked_question, closest_ids, gemeente, created_at from unanswered_questions where tenant_id = $1 order by id desc limit $2',
      [tenantKey, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      maskedQuestion: r.masked_question,
      closestIds: r.closest_ids,
      gemeente: r.gemeente,
      createdAt: new Date(r.created_at),
    }));
  }

  async saveConversation(record: Omit<ConversationRecord, 'active'>): Promise<void> {
    await this.sql.query(
      `insert into conversation_references (conversation_id, reference, conversation_type, tenant_id, active, updated_at)
       values ($1, $2, $3, $4, true, $5)
       on conflict (conversation_id) do update set reference = excluded.reference, conversation_type = excluded.conversation_type,
         tenant_id = excluded.tenant_id, active = true, updated_at = excluded.updated_at`,
      [record.conversationId, JSON.stringify(record.reference), record.conversationType, record.tenantId, this.clock.now()],
    );
  }

  async conversation(conversationId: string): Promise<ConversationRecord | null> {
    const rows = await this.sql.query<{ conversation_id: string; reference: Record<string, unknown>; conversation_type: string; tenant_id: string | null; active: boolean }>(
      'select * from conversation_references where conversation_id = $1',
      [conversationId],
    );
    const row = rows[0];
    return row
      ? { conversationId: row.conversation_id, reference: row.reference, conversationType: row.conversation_type, tenantId: row.tenant_id, active: row.active }
      : null;
  }
}
