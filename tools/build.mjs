// npm run build: type-checks and validates content (see package.json), then compiles the bot into
// plain JavaScript, dist/bot.mjs, so `npm start` runs without compiling TypeScript at start.
// Packages stay external (node_modules); content and card templates are read from the repository.
// The bundle is split: dist/bot.mjs holds what a start needs first (configuration, storage), the rest
// comes in chunks beside it (bot-chunk-*.mjs), loaded once the configuration holds.
// `npm run build` also leaves the migrated PGlite template (dist/pglite-<hash>.tar) that a first start
// on an empty DATA_DIR loads instead of running initdb and the migrations (bot/open-storage.ts).
import { build } from 'esbuild';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const CHUNK = /^bot-chunk-.*\.mjs(\.map)?$/;

export async function buildBot() {
  const result = await build({
    entryPoints: {
      bot: path.join(root, 'bot/index.ts'),
      'open-storage': path.join(root, 'bot/open-storage.ts'),
      'prepare-knowledge': path.join(root, 'knowledge/prepare-cli.ts'),
    },
    outdir: dist,
    outExtension: { '.js': '.mjs' },
    // Chunks beside the entry: code that finds the repository from its own file (import.meta.url) sits
    // one folder deep in dist/ as it does in the source.
    chunkNames: 'bot-chunk-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  // Chunks of earlier builds go; a bot started before still has every chunk it loads (all load at start).
  const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.basename(file)));
  for (const name of await readdir(dist)) {
    if (CHUNK.test(name) && !written.has(name)) await rm(path.join(dist, name), { force: true });
  }
}

/** The migrated PGlite template for the current migrations, built unless it is there (npm run build). */
export async function buildPgliteTemplate() {
  const { writePgliteTemplate } = await import(pathToFileURL(path.join(dist, 'open-storage.mjs')).href);
  return writePgliteTemplate();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildBot();
  await buildPgliteTemplate();
}
