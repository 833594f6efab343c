// Coordinators added in chat, per tenant (the configured COORDINATORS are in config). Who counts as a
// coordinator is decided in bot/roles.ts; this only keeps the rows.
import type { Clock } from '../clock';
import type { ChangeFeed } from './change-feed';
import { CoherentCache } from './coherent-cache';
import type { SqlClient } from './sql-client';

/** Tenants whose coordinator names are kept in memory (a no-answer card names them). */
const NAMES_CACHE_SIZE = 1_000;

export class CoordinatorStore {
  private readonly namesCache: CoherentCache<string[]>;

  constructor(
    private readonly sql: SqlClient,
    private readonly clock: Clock,
    feed: ChangeFeed,
  ) {
    this.namesCache = new CoherentCache(feed, 'coordinator-names', NAMES_CACHE_SIZE);
  }

  /** The coordinators added in chat in one tenant (each tenant has its own). */
  async ids(tenantKey: string): Promise<Set<string>> {
    return new Set((await this.sql.query<{ user_id: string }>('select user_id from coordinators where tenant_id = $1', [tenantKey])).map((r) => r.user_id));
  }

  async add(tenantKey: string, userId: string, name: string | null, by: { id?: string; name: string | null }): Promise<boolean> {
    const rows = await this.sql.query(
      'insert into coordinators (tenant_id, user_id, name, added_by, added_at) values ($1, $2, $3, $4, $5) on conflict (tenant_id, user_id) do nothing returning user_id',
      [tenantKey, userId, name, by.name, this.clock.now()],
    );
    if (rows.length === 1) await this.namesCache.changed(tenantKey);
    return rows.length === 1;
  }

  async remove(tenantKey: string, userId: string): Promise<boolean> {
    const removed = (await this.sql.query('delete from coordinators where tenant_id = $1 and user_id = $2 returning user_id', [tenantKey, userId])).length === 1;
    if (removed) await this.namesCache.changed(tenantKey);
    return removed;
  }

  /** Names of the coordinators added in chat in this tenant, oldest first: who to ask when there is no experts' channel. */
  async names(tenantKey: string): Promise<string[]> {
    const names = await this.namesCache.get(tenantKey, async () => {
      const rows = await this.sql.query<{ name: string }>(`select name from coordinators where tenant_id = $1 and coalesce(name, '') <> '' order by added_at, name`, [tenantKey]);
      return rows.map((r) => r.name);
    });
    return [...names]; // a copy: a caller may change its list, never the kept one
  }
}
