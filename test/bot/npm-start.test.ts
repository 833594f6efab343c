// npm start as a process, the way an operator meets it: the compiled bot (tools/start.mjs builds
// dist/bot.mjs when it is missing or older than the source) stops with one line naming a bad setting
// or a database it cannot reach, starts a new installation from the build's migrated template, says it
// is local-only, and on SIGTERM finishes the turn in flight — or abandons a hanging one at
// SHUTDOWN_DEADLINE_MS. The one test file that starts processes of the bot. The starts that fail come
// first: they need no database, so they run while the test run's template is still being built.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { message } from '../helpers/activities';
import { TEST_DATABASE_URL } from '../helpers/databases';
import { FakeConnector } from '../helpers/fake-connector';
import { copyTemplateTo, templateReady } from '../helpers/pglite-template';
import { REPO_ROOT } from '../helpers/paths';
import { freePort } from '../helpers/free-port';

/** The node options of package.json's start script. */
const NPM_START = ['--max-semi-space-size=16', '--max-old-space-size=192', '--enable-source-maps', path.join(REPO_ROOT, 'tools/start.mjs')];

/** `npm start` in a child process with `env` on top of this one's; its output is collected. */
function spawnStart(env: Record<string, string>) {
  const child = spawn(process.execPath, NPM_START, { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc = { child, output: '', errors: '', exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
  child.stdout.on('data', (c: Buffer) => (proc.output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (proc.errors += c.toString()));
  return proc;
}

/** A start that is expected to fail: its exit code and stderr (killed after 30 s). */
async function failedStart(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const proc = spawnStart({ PORT: String(await freePort()), ...env });
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 30_000);
  const code = await proc.exited;
  clearTimeout(timer);
  return { code, stderr: proc.errors };
}

/**
 * A bot started with npm start on a free port; resolves once it listens. `template`: DATA_DIR holds the
 * migrated test database already, which skips seconds of initdb where the first start is not the point.
 */
async function startProcess(env: Record<string, string>, dataDirFrom: 'empty' | 'template') {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-stop-'));
  if (dataDirFrom === 'template') await copyTemplateTo(dataDir);
  const port = await freePort();
  const proc = Object.assign(spawnStart({ PORT: String(port), DATA_DIR: dataDir, HOST: '', ...env }), { port });
  const { child } = proc;
  /** Resolves when the output shows `event` (no polling: on each chunk), rejects when the process ends first. */
  const until = (event: string, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const seen = () => proc.output.includes(`"event":"${event}"`);
      if (seen()) return resolve();
      const timer = setTimeout(() => done(new Error(`no "${event}" within ${timeoutMs} ms:\n${proc.output}`)), timeoutMs);
      const onData = () => seen() && done();
      const onExit = () => done(seen() ? undefined : new Error(`exited before "${event}":\n${proc.output}\n${proc.errors}`));
      const done = (error?: Error) => {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve();
      };
      child.stdout.on('data', onData);
      child.on('exit', onExit);
    });
  await until('listening');
  return Object.assign(proc, { until, cleanup: () => rm(dataDir, { recursive: true, force: true }) });
}

const APP_ID = '11111111-2222-3333-4444-555555555555';

// First: the one start that may build dist/bot.mjs (tools/start.mjs builds it when it is missing or
// older than the source); the starts after it find it built.
describe('a configuration that does not hold', () => {
  it('stops npm start (built first when stale) with one line naming the bad keys, a misspelled app id among them', async () => {
    const result = await failedStart({ PORT: 'zeventig', MICROSOFT_APP_ID: APP_ID, MicrosoftAppPassword: 'geheim', MicrosoftAppTenantId: APP_ID });
    expect(result.code).toBe(1);
    const line = result.stderr.split('\n').find((l) => l.startsWith('Ongeldige configuratie'));
    expect(line).toContain('PORT');
    expect(line).toContain('MICROSOFT_APP_ID: onbekende sleutel, bedoel je MicrosoftAppId?');
    expect(line).toContain('MicrosoftAppPassword: gezet zonder MicrosoftAppId');
  });
});

const startLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('Meldwijzer start niet'));

describe('a start that cannot store', () => {
  it('stops with one Dutch line naming DATABASE_URL (closed port, missing database) or DATA_DIR (a file), exit code 1, no stack and no password', async () => {
    const closedPort = await freePort();
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-start-'));
    const aFile = path.join(tmp, 'geen-map');
    await writeFile(aFile, 'dit is een bestand');
    const missingDatabase = TEST_DATABASE_URL ? new URL(TEST_DATABASE_URL) : null;
    if (missingDatabase) missingDatabase.pathname = `/meldwijzer_bestaat_niet_${Date.now().toString(36)}`;
    try {
      // In parallel: each start spends most of its time loading code.
      const [port, dataDir, missing] = await Promise.all([
        failedStart({ DATABASE_URL: `postgres://meldwijzer:geheim-wachtwoord@127.0.0.1:${closedPort}/meldwijzer`, DATA_DIR: tmp }),
        failedStart({ DATA_DIR: path.join(aFile, 'data') }),
        missingDatabase ? failedStart({ DATABASE_URL: missingDatabase.toString(), DATA_DIR: tmp }) : null,
      ]);

      expect(port.code).toBe(1);
      expect(startLines(port.stderr)).toEqual([`Meldwijzer start niet: de database in DATABASE_URL is niet bereikbaar (127.0.0.1:${closedPort}: verbinding geweigerd).`]);
      expect(port.stderr).not.toContain('geheim-wachtwoord');
      expect(port.stderr).not.toMatch(/^\s+at /m);

      expect(dataDir.code).toBe(1);
      expect(startLines(dataDir.stderr)).toEqual([`Meldwijzer start niet: in DATA_DIR kan Meldwijzer niet schrijven (${path.join(aFile, 'data')}: een deel van het pad is een bestand, geen map).`]);
      expect(dataDir.stderr).not.toMatch(/^\s+at /m);

      if (missing) {
        expect(missing.code).toBe(1);
        expect(startLines(missing.stderr)).toEqual([
          `Meldwijzer start niet: de database in DATABASE_URL is niet bereikbaar (${missingDatabase!.hostname}:${missingDatabase!.port || '5432'}${missingDatabase!.pathname}: database bestaat niet).`,
        ]);
      }
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});

// A new installation: the first start on an empty DATA_DIR.
describe('npm start and SIGTERM', () => {
  it('runs the compiled bot, fills an empty DATA_DIR from the build\'s template, says it is local-only, finishes the turn in flight on SIGTERM and exits 0', async () => {
    const connector = await new FakeConnector().start();
    connector.delayMs = 800;
    // An empty DATA_DIR: the first start of a new installation, filled from the migrated template that
    // npm run build leaves in dist/ (the test run's global setup writes it when missing).
    await templateReady();
    const bot = await startProcess({}, 'empty');
    try {
      expect(bot.output).toContain('"event":"database-from-template"');
      const activity = message(connector.serviceUrl, 'waar meld ik kindermishandeling');
      const turn = fetch(`http://127.0.0.1:${bot.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      // Wait until the bot is sending its reply (the connector holds it), then ask it to stop.
      await connector.waitForArrivals(1, 20_000);
      bot.child.kill('SIGTERM');
      const response = await turn;
      expect(response.status).toBe(200);
      expect(await bot.exited).toBe(0);
      expect(connector.sentTo(activity.conversation.id)).toHaveLength(1);
      expect(bot.output).toContain('"event":"stopped"');
      expect(bot.output).toContain('"event":"local-mode","host":"127.0.0.1","allowRemote":false');
      expect(bot.output).toContain('alleen van deze computer');
    } finally {
      bot.child.kill('SIGKILL');
      await connector.stop();
      await bot.cleanup();
    }
  }, 60_000);
});

// The bundle holds botbuilder's token checks too (tools/build.mjs bundles the packages): the checks the
// source's edge tests make, here on the compiled bot.
describe('the compiled bot with Bot Framework authentication', () => {
  it('refuses a forged token with 401 and a token it cannot check with 401/503, each with a fixed Dutch body', async () => {
    await templateReady();
    const bot = await startProcess({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'geheim', HOST: '127.0.0.1' }, 'template');
    const post = (token: string) =>
      fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(message('https://smba.trafficmanager.net/emea/', 'hallo')),
      });
    try {
      expect(bot.output).toContain('"event":"bot-framework-auth"');
      const forged = await post('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
      expect(forged.status).toBe(401);
      expect(await forged.json()).toEqual({ error: 'UNAUTHORIZED', message: 'Niet geautoriseerd: een geldig Bot Framework-token is nodig.' });
      // Well-formed, from the Bot Framework issuer: checking it needs the issuer's keys (no network here, or a wrong signature).
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const unverifiable = await post(`${b64({ alg: 'RS256', typ: 'JWT', kid: 'sleutel-1' })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, exp: now + 600, nbf: now - 60 })}.c2lnbmF0dXVy`);
      expect([401, 503]).toContain(unverifiable.status);
      expect(await unverifiable.text()).not.toMatch(/botframework|login|https?:|Error|at /);
    } finally {
      bot.child.kill('SIGKILL');
      await bot.cleanup();
    }
  }, 90_000);
});

// On a fresh clone, or after the content changed, the phrasing models are trained before the bot runs, in a
// process without npm start's heap cap: under it, training next to a database's first start ran out of memory.
describe('a dist/knowledge.json older than the content', () => {
  it('is checked and brought up to date in a process of its own before the bot starts, which then loads it instead of training', async () => {
    const file = path.join(REPO_ROOT, 'dist/knowledge.json');
    // Older than every file under knowledge/, as after a checkout; its content still matches (only the time changes).
    const longAgo = new Date('2020-01-01T00:00:00Z');
    await utimes(file, longAgo, longAgo);
    const bot = await startProcess({}, 'template');
    try {
      expect(bot.errors).toContain('Kennisbank wordt bijgewerkt (dist/knowledge.json)');
      expect(bot.errors).toContain('dist/knowledge.json is actueel');
      expect(bot.output).not.toContain('"event":"knowledge-built"');
      // Newer now: the next start skips the check.
      expect((await stat(file)).mtime.getTime()).toBeGreaterThan(longAgo.getTime());
    } finally {
      bot.child.kill('SIGKILL');
      await bot.cleanup();
    }
  }, 60_000);
});

describe('SIGTERM with a connector that hangs', () => {
  it('stops serving a kept-alive client, abandons the hanging turn at SHUTDOWN_DEADLINE_MS and exits', async () => {
    // A connector that takes the bot's reply and never answers.
    const arrived: string[] = [];
    let replyArrived!: () => void;
    const replying = new Promise<void>((resolve) => (replyArrived = resolve));
    const hanging = http.createServer((req) => {
      arrived.push(req.url ?? '');
      replyArrived();
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const serviceUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const deadlineMs = 1_500;
    const bot = await startProcess({ SHUTDOWN_DEADLINE_MS: String(deadlineMs) }, 'template');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const healthz = () =>
      new Promise<{ status?: number; connection?: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: bot.port, path: '/healthz', agent }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
          })
          .on('error', reject);
      });
    try {
      expect((await healthz()).status).toBe(200);
      const activity = message(serviceUrl, 'waar meld ik kindermishandeling');
      const turn = fetch(`http://127.0.0.1:${bot.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }).then(
        (r) => r.status,
        () => 'verbroken',
      );
      await Promise.race([replying, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      expect(arrived).toHaveLength(1);

      const signalled = Date.now();
      bot.child.kill('SIGTERM');
      await bot.until('stopping');
      // The kept-alive connection is not served another turn: closed, or answered 503 and closed.
      const after = await healthz().catch(() => null);
      expect(after === null || (after.status === 503 && after.connection === 'close')).toBe(true);

      expect(await bot.exited).toBe(1);
      expect(Date.now() - signalled).toBeLessThan(deadlineMs + 1_500);
      expect(await turn).not.toBe(200);
      expect(bot.output).toContain('"event":"turns-abandoned","count":1');
    } finally {
      agent.destroy();
      bot.child.kill('SIGKILL');
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
      await bot.cleanup();
    }
  }, 60_000);
});
