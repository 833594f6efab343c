// Structured logs never carry what staff typed; SIGTERM lets the turn in flight finish.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { message } from '../helpers/activities';
import { startBot } from '../helpers/bot-harness';
import { FakeConnector } from '../helpers/fake-connector';
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
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-stop-'));
    const port = await freePort();
    // What `npm start` runs: tools/start.mjs builds dist/bot.mjs when it is missing or older than the source.
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'tools/start.mjs')], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', HOST: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 200 && !output.includes('"event":"listening"'); i++) await new Promise((r) => setTimeout(r, 100));
      const activity = message(connector.serviceUrl, 'waar meld ik kindermishandeling');
      const turn = fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      // Wait until the bot is sending its reply (the connector holds it), then ask it to stop.
      for (let i = 0; i < 100 && connector.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGTERM');
      const response = await turn;
      expect(response.status).toBe(200);
      expect(await exited).toBe(0);
      expect(connector.sentTo(activity.conversation.id)).toHaveLength(1);
      expect(output).toContain('"event":"stopped"');
      expect(output).toContain('"event":"local-mode","host":"127.0.0.1","allowRemote":false');
      expect(output).toContain('alleen van deze computer');
    } finally {
      child.kill('SIGKILL');
      await connector.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
