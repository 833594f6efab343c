// Per gemeente: its beheerders (who may change its meldpunten; each tenant appoints its own) and the
// meldpunten they set in Teams, with an audit trail of every change. Read on every answer for the
// user's gemeente, so a change takes effect at once in every instance on the same database.
import type { Clock } from '../clock';
import type { LocalMeldpunt, LocalMeldpuntKey } from '../../knowledge/schema';
import type { StoredMeldpunten } from '../../knowledge/knowledge-base';
import { defaultChangeFeed, type ChangeFeed } from './change-feed';
import { CoherentCache } from './coherent-cache';
import type { SqlClient } from './sql-client';

export interface Actor {
  id: string;
  name: string | null;
}

export interface StoredMeldpuntMeta {
  changedBy: string | null;
  changedAt: Date;
}

export interface GemeenteMeldpunten {
  values: StoredMeldpunten;
  meta: Partial<Record<LocalMeldpuntKey, StoredMeldpuntMeta>>;
}

export interface MeldpuntChange {
  slot: LocalMeldpuntKey;
  at: Date;
  actorName: string | null;
  oldValue: LocalMeldpunt | null;
  newValue: LocalMeldpunt;
  bron: string;
}

export class GemeenteStore {
  /** A gemeente's meldpunten stay in memory until any instance sets one (see coherent-cache.ts). */
  private readonly meldpuntenCache: CoherentCache<GemeenteMeldpunten>;

  constructor(
    private readonly sql: SqlClient,
    private readonly clock: Clock,
    feed: ChangeFeed = defaultChangeFeed(sql),
  ) {
    // Gemeenten are a handful; the bound only guards against names nobody configured.
    this.meldpuntenCache = new CoherentCache(feed, 'meldpunten', 1_000);
  }

  // Beheerders are per tenant: each organisation appoints its own. The meldpunten they set are the
  // gemeente's, the same for everyone.
  async addBeheerder(tenantKey: string, gemeente: string, userId: string, name: string | null, by: Actor): Promise<boolean> {
    const rows = await this.sql.query(
      'insert into gemeente_beheerders (tenant_id, gemeente, user_id, name, added_by, added_at) values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning user_id',
      [tenantKey, gemeente, userId, name, by.name, this.clock.now()],
    );
    return rows.length === 1;
  }

  async removeBeheerder(tenantKey: string, gemeente: string, userId: string): Promise<boolean> {
    const rows = await this.sql.query('delete from gemeente_beheerders where tenant_id = $1 and gemeente = $2 and user_id = $3 returning user_id', [tenantKey, gemeente, userId]);
    return rows.length === 1;
  }

  /** True when any of these ids (a person's AAD id, Teams id) is a beheerder of the gemeente in this tenant. */
  async isBeheerder(tenantKey: string, gemeente: string, userIds: string[]): Promise<boolean> {
    const rows = await this.sql.query('select 1 from gemeente_beheerders where tenant_id = $1 and gemeente = $2 and user_id = any($3) limit 1', [tenantKey, gemeente, userIds]);
    return rows.length > 0;
  }

  async beheerders(tenantKey: string, gemeente: string): Promise<Array<{ name: string | null }>> {
    return this.sql.query<{ name: string | null }>('select name from gemeente_beheerders where tenant_id = $1 and gemeente = $2 order by added_at, user_id', [tenantKey, gemeente]);
  }

  /** The meldpunten set in Teams for one gemeente (what overrides its YAML file). */
  async meldpunten(gemeente: string): Promise<GemeenteMeldpunten> {
    return this.meldpuntenCache.get(gemeente, () => this.readMeldpunten(gemeente));
  }

  private async readMeldpunten(gemeente: string): Promise<GemeenteMeldpunten> {
    const rows = await this.sql.query<{ slot: LocalMeldpuntKey; value: LocalMeldpunt; changed_by: string | null; changed_at: Date }>(
      'select slot, value, changed_by, changed_at from meldpunten where gemeente = $1',
      [gemeente],
    );
    const values: StoredMeldpunten = {};
    const meta: Partial<Record<LocalMeldpuntKey, StoredMeldpuntMeta>> = {};
    for (const row of rows) {
      values[row.slot] = row.value;
      meta[row.slot] = { changedBy: row.changed_by, changedAt: new Date(row.changed_at) };
    }
    return { values, meta };
  }

  /** Every gemeente's stored meldpunten (the overview and the export). */
  async allMeldpunten(): Promise<Map<string, StoredMeldpunten>> {
    const rows = await this.sql.query<{ gemeente: string; slot: LocalMeldpuntKey; value: LocalMeldpunt }>('select gemeente, slot, value from meldpunten order by gemeente, slot');
    const all = new Map<string, StoredMeldpunten>();
    for (const row of rows) all.set(row.gemeente, { ...all.get(row.gemeente), [row.slot]: row.value });
    return all;
  }

  /** Sets a meldpunt and records old value, new value and bron, in one transaction. */
  async setMeldpunt(gemeente: string, slot: LocalMeldpuntKey, value: LocalMeldpunt, previous: LocalMeldpunt | null, by: Actor): Promise<void> {
    const now = this.clock.now();
    await this.sql.transaction(async (tx) => {
      const stored = await tx.query<{ value: LocalMeldpunt }>('select value from meldpunten where gemeente = $1 and slot = $2 for update', [gemeente, slot]);
      await tx.query(
        `insert into meldpunten (gemeente, slot, value, changed_by_id, changed_by, changed_at) values ($1, $2, $3, $4, $5, $6)
         on conflict (gemeente, slot) do update set value = excluded.value, changed_by_id = excluded.changed_by_id,
           changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
        [gemeente, slot, JSON.stringify(value), by.id, by.name, now],
      );
      await tx.query(
        'insert into meldpunt_audit (gemeente, slot, at, actor_id, actor_name, old_value, new_value, bron) values ($1, $2, $3, $4, $5, $6, $7, $8)',
        [gemeente, slot, now, by.id, by.name, JSON.stringify(stored[0]?.value ?? previous), JSON.stringify(value), value.bron ?? ''],
      );
    });
    // Read again at the next answer, here and in every other instance.
    await this.meldpuntenCache.changed(gemeente);
  }

  async history(gemeente: string, limit: number): Promise<MeldpuntChange[]> {
    const rows = await this.sql.query<{ slot: LocalMeldpuntKey; at: Date; actor_name: string | null; old_value: LocalMeldpunt | null; new_value: LocalMeldpunt; bron: string }>(
      'select slot, at, actor_name, old_value, new_value, bron from meldpunt_audit where gemeente = $1 order by id desc limit $2',
      [gemeente, limit],
    );
    return rows.map((r) => ({ slot: r.slot, at: new Date(r.at), actorName: r.actor_name, oldValue: r.old_value, newValue: r.new_value, bron: r.bron }));
  }
}
