// Coordinators added in chat, per tenant (the configured COORDINATORS are in config). Who counts as a
// coordinator is decided in bot/roles.ts; this only keeps the rows.
import type { Clock } from '../clock';
import type { SqlClient } from './sql-client';

export class CoordinatorStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly clock: Clock,
  ) {}

  /** The coordinators added in chat in one tenant (each tenant has its own). */
  async ids(tenantKey: string): Promise<Set<string>> {
    return new Set((await this.sql.query<{ user_id: string }>('select user_id from coordinators where tenant_id = $1', [tenantKey])).map((r) => r.user_id));
  }

  async add(tenantKey: string, userId: string, name: string | null, by: { id?: string; name: string | null }): Promise<boolean> {
    const rows = await this.sql.query(
      'insert into coordinators (tenant_id, user_id, name, added_by, added_at) values ($1, $2, $3, $4, $5) on conflict (tenant_id, user_id) do nothing returning user_id',
      [tenantKey, userId, name, by.name, this.clock.now()],
    );
    return rows.length === 1;
  }

  async remove(tenantKey: string, userId: string): Promise<boolean> {
    return (await this.sql.query('delete from coordinators where tenant_id = $1 and user_id = $2 returning user_id', [tenantKey, userId])).length === 1;
  }

  /** Names of the coordinators added in chat in this tenant, oldest first: who to ask when there is no experts' channel. */
  async names(tenantKey: string): Promise<string[]> {
    const rows = await this.sql.query<{ name: string }>(`select name from coordinators where tenant_id = $1 and coalesce(name, '') <> '' order by added_at, name`, [tenantKey]);
    return rows.map((r) => r.name);
  }
}
