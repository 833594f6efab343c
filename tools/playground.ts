// npm run playground: starts Meldwijzer and the Microsoft 365 Agents Playground (a Teams-like client
// that runs offline) pointed at it. Ctrl+C stops both. The Playground's people, chats and team are in
// .m365agentsplayground.yml; its current user is made a coordinator of the bot started here.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod/v4';
import { coordinatorsWithPlaygroundUser, readPlaygroundConfig } from './playground-config';
import { waitForUrl } from './wait-for-url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const options = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3978),
    PLAYGROUND_PORT: z.coerce.number().int().min(1).max(65535).default(56150),
  })
  .parse(process.env);

const { currentUser } = readPlaygroundConfig();

const children: ChildProcess[] = [];
function stopAll(code = 0): void {
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stopAll());
process.on('SIGTERM', () => stopAll());

const bot = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bot/index.ts')], {
  cwd: root,
  env: { ...process.env, PORT: String(options.PORT), COORDINATORS: coordinatorsWithPlaygroundUser(process.env.COORDINATORS) },
  stdio: 'inherit',
});
children.push(bot);
bot.on('exit', (code) => stopAll(code ?? 1));

await waitForUrl(`http://127.0.0.1:${options.PORT}/healthz`, 60_000);
const playground = spawn(
  path.join(root, 'node_modules/.bin/agentsplayground'),
  ['start', '-e', `http://127.0.0.1:${options.PORT}/api/messages`, '-c', 'msteams', '-p', String(options.PLAYGROUND_PORT), '--disable-telemetry'],
  { cwd: root, env: process.env, stdio: 'inherit' },
);
children.push(playground);
playground.on('exit', (code) => stopAll(code ?? 0));
process.stdout.write(`\nMeldwijzer draait. Open de Playground: http://localhost:${options.PLAYGROUND_PORT} (je bent ${currentUser.name}, coördinator)\n\n`);
