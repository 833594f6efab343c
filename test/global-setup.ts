// Writes the prebuilt knowledge base when it is missing or stale, then starts building the migrated
// PGlite template the bots start from (see helpers/pglite-template.ts) and lets the test files run
// meanwhile: each waits for it where it first needs it (that wait is seconds of initdb, within a hook's or
// test's timeout). A child process, so the runner does not keep PostgreSQL's WebAssembly memory for the
// whole run.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgliteTemplateFile } from '../bot/open-storage';
import { openKnowledgeBase } from '../knowledge/index';
import { TEMPLATE_ENV } from './helpers/pglite-template';

export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-template-'));
  const script = fileURLToPath(new URL('./helpers/pglite-template.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  // The child marks the folder ready or failed; for a child that could not start or died, this does.
  const failed = (reason: string) => writeFile(path.join(dir, 'failed'), reason, { flag: 'wx' }).catch(() => undefined);
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => void (code === 0 ? resolve() : failed(`exit code ${code ?? signal}`).then(resolve)));
    child.on('error', (error) => void failed(`did not start: ${error.message}`).then(resolve));
  });
  // The workers are forked after this and inherit the variable.
  process.env[TEMPLATE_ENV] = dir;
  // dist/knowledge.json for the current content, once, before the files start: every bot, npm start and
  // npm run ask in the run loads it instead of training the phrasing models itself (on a fresh clone a
  // dozen processes did that at the same time).
  await openKnowledgeBase();
  return async () => {
    // A run that needed no database (one file of content tests) may end before the build does.
    child.kill();
    await exited;
    await rm(dir, { recursive: true, force: true });
    // What a stopped build was still writing into dist/ (bot/open-storage.ts writes under a temporary name).
    const dist = path.dirname(pgliteTemplateFile());
    const unfinished = (await readdir(dist).catch(() => [])).filter((name) => name.includes(`.${child.pid}.`) && name.endsWith('.tmp'));
    await Promise.all(unfinished.map((name) => rm(path.join(dist, name), { force: true })));
  };
}
