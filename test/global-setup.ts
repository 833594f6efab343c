// Builds the migrated PGlite template the bots start from (see helpers/pglite-template.ts) before any
// test file runs: waiting for it inside a test would count against that test's timeout. A child
// process, so the runner does not keep PostgreSQL's WebAssembly memory for the whole run.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMPLATE_ENV } from './helpers/pglite-template';

export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-template-'));
  const script = fileURLToPath(new URL('./helpers/pglite-template.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve, reject) => child.on('exit', resolve).on('error', reject));
  if (code !== 0) throw new Error(`building the PGlite template in ${dir} failed (exit code ${code})`);
  // The workers are forked after this and inherit the variable.
  process.env[TEMPLATE_ENV] = dir;
  return () => rm(dir, { recursive: true, force: true });
}
