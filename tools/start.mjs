// npm start: runs the compiled bot (dist/bot.mjs); compiles it first when it is missing or older than
// any source file, so `npm install && npm start` works on a fresh clone and after every change.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildBot } from './build.mjs';

// restify loads spdy → http-deceiver, which touches process.binding('http_parser'): a deprecation
// warning that says nothing to an operator and would stand above every start line. Only that one is dropped.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const code = typeof rest[0] === 'object' ? rest[0]?.code : rest[1];
  if (code === 'DEP0111') return;
  emitWarning(warning, ...rest);
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist/bot.mjs');
const SOURCE_DIRS = ['bot', 'cards', 'knowledge', 'plan', 'agenda', 'time'];

async function newestSource() {
  let newest = 0;
  for (const dir of SOURCE_DIRS) {
    for (const entry of await readdir(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
    }
  }
  return newest;
}

const built = await stat(bundle).then((s) => s.mtimeMs, () => 0);
if (built < (await newestSource())) {
  process.stderr.write('Meldwijzer wordt gebouwd (dist/bot.mjs)…\n');
  await buildBot();
}
await import(pathToFileURL(bundle).href);
