// The one port to SQL: embedded PGlite by default, a PostgreSQL server when DATABASE_URL is set.
// Both speak the same SQL, so the schema and every query are written once.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { asStorageError } from './availability';

export interface SqlClient {
  /** One statement with $1-style parameters. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * True when this process is the database's only client (PGlite): a value it read and wrote itself
   * cannot change underneath it, so it may keep such values in memory. False on a shared server.
   */
  readonly exclusive: boolean;
}

// A lost connection or a full disk reaches callers as StorageUnavailableError (see availability.ts);
// a wrong statement keeps its own error.
const storageErrors = <T>(work: Promise<T>): Promise<T> =>
  work.catch((error: unknown) => {
    throw asStorageError(error);
  });

/**
 * PGlite in `dataDir` (a folder), or in memory when dataDir is 'memory://'. `loadDataDir` starts it from
 * a dump instead of an empty database (tests: a migrated template, without initdb and migrations).
 */
export async function openPglite(dataDir: string, options: { loadDataDir?: Blob } = {}): Promise<SqlClient> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  // PostgreSQL's default 128 MB of shared buffers is memory PGlite takes from the process up front;
  // Meldwijzer's tables are a few megabytes, so 16 MB keeps them cached at a fraction of the RSS.
  const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
  const db = await PGlite.create(dataDir.startsWith('memory://') ? undefined : dataDir, { startParams, loadDataDir: options.loadDataDir });
  // PGlite runs one query at a time; a transaction must not interleave with other turns' queries.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  type Queryable = Pick<PGlite, 'query' | 'exec'>;
  const wrap = (target: Queryable, inTransaction: boolean): SqlClient => ({
    query: async <Row>(sql: string, params: unknown[] = []) => {
      const run = async () => (await target.query<Row>(sql, params)).rows;
      return storageErrors(inTransaction ? run() : serialized(run));
    },
    exec: async (sql: string) => {
      const run = async () => void (await target.exec(sql));
      return storageErrors(inTransaction ? run() : serialized(run));
    },
    transaction: async <T>(work: (tx: SqlClient) => Promise<T>) =>
      storageErrors(inTransaction ? work(wrap(target, true)) : serialized(() => db.transaction((tx) => work(wrap(tx, true))))),
    close: async () => {
      if (!inTransaction) await serialized(() => db.close());
    },
    exclusive: true,
  });
  return wrap(db, false);
}

/** A pool of connections to a PostgreSQL server. */
export async function openPostgres(connectionString: string, schema?: string): Promise<SqlClient> {
  // A schema of its own lets tests share one database without seeing each other's tables.
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5_000, options: schema ? `-c search_path=${schema}` : undefined });
  // An idle connection the server dropped (restart, failover, terminated backend) must not end the
  // process: the pool discards it, the next query opens a new one or fails, and /readyz shows that.
  pool.on('error', () => undefined);
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  try {
    if (schema) {
      // Two instances creating it at once may both pass "if not exists"; the loser's error is harmless.
      await pool.query(`create schema if not exists ${schema}`).catch((error: { code?: string }) => {
        if (error.code !== '23505' && error.code !== '42P06') throw error;
      });
    }
    await pool.query('select 1');
  } catch (error) {
    // Not reachable at start: nothing is left open, and the caller learns why (see availability.ts).
    await pool.end().catch(() => undefined);
    throw asStorageError(error);
  }
  const wrap = (target: pg.Pool | pg.PoolClient, inTransaction: boolean): SqlClient => ({
    query: async <Row>(sql: string, params: unknown[] = []) => (await storageErrors(target.query(sql, params))).rows as Row[],
    exec: async (sql: string) => void (await storageErrors(target.query(sql))),
    transaction: async <T>(work: (tx: SqlClient) => Promise<T>) => {
      if (inTransaction) return work(wrap(target, true));
      const client = await storageErrors(pool.connect());
      // A checked-out client has no pool listener: the server dropping it between two statements
      // would be an unhandled 'error' event (the process ends). Kept here, the next statement fails
      // instead, and the broken connection is discarded on release.
      let lost: Error | undefined;
      const onLost = (error: Error) => void (lost = error);
      client.on('error', onLost);
      try {
        await client.query('begin');
        const result = await work(wrap(client, true));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw asStorageError(error);
      } finally {
        client.removeListener('error', onLost);
        client.release(lost);
      }
    },
    close: async () => {
      if (!inTransaction) await pool.end();
    },
    exclusive: false,
  });
  return wrap(pool, false);
}

export async function openSqlClient(options: { databaseUrl?: string; dataDir: string; schema?: string; loadDataDir?: Blob }): Promise<SqlClient> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.schema) : openPglite(options.dataDir, { loadDataDir: options.loadDataDir });
}
