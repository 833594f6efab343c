// The Teams app package: valid against the bundled manifest schema, right icon sizes, and the
// command lists say exactly what the bot understands.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, SEARCH_COMMAND_ID } from '../../bot/commands';
import { buildManifest, checkApp, packageApp, PackageError } from '../../manifest/package-app';
import { encodePng } from '../../manifest/png';

const APP_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const BOT_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-pakket-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('npm run package', () => {
  it('writes a zip with the manifest (ids from configuration) and both icons', async () => {
    const out = await packageApp({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: APP_ID, PACKAGE_OUT: path.join(tmp, 'app.zip') });
    const zip = await JSZip.loadAsync(await readFile(out));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.composeExtensions[0].botId).toBe(BOT_ID);
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('refuses to package without a bot id, naming the setting', async () => {
    await expect(packageApp({ PACKAGE_OUT: path.join(tmp, 'x.zip') })).rejects.toThrow(PackageError);
    await expect(packageApp({ PACKAGE_OUT: path.join(tmp, 'x.zip') })).rejects.toThrow(/MicrosoftAppId/);
  });

  it('finds schema errors in a broken manifest', async () => {
    const manifest = await buildManifest({ MicrosoftAppId: BOT_ID });
    const broken = { ...manifest, name: undefined, accentColor: 'groen' } as unknown as typeof manifest;
    const problems = await checkApp(broken);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join(' ')).toMatch(/name|accentColor/);
  });

  it('finds icons of the wrong size', async () => {
    await writeFile(path.join(tmp, 'color.png'), encodePng(100, 100, () => [0, 0, 0, 255]));
    await writeFile(path.join(tmp, 'outline.png'), encodePng(32, 32, () => [255, 255, 255, 0]));
    const problems = await checkApp(await buildManifest({ MicrosoftAppId: BOT_ID }), tmp);
    expect(problems).toEqual(['color.png: 100×100, moet 192×192 zijn']);
  });
});

describe('the manifest', () => {
  it('puts the bot in personal, team and groupChat scopes on a current schema version', async () => {
    const manifest = await buildManifest({ MicrosoftAppId: BOT_ID });
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(20);
    expect(manifest.bots![0]!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(await checkApp(manifest)).toEqual([]);
  });

  it('lists exactly the commands the bot understands, and the search command id it registers', async () => {
    const manifest = await buildManifest({ MicrosoftAppId: BOT_ID });
    const lists = manifest.bots![0]!.commandLists!;
    for (const scope of ['personal', 'team', 'groupChat'] as const) {
      const listed = lists.filter((l) => (l.scopes as string[]).includes(scope)).flatMap((l) => l.commands.map((c) => ({ title: c.title, description: c.description })));
      const expected = Object.values(COMMANDS).filter((c) => (c.scopes as readonly string[]).includes(scope)).map((c) => ({ title: c.title, description: c.description }));
      expect(listed, scope).toEqual(expected);
      expect(listed.length, scope).toBeLessThanOrEqual(12);
    }
    // Werkgroep commands are not offered in a personal chat, where they do not work.
    expect(lists.find((l) => (l.scopes as string[]).includes('personal'))!.commands.map((c) => c.title)).not.toContain('agenda');
    expect(manifest.composeExtensions![0]!.commands.map((c) => c.id)).toEqual([SEARCH_COMMAND_ID]);
  });
});
