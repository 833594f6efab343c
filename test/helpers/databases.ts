// The databases storage tests run against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
// Each PostgreSQL test gets a schema of its own, dropped afterwards.
import pg from 'pg';
import { migrate } from '../../bot/storage/migrations';
import { openPglite, openPostgres, type SqlClient } from '../../bot/storage/sql-client';
import { emptyDump, templateDump } from './pglite-template';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export function uniqueSchema(prefix = 'mw'): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function dropSchemas(...schemas: string[]): Promise<void> {
  if (!TEST_DATABASE_URL) return;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** PGlite in memory, already migrated: a copy of the run's template (no initdb, no migrations). */
export async function openMigratedPglite(): Promise<SqlClient> {
  return openPglite('memory://', { loadDataDir: await templateDump() });
}

/**
 * The databases a storage test runs on, empty: PGlite (in memory: these tests never reopen it) always,
 * PostgreSQL in a schema of its own when TEST_DATABASE_URL is set. `cleanups` collects what to remove
 * afterwards.
 */
export function sqlBackends(cleanups: Array<() => Promise<void>>): Array<[string, () => Promise<SqlClient>]> {
  const backends: Array<[string, () => Promise<SqlClient>]> = [
    [
      'PGlite',
      // As initdb leaves it, loaded from a dump (initdb once per run). The test closes it; in memory
      // nothing is left to remove.
      async () => openPglite('memory://', { loadDataDir: await emptyDump() }),
    ],
  ];
  if (TEST_DATABASE_URL) {
    backends.push([
      'PostgreSQL',
      async () => {
        const schema = uniqueSchema();
        cleanups.push(() => dropSchemas(schema));
        return openPostgres(TEST_DATABASE_URL!, schema);
      },
    ]);
  }
  return backends;
}

/**
 * Two instances' connections to one migrated database: two pools on one schema of PostgreSQL; on
 * PGlite (one process only) the same in-memory database twice (a copy of the migrated template),
 * shared by the file and emptied of `tables` before each use.
 */
export function twoConnectionBackends(options: {
  tables: string[];
  schemaPrefix: string;
  cleanups: Array<() => Promise<unknown>>;
}): Array<[string, () => Promise<[SqlClient, SqlClient]>]> {
  const { tables, schemaPrefix, cleanups } = options;
  let pglite: Promise<SqlClient> | undefined;
  const backends: Array<[string, () => Promise<[SqlClient, SqlClient]>]> = [
    [
      'PGlite',
      async () => {
        pglite ??= openMigratedPglite().then((sql) => {
          cleanups.push(() => sql.close());
          return sql;
        });
        const sql = await pglite;
        await sql.exec(`truncate ${tables.join(', ')}`);
        return [sql, sql];
      },
    ],
  ];
  if (TEST_DATABASE_URL) {
    backends.push([
      'PostgreSQL',
      async () => {
        const schema = uniqueSchema(schemaPrefix);
        cleanups.push(() => dropSchemas(schema));
        const [a, b] = [await openPostgres(TEST_DATABASE_URL!, schema), await openPostgres(TEST_DATABASE_URL!, schema)];
        cleanups.push(() => a.close(), () => b.close());
        await migrate(a);
        return [a, b];
      },
    ]);
  }
  return backends;
}

/** Runs `work` on a connection of its own to the test server (TEST_DATABASE_URL). */
export async function onTestServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Ends every connection to this one database (the bot's pool, pg-boss's, the change feed): what a failover does. */
export const terminateBackendsOf = (database: string) =>
  onTestServer((c) => c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]));

/** Drops a database a test created, also while it refuses connections or is in use. */
export const dropTestDatabase = (database: string) =>
  onTestServer(async (c) => {
    await c.query(`alter database ${database} with allow_connections true`).catch(() => undefined);
    await c.query(`drop database if exists ${database} with (force)`);
  });
