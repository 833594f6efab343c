// npm run build: type-checks and validates content (see package.json), then compiles the bot into one
// plain-JavaScript bundle, dist/bot.mjs, so `npm start` runs without compiling TypeScript at start.
// Packages stay external (node_modules); content and card templates are read from the repository.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildBot() {
  await build({
    entryPoints: [path.join(root, 'bot/index.ts')],
    outfile: path.join(root, 'dist/bot.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildBot();
