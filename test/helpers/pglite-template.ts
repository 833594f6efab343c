// One migrated PGlite database per test run. A bot that starts from a copy of it skips initdb and the
// migrations, seconds of CPU each; on a two-core machine that was most of the suite.
// test/global-setup.ts builds it (this file run with tsx) before the test files run. Without the global
// setup (another runner) each worker builds its own.
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../../bot/storage/migrations';
import { openPglite } from '../../bot/storage/sql-client';

/** Set by the global setup for the workers: the folder the template is built in. */
export const TEMPLATE_ENV = 'MELDWIJZER_TEST_PGLITE_TEMPLATE';

/**
 * Builds the template in `dir`: `empty.tar` (a dump right after initdb, for tests of the migrations),
 * `pgdata` (a closed, migrated data folder) and `pgdata.tar` (its dump).
 */
export async function buildTemplate(dir: string): Promise<void> {
  const dumpTo = async (dataDir: string, file: string) => {
    const db = await PGlite.create(dataDir);
    const dump = await db.dumpDataDir('none');
    await db.close();
    await writeFile(path.join(dir, file), Buffer.from(await dump.arrayBuffer()));
  };
  const dataDir = path.join(dir, 'pgdata');
  await mkdir(dataDir, { recursive: true });
  await dumpTo(dataDir, 'empty.tar');
  const sql = await openPglite(dataDir);
  await migrate(sql);
  await sql.close();
  await dumpTo(dataDir, 'pgdata.tar');
}

let ready: Promise<string> | undefined;

/** The template's folder (built here when no global setup made one). */
function templateDir(): Promise<string> {
  ready ??= (async () => {
    const shared = process.env[TEMPLATE_ENV];
    if (shared) return shared;
    const own = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-template-'));
    await buildTemplate(own);
    return own;
  })();
  return ready;
}

const dumps = new Map<string, Promise<Blob>>();
const dumpOf = (file: string): Promise<Blob> => {
  if (!dumps.has(file)) dumps.set(file, templateDir().then(async (dir) => new Blob([await readFile(path.join(dir, file))])));
  return dumps.get(file)!;
};

/** The migrated database as a dump for PGlite's `loadDataDir` (an in-memory bot). */
export const templateDump = (): Promise<Blob> => dumpOf('pgdata.tar');

/** A database as initdb leaves it, before any migration: what PGlite starts with in an empty folder. */
export const emptyDump = (): Promise<Blob> => dumpOf('empty.tar');

/** Fills the empty folder `dataDir` with the migrated database (a bot that restarts on disk). */
export async function copyTemplateTo(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await cp(path.join(await templateDir(), 'pgdata'), dataDir, { recursive: true });
}

// Run by the global setup: `node --import tsx test/helpers/pglite-template.ts <dir>`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildTemplate(process.argv[2]!).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
