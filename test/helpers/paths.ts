// Where the tests find the repository and the shared folder beside it (../shared on CI and here).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = process.env.MELDWIJZER_SHARED_DIR ?? path.resolve(REPO_ROOT, '../shared');
