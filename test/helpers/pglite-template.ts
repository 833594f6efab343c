// One migrated PGlite database per test run. A bot that starts from a copy of it skips initdb and the
// migrations, seconds of CPU each; on a two-core machine that was most of the suite.
// test/global-setup.ts starts building it (this file run with tsx) and lets the test files run
// meanwhile: a file waits for it only when it first needs it, so files that need no database (content,
// cards, a start that fails on its configuration) keep the second core busy while initdb runs. Without
// the global setup (another runner) each worker builds its own.
import { cp, mkdir, mkdtemp, readFile, rename, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../../bot/storage/migrations';
import { pgliteClient, writePgliteTemplate } from '../../bot/open-storage';

/** Set by the global setup for the workers: the folder the template is built in. */
export const TEMPLATE_ENV = 'MELDWIJZER_TEST_PGLITE_TEMPLATE';
/** Written into that folder last, when everything in it is complete; `FAILED` instead when the build failed. */
const READY = 'ready';
const FAILED = 'failed';

/**
 * Builds the template in `dir`: `empty.tar` (a dump right after initdb, for tests of the migrations),
 * `pgdata` (a closed, migrated data folder) and `pgdata.tar` (its dump). The dump is also the build's
 * template (dist/pglite-<hash>.tar, see bot/open-storage.ts) when that is missing: the first start of
 * test/bot/npm-start.test.ts loads it as a first start after `npm run build` does.
 */
export async function buildTemplate(dir: string): Promise<void> {
  // One database in memory: initdb once, dumped before and after the migrations.
  const db = await PGlite.create();
  let migrated: Blob;
  try {
    await writeFile(path.join(dir, 'empty.tar'), Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer()));
    await migrate(pgliteClient(db));
    migrated = await db.dumpDataDir('none');
  } finally {
    await db.close();
  }
  await writeFile(path.join(dir, 'pgdata.tar'), Buffer.from(await migrated.arrayBuffer()));
  const dataDir = path.join(dir, 'pgdata');
  await mkdir(dataDir, { recursive: true });
  await (await PGlite.create(dataDir, { loadDataDir: migrated })).close();
  await writePgliteTemplate(undefined, migrated);
}

/** Resolves once the global setup's build in `dir` is complete; rejects with its error when it failed. */
async function built(dir: string): Promise<string> {
  for (;;) {
    if (await stat(path.join(dir, READY)).then(() => true, () => false)) return dir;
    const failure = await readFile(path.join(dir, FAILED), 'utf8').catch(() => null);
    if (failure !== null) throw new Error(`building the PGlite template in ${dir} failed:\n${failure}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let ready: Promise<string> | undefined;

/** The template's folder, once it is complete (built here when no global setup builds one). */
export function templateReady(): Promise<string> {
  ready ??= (async () => {
    const shared = process.env[TEMPLATE_ENV];
    if (shared) return built(shared);
    const own = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-template-'));
    await buildTemplate(own);
    return own;
  })();
  return ready;
}

const dumps = new Map<string, Promise<Blob>>();
const dumpOf = (file: string): Promise<Blob> => {
  if (!dumps.has(file)) dumps.set(file, templateReady().then(async (dir) => new Blob([await readFile(path.join(dir, file))])));
  return dumps.get(file)!;
};

/** The migrated database as a dump for PGlite's `loadDataDir` (an in-memory bot). */
export const templateDump = (): Promise<Blob> => dumpOf('pgdata.tar');

/** A database as initdb leaves it, before any migration: what PGlite starts with in an empty folder. */
export const emptyDump = (): Promise<Blob> => dumpOf('empty.tar');

/** Fills the empty folder `dataDir` with the migrated database (a bot that restarts on disk). */
export async function copyTemplateTo(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await cp(path.join(await templateReady(), 'pgdata'), dataDir, { recursive: true });
}

// Run by the global setup: `node --import tsx test/helpers/pglite-template.ts <dir>`. Marks the folder
// ready (or failed, with the error) for the workers that wait on it.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2]!;
  const mark = async (name: string, text: string) => {
    await writeFile(path.join(dir, `${name}.tmp`), text);
    await rename(path.join(dir, `${name}.tmp`), path.join(dir, name));
  };
  buildTemplate(dir)
    .then(() => mark(READY, ''))
    .then(
      () => process.exit(0),
      async (error: unknown) => {
        console.error(error);
        await mark(FAILED, error instanceof Error ? (error.stack ?? error.message) : String(error)).catch(() => undefined);
        process.exit(1);
      },
    );
}
