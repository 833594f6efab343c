// The migrated PGlite template of npm run build (bot/open-storage.ts): a first start on an empty DATA_DIR
// loads it; a folder that holds a database already, or no template for these migrations, means PGlite
// opens the folder as before (initdb on an empty one, and the migrations). The start from the template
// itself, as a process, is in test/bot/npm-start.test.ts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pgliteTemplateFile, pgliteTemplateFor } from '../../bot/open-storage';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-template-test-'));
  dirs.push(dir);
  return dir;
};

describe('the PGlite template of npm run build', () => {
  it('is named after the migrations and the PGlite version, in dist/', () => {
    expect(path.basename(pgliteTemplateFile())).toMatch(/^pglite-[0-9a-f]{16}\.tar$/);
    expect(path.basename(path.dirname(pgliteTemplateFile()))).toBe('dist');
    expect(pgliteTemplateFile('/elders')).toBe(path.join('/elders', path.basename(pgliteTemplateFile())));
  });

  it('fills an empty or missing DATA_DIR, never one that holds something, and only when the template is there', async () => {
    const dist = await tempDir();
    const file = pgliteTemplateFile(dist);
    const empty = await tempDir();
    const missing = path.join(empty, 'nog-niet');
    const used = await tempDir();
    await writeFile(path.join(used, 'PG_VERSION'), '17');

    // No template for these migrations: PGlite opens the folder as before.
    expect(await pgliteTemplateFor(empty, file)).toBeUndefined();

    await writeFile(file, 'tar');
    const loaded = await pgliteTemplateFor(empty, file);
    expect(loaded).toBeInstanceOf(Blob);
    expect(await loaded!.text()).toBe('tar');
    expect(await pgliteTemplateFor(missing, file)).toBeInstanceOf(Blob);
    expect(await pgliteTemplateFor(used, file)).toBeUndefined();
  });
});
