// Structured logs never carry what staff typed; SIGTERM lets the turn in flight finish, within a
// deadline; catching up on reminders at start does not hold back readiness.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALICE, channel, message } from '../helpers/activities';
import { startBot } from '../helpers/bot-harness';
import { TestClock } from '../helpers/clock';
import { FakeConnector } from '../helpers/fake-connector';
import { copyTemplateTo } from '../helpers/pglite-template';
import { REPO_ROOT } from '../helpers/paths';
import { freePort } from '../helpers/free-port';

describe('logs', () => {
  it('record what was answered, never the question text or personal data', async () => {
    const logLines: string[] = [];
    const bot = await startBot({ logLines });
    try {
      for (const text of ['vermoeden kindermishandeling bij familie Zwartewaal, bsn 111222333', 'hoe laat opent de kantine Zwartewaal']) {
        const activity = message(bot.connector.serviceUrl, text);
        await bot.post(activity);
      }
      const logged = logLines.join('\n');
      expect(logged).toContain('"event":"question-answered"');
      expect(logged).toContain('"itemId":"meldroutes/huiselijk-geweld"');
      expect(logged).toContain('"personalDataFound":true');
      expect(logged).not.toMatch(/Zwartewaal|111222333|kantine|kindermishandeling bij/);
    } finally {
      await bot.destroy();
    }
  });
});

describe('npm start and SIGTERM', () => {
  it('runs the compiled bot (built when stale), says it is local-only, finishes the turn in flight on SIGTERM and exits 0', async () => {
    const connector = await new FakeConnector().start();
    connector.delayMs = 800;
    // An empty DATA_DIR: the first start of a new installation.
    const bot = await startProcess({}, 'empty');
    try {
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
  });
});

/**
 * What `npm start` runs (tools/start.mjs builds dist/bot.mjs when it is missing or older than the
 * source), in a child process on a free port; resolves once it listens. `template`: DATA_DIR holds the
 * migrated test database already, which skips seconds of initdb where the first start is not the point.
 */
async function startProcess(env: Record<string, string>, dataDirFrom: 'empty' | 'template') {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-stop-'));
  if (dataDirFrom === 'template') await copyTemplateTo(dataDir);
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'tools/start.mjs')], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', HOST: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = { child, port, output: '', errors: '', exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
  child.stdout.on('data', (c: Buffer) => (proc.output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (proc.errors += c.toString()));
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
  });
});

describe('start', () => {
  it('is ready while the reminders missed during downtime are still being sent', async () => {
    const clock = new TestClock(new Date('2025-07-01T09:00:00+02:00')); // Q3 starts: a reminder is due
    const bot = await startBot({ clock, env: { COORDINATORS: ALICE.aadObjectId! } });
    try {
      const werkgroep = channel('werkgroep-start');
      await bot.post(message(bot.connector.serviceUrl, 'herinneringen aan Eemnes', { conversation: werkgroep }));
      await bot.connector.waitFor(werkgroep.id, 1);
      bot.connector.delayMs = 1_000; // Teams' pace, slowed down
      const scheduler = await bot.runtime.startScheduler();
      // Started (and so ready) before the catch-up delivered anything.
      expect(scheduler.isRunning).toBe(true);
      expect(bot.connector.sentTo(werkgroep.channelId)).toHaveLength(0);
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
      await scheduler.caughtUp();
      expect(bot.connector.sentTo(werkgroep.channelId)).toHaveLength(1);
    } finally {
      await bot.destroy();
    }
  }, 30_000);
});
