// Milestone status (per tenant) and reminder subscriptions (per conversation, which is in one tenant).
import type { Clock } from '../clock';
import type { MilestoneStatus, StatusRecord } from '../../plan/plan';
import { LOCAL_TENANT } from '../tenants';
import type { SqlClient } from './sql-client';

export interface Subscription {
  conversationId: string;
  gemeenten: string[];
  subscribedBy: string | null;
}

export interface ActiveSubscription extends Subscription {
  /** The tenant key of the subscribed conversation. */
  tenantId: string;
}

export class PlanStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly clock: Clock,
  ) {}

  /** The milestone statuses of one tenant's werkgroep (each tenant keeps its own). */
  async statuses(tenantKey: string): Promise<Map<string, StatusRecord>> {
    const rows = await this.sql.query<{ milestone_id: string; status: MilestoneStatus; changed_by: string | null; changed_at: Date }>(
      'select milestone_id, status, changed_by, changed_at from milestone_status where tenant_id = $1',
      [tenantKey],
    );
    return new Map(rows.map((r) => [r.milestone_id, { status: r.status, changedBy: r.changed_by, changedAt: new Date(r.changed_at) }]));
  }

  async setStatus(tenantKey: string, milestoneId: string, status: MilestoneStatus, by: { id: string; name: string | null }): Promise<void> {
    await this.sql.query(
      `insert into milestone_status (tenant_id, milestone_id, status, changed_by, changed_by_id, changed_at) values ($1, $2, $3, $4, $5, $6)
       on conflict (tenant_id, milestone_id) do update set status = excluded.status, changed_by = excluded.changed_by,
         changed_by_id = excluded.changed_by_id, changed_at = excluded.changed_at`,
      [tenantKey, milestoneId, status, by.name, by.id, this.clock.now()],
    );
  }

  async subscribe(conversationId: string, gemeenten: string[], by: string | null): Promise<void> {
    await this.sql.query(
      `insert into reminder_subscriptions (conversation_id, gemeenten, subscribed_by, created_at) values ($1, $2, $3, $4)
       on conflict (conversation_id) do update set gemeenten = excluded.gemeenten, subscribed_by = excluded.subscribed_by`,
      [conversationId, gemeenten, by, this.clock.now()],
    );
  }

  async unsubscribe(conversationId: string): Promise<boolean> {
    return (await this.sql.query('delete from reminder_subscriptions where conversation_id = $1 returning conversation_id', [conversationId])).length > 0;
  }

  async subscription(conversationId: string): Promise<Subscription | null> {
    const rows = await this.sql.query<{ conversation_id: string; gemeenten: string[]; subscribed_by: string | null }>(
      'select conversation_id, gemeenten, subscribed_by from reminder_subscriptions where conversation_id = $1',
      [conversationId],
    );
    const row = rows[0];
    return row ? { conversationId: row.conversation_id, gemeenten: row.gemeenten, subscribedBy: row.subscribed_by } : null;
  }

  /**
   * Subscriptions whose conversation is still active (the bot was not removed), with its tenant: a
   * conversation belongs to one tenant (references stored before tenant keys may have none: local).
   */
  async activeSubscriptions(): Promise<ActiveSubscription[]> {
    const rows = await this.sql.query<{ conversation_id: string; gemeenten: string[]; subscribed_by: string | null; tenant_id: string }>(
      `select s.conversation_id, s.gemeenten, s.subscribed_by, coalesce(c.tenant_id, $1) as tenant_id from reminder_subscriptions s
       join conversation_references c on c.conversation_id = s.conversation_id where c.active order by s.conversation_id`,
      [LOCAL_TENANT],
    );
    return rows.map((r) => ({ conversationId: r.conversation_id, gemeenten: r.gemeenten, subscribedBy: r.subscribed_by, tenantId: r.tenant_id }));
  }
}
