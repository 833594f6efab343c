// npm run build: type-checks and validates content (see package.json), then compiles the bot into
// plain JavaScript, dist/bot.mjs, so `npm start` runs without compiling TypeScript at start.
// The packages are bundled in too: a start then reads a few large files instead of some 2,000 small ones
// in node_modules, and skips resolving each and scanning the CommonJS ones for their exports (about
// 0.6 s of a 3 s start). Content and card templates are read from the repository.
// The bundle is split: dist/bot.mjs holds what a start needs first (configuration, storage), the rest
// comes in chunks beside it (bot-chunk-*.mjs), loaded once the configuration holds.
// `npm run build` also leaves the migrated PGlite template (dist/pglite-<hash>.tar) that a first start
// on an empty DATA_DIR loads instead of running initdb and the migrations (bot/open-storage.ts).
import { decode, encode } from '@jridgewell/sourcemap-codec';
import { build } from 'esbuild';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
    external: [
      // Loads its WebAssembly and data files from beside its own module.
      '@electric-sql/pglite',
      '@electric-sql/pglite/*',
      // A pretty log on a terminal runs as a pino transport: a worker thread that loads modules by path.
      'pino',
      'pino-pretty',
      'thread-stream',
      // Optional native add-ons that pg and restify try to load and do without.
      'pg-native',
      'dtrace-provider',
    ],
    // CommonJS packages in an ES module bundle still call require() for Node's own modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'linked',
    // Fewer bytes to read and parse at start, and fewer lines (a start with --enable-source-maps keeps
    // an index of every line); names stay as written, so stack traces read as before.
    minifyWhitespace: true,
    minifySyntax: true,
    // Stack traces need the mappings only (see ownCodeOnly for the rest of the trim).
    sourcesContent: false,
    logLevel: 'warning',
    metafile: true,
  });
  for (const file of Object.keys(result.metafile.outputs)) {
    if (file.endsWith('.map')) await ownCodeOnly(path.join(root, file));
  }
  // Chunks of earlier builds go; a bot started before still has every chunk it loads (all load at start).
  const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.basename(file)));
  for (const name of await readdir(dist)) {
    if (CHUNK.test(name) && !written.has(name)) await rm(path.join(dist, name), { force: true });
  }
}

/**
 * Keeps the mappings of Meldwijzer's own code and drops those into node_modules. A start with
 * --enable-source-maps holds every map it loads in memory: with the packages' mappings that was some
 * 17 MB of a 250 MB budget, for stack frames inside packages, which the packages' own names identify.
 */
async function ownCodeOnly(mapFile) {
  const map = JSON.parse(await readFile(mapFile, 'utf8'));
  const ours = map.sources.map((source) => !source.split(/[\\/]/).includes('node_modules'));
  const lines = decode(map.mappings).map((segments) => segments.filter((segment) => segment.length > 1 && ours[segment[1]]));
  await writeFile(mapFile, JSON.stringify({ ...map, mappings: encode(lines) }));
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
