// The tenant of the first install: when ALLOWED_TENANTS is not set, the first tenant that talks to
// the bot is recorded here and becomes the only one it serves. One row, written once: two instances
// recording at once agree on whichever insert came first.
import type { Clock } from '../clock';
import type { SqlClient } from './sql-client';

export class TenantStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly clock: Clock,
  ) {}

  async firstTenant(): Promise<string | null> {
    const rows = await this.sql.query<{ tenant_id: string }>('select tenant_id from first_install_tenant');
    return rows[0]?.tenant_id ?? null;
  }

  /** Records this tenant unless one is recorded already; returns the recorded one. */
  async recordFirstTenant(tenantId: string): Promise<string> {
    const inserted = await this.sql.query<{ tenant_id: string }>(
      `insert into first_install_tenant (tenant_id, recorded_at, source) values ($1, $2, 'eerste installatie')
       on conflict (singleton) do nothing returning tenant_id`,
      [tenantId, this.clock.now()],
    );
    return inserted[0]?.tenant_id ?? (await this.firstTenant())!;
  }
}
