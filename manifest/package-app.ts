// npm run package: fills in the app and bot ids from configuration, validates the manifest against
// its bundled JSON schema, checks the icon sizes, and writes a zip for upload to Teams.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManifestUtil, type TeamsAppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { z } from 'zod/v4';
import { COMMANDS } from '../bot/commands';
import { pngSize } from './png';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const packageConfigSchema = z.object({
  MicrosoftAppId: z.guid('MicrosoftAppId: verwacht de GUID van de Azure Bot-registratie'),
  TEAMS_APP_ID: z.guid('TEAMS_APP_ID: verwacht een GUID').optional(),
  PACKAGE_OUT: z.string().default(path.join(here, '..', 'dist', 'meldwijzer-teams-app.zip')),
});

const ICONS = { 'color.png': 192, 'outline.png': 32 } as const;

export class PackageError extends Error {}

export async function buildManifest(env: Record<string, string | undefined>): Promise<TeamsAppManifest> {
  const parsed = packageConfigSchema.safeParse(env);
  if (!parsed.success) throw new PackageError(parsed.error.issues.map((i) => i.message).join('; '));
  const template = await readFile(path.join(here, 'manifest.template.json'), 'utf8');
  const filled = template
    .replaceAll('{{TEAMS_APP_ID}}', parsed.data.TEAMS_APP_ID ?? parsed.data.MicrosoftAppId)
    .replaceAll('{{BOT_ID}}', parsed.data.MicrosoftAppId);
  const manifest = JSON.parse(filled) as TeamsAppManifest;
  // Teams' command menu per scope, from the one list of commands the bot understands.
  manifest.bots![0]!.commandLists = commandLists();
  return manifest;
}

/** Problems with the manifest (schema) and the icons (PNG, exact size); empty when all is well. */
export async function checkApp(manifest: TeamsAppManifest, iconDir = here): Promise<string[]> {
  const version = manifest.manifestVersion;
  const schema = JSON.parse(
    await readFile(require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`), 'utf8'),
  );
  const problems = await ManifestUtil.validateManifestAgainstSchema(manifest, schema);
  for (const [file, size] of Object.entries(ICONS)) {
    try {
      const actual = pngSize(await readFile(path.join(iconDir, file)));
      if (actual.width !== size || actual.height !== size) problems.push(`${file}: ${actual.width}×${actual.height}, moet ${size}×${size} zijn`);
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
  return problems;
}

export async function packageApp(env: Record<string, string | undefined>): Promise<string> {
  const manifest = await buildManifest(env);
  const problems = await checkApp(manifest);
  if (problems.length > 0) throw new PackageError(`Het app-pakket is niet geldig:\n- ${problems.join('\n- ')}`);
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  for (const file of Object.keys(ICONS)) zip.file(file, await readFile(path.join(here, file)));
  const out = packageConfigSchema.parse(env).PACKAGE_OUT;
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, await zip.generateAsync({ type: 'nodebuffer' }));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  packageApp(process.env).then(
    (out) => process.stdout.write(`Teams-app geschreven naar ${out}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof PackageError ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/** One command list for personal chats and one for teams and group chats (Teams shows at most 12 each). */
export function commandLists(): Array<{ scopes: Array<'personal' | 'team' | 'groupChat'>; commands: Array<{ title: string; description: string }> }> {
  const inScope = (scope: 'personal' | 'team' | 'groupChat') =>
    Object.values(COMMANDS)
      .filter((c) => (c.scopes as readonly string[]).includes(scope))
      .map((c) => ({ title: c.title, description: c.description }));
  return [
    { scopes: ['personal'], commands: inScope('personal') },
    { scopes: ['team', 'groupChat'], commands: inScope('team') },
  ];
}
