// The Node.js flags `npm start` runs the bot with (package.json "start"), so benchmarks measure the bot
// exactly as it runs in production instead of with a copy of the flags that drifts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function startNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = scripts.start!.split(/\s+/);
  if (words[0] !== 'node') throw new Error('package.json "start" runs node');
  return words.slice(1).filter((word) => word.startsWith('--'));
}
