// Opening the database at start, before the rest of the bot is loaded: a DATABASE_URL that cannot be
// reached or a DATA_DIR that cannot be written stops the start in a moment (bot/index.ts).
//
// A first start on an empty DATA_DIR loads the migrated PGlite template of `npm run build`
// (dist/pglite-<hash>.tar) instead of running initdb and every migration, seconds of CPU. The hash in
// its name covers the migrations and the PGlite version, so a template of other migrations is never
// used; without a matching one PGlite starts empty and the migrations run as before.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from './config';
import { asStartFailure, dataDirStartFailure } from './start-failure';
import { dataDirProblem } from './storage/data-dir';
import { MIGRATIONS, migrate } from './storage/migrations';
import { openSqlClient, type SqlClient } from './storage/sql-client';

// From bot/ and from the compiled bundle (dist/*.mjs), both one folder deep: the repository's dist/.
const DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** A hash of what a migrated database depends on: every migration and the PGlite (PostgreSQL) version. */
function templateHash(): string {
  const pglitePackage = path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json');
  const { version } = createRequire(import.meta.url)(pglitePackage) as { version: string };
  const hash = createHash('sha256').update(`pglite ${version}\0`);
  for (const m of MIGRATIONS) hash.update(`${m.version}\0${m.sql}\0`);
  return hash.digest('hex').slice(0, 16);
}

let templateName: string | undefined;
/** Where `npm run build` leaves the migrated template for the current migrations. */
export const pgliteTemplateFile = (distDir: string = DIST_DIR): string => path.join(distDir, `pglite-${(templateName ??= templateHash())}.tar`);

/**
 * Writes the migrated template to `file` (npm run build; the test run) unless it is there already, and
 * removes templates of other migrations beside it. Written under another name and renamed, so a
 * starting bot never reads half a file.
 */
export async function writePgliteTemplate(file: string = pgliteTemplateFile(), dump?: Blob): Promise<string> {
  if (!(await readFile(file).then(() => true, () => false))) {
    let tar = dump;
    if (!tar) {
      const db = await PGlite.create();
      try {
        await migrate(pgliteClient(db));
        tar = await db.dumpDataDir('none');
      } finally {
        await db.close();
      }
    }
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, Buffer.from(await tar.arrayBuffer()));
    await rename(temporary, file);
  }
  // Templates of earlier migrations are never loaded again.
  const stale = (await readdir(path.dirname(file))).filter((name) => /^pglite-[0-9a-f]{16}\.tar$/.test(name) && name !== path.basename(file));
  await Promise.all(stale.map((name) => rm(path.join(path.dirname(file), name), { force: true })));
  return file;
}

/** A bare PGlite as the SqlClient the migrations need (one connection, nothing else running). */
export function pgliteClient(db: Pick<PGlite, 'query' | 'exec'> & Partial<Pick<PGlite, 'transaction' | 'close'>>): SqlClient {
  return {
    query: async <Row>(sql: string, params: unknown[] = []) => (await db.query<Row>(sql, params)).rows,
    exec: async (sql: string) => void (await db.exec(sql)),
    transaction: <T>(work: (tx: SqlClient) => Promise<T>) => (db.transaction ? db.transaction((tx) => work(pgliteClient(tx))) : work(pgliteClient(db))),
    close: async () => db.close?.(),
    exclusive: true,
  };
}

/** The template to fill `dataDir` with: only when that folder holds nothing yet and a matching template exists. */
export async function pgliteTemplateFor(dataDir: string, file: string = pgliteTemplateFile()): Promise<Blob | undefined> {
  const entries = await readdir(dataDir).catch(() => []);
  if (entries.length > 0) return undefined;
  const tar = await readFile(file).catch(() => undefined);
  return tar ? new Blob([tar]) : undefined;
}

/**
 * The database, or a StartFailure naming DATABASE_URL or DATA_DIR: PGlite's folder must take writes
 * and have room before PGlite opens it (on a full disk it fails with a bare errno).
 */
export async function openStorage(config: Config, options: { schema?: string; loadDataDir?: Blob; onTemplate?: (file: string) => void } = {}): Promise<SqlClient> {
  const { schema, loadDataDir } = options;
  const inFolder = !config.DATABASE_URL && !config.DATA_DIR.startsWith('memory://');
  if (inFolder) {
    const problem = await dataDirProblem(config.DATA_DIR, { writeProbe: true });
    if (problem) throw dataDirStartFailure(config.DATA_DIR, problem);
  }
  try {
    const template = !loadDataDir && inFolder ? await pgliteTemplateFor(config.DATA_DIR) : undefined;
    if (template) options.onTemplate?.(pgliteTemplateFile());
    const dump = loadDataDir ?? template;
    return await openSqlClient({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, schema, loadDataDir: dump });
  } catch (error) {
    throw asStartFailure(config, error);
  }
}
