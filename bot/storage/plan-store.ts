// Milestone status and reminder subscriptions.
import type { Clock } from '../clock';
import type { MilestoneStatus, StatusRecord } from '../../plan/plan';
import type { SqlClient } from './sql-client';

export interface Subscription {
  conversationId: string;
  gemeenten: string[];
  subscribedBy: string | null;
}

export interface ActiveSubscription extends Subscription {
  tenantId: string | null;
}

export class PlanStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly clock: Clock,
  ) {}

  async statuses(): Promise<Map<string, StatusRecord>> {
    const rows = await this.sql.query<{ milestone_id: string; status: MilestoneStatus; changed_by: string | null; changed_at: Date }>(
      'select milestone_id, status, changed_by, changed_at from milestone_status',
    );
    return new Map(rows.map((r) => [r.milestone_id, { status: r.status, changedBy: r.changed_by, changedAt: new Date(r.changed_at) }]));
  }

  async setStatus(milestoneId: string, status: MilestoneStatus, by: { id: string; name: string | null }): Promise<void> {
    await this.sql.query(
      `insert into milestone_status (milestone_id, status, changed_by, changed_by_id, changed_at) values ($1, $2, $3, $4, $5)
       on conflict (milestone_id) do update set status = excluded.status, changed_by = excluded.changed_by,
         changed_by_id = excluded.changed_by_id, changed_at = excluded.changed_at`,
      [milestoneId, status, by.name, by.id, this.clock.now()],
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

  /** Subscriptions whose conversation is still active (the bot was not removed), with its tenant. */
  async activeSubscriptions(): Promise<ActiveSubscription[]> {
    const rows = await this.sql.query<{ conversation_id: string; gemeenten: string[]; subscribed_by: string | null; tenant_id: string | null }>(
      `select s.conversation_id, s.gemeenten, s.subscribed_by, c.tenant_id from reminder_subscriptions s
       join conversation_references c on c.conversation_id = s.conversation_id where c.active order by s.conversation_id`,
    );
    return rows.map((r) => ({ conversationId: r.conversation_id, gemeenten: r.gemeenten, subscribedBy: r.subscribed_by, tenantId: r.tenant_id }));
  }
}
