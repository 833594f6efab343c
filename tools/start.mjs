// npm start: runs the compiled bot (dist/bot.mjs); compiles it first when it is missing or older than
// any source file, so `npm install && npm start` works on a fresh clone and after every change. Likewise
// dist/knowledge.json, in a process without the bot's heap cap (knowledge/prepare-cli.ts says why).
import { spawnSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildBot } from './build.mjs';

// Two deprecation warnings that say nothing to an operator and would stand above every start line:
// restify loads spdy → http-deceiver, which touches process.binding('http_parser') (DEP0111), and a
// package calls the old Buffer() (DEP0005; Node keeps quiet about that inside node_modules, and the
// packages run from the bundle in dist/ now). Only those two are dropped.
const QUIET = new Set(['DEP0111', 'DEP0005']);
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const code = typeof rest[0] === 'object' ? rest[0]?.code : rest[1];
  if (QUIET.has(code)) return;
  emitWarning(warning, ...rest);
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist/bot.mjs');
const SOURCE_DIRS = ['bot', 'cards', 'knowledge', 'plan', 'agenda', 'time'];
const prepareKnowledge = path.join(root, 'dist/prepare-knowledge.mjs');
const knowledgeFile = path.join(root, 'dist/knowledge.json');

/** The newest modification time of the files under `dirs` whose name matches `pattern`. */
async function newest(dirs, pattern) {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of await readdir(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && pattern.test(entry.name)) newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
    }
  }
  return newest;
}

const modified = (file) => stat(file).then((s) => s.mtimeMs, () => 0);

// The packages are bundled in as well (tools/build.mjs): an npm install or npm ci that changed them
// (node_modules/.package-lock.json is rewritten then) also calls for a new bundle.
const newestInput = Math.max(await newest(SOURCE_DIRS, /\.ts$/), await modified(path.join(root, 'node_modules/.package-lock.json')));
if (Math.min(await modified(bundle), await modified(prepareKnowledge)) < newestInput) {
  process.stderr.write('Meldwijzer wordt gebouwd (dist/bot.mjs)…\n');
  await buildBot();
}
// The bot checks the file's fingerprint itself and builds from the content when it does not match; this
// only spares it that work (and its memory) in the common cases: a fresh clone, changed content.
if ((await modified(knowledgeFile)) < (await newest(['knowledge'], /\.(md|ya?ml|ts)$/))) {
  process.stderr.write('Kennisbank wordt bijgewerkt (dist/knowledge.json)…\n');
  spawnSync(process.execPath, ['--enable-source-maps', prepareKnowledge], { cwd: root, stdio: 'inherit' });
}
await import(pathToFileURL(bundle).href);
