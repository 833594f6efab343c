// Where the tests find the repository. Nothing in `npm test` reads the shared folder beside it
// (the facts the content rests on are registered in knowledge/bronnen.yaml).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The uitvoeringsplan the bot loads (bot/runtime.ts passes the same folder). */
export const PLANNING_DIR = path.join(REPO_ROOT, 'knowledge', 'planning');
