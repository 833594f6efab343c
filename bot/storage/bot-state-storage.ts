// botbuilder's Storage over our SQL database, so teams-ai's conversation and user state is as
// durable as everything else (and shared by several bot instances).
import type { Storage, StoreItems } from 'botbuilder';
import type { SqlClient } from './sql-client';

export class SqlBotStateStorage implements Storage {
  constructor(private readonly sql: SqlClient) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.sql.query<{ key: string; value: Record<string, unknown>; etag: string }>(
      'select key, value, etag from bot_state where key = any($1)',
      [keys],
    );
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...row.value, eTag: String(row.etag) };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      if (eTag && eTag !== '*') {
        // Optimistic concurrency as botbuilder's MemoryStorage does it: a stale eTag is refused.
        const updated = await this.sql.query(
          'update bot_state set value = $2, etag = etag + 1, updated_at = now() where key = $1 and etag = $3 returning key',
          [key, JSON.stringify(value), Number(eTag)],
        );
        if (updated.length === 1) continue;
        const exists = await this.sql.query('select 1 from bot_state where key = $1', [key]);
        if (exists.length === 1) throw new Error(`Storage: eTag conflict for ${key}`);
      }
      await this.sql.query(
        `insert into bot_state (key, value) values ($1, $2)
         on conflict (key) do update set value = excluded.value, etag = bot_state.etag + 1, updated_at = now()`,
        [key, JSON.stringify(value)],
      );
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.sql.query('delete from bot_state where key = any($1)', [keys]);
  }
}
