// npm run bench:start — cold start and footprint, in one run: start → GET /healthz 200, resident memory
// after start, after 1,000 answered turns and after 10,000 distinct conversations; for the compiled
// bot (npm start: dist/bot.mjs) beside the TypeScript-at-runtime baseline (node --import tsx), on
// PostgreSQL (DATABASE_URL or TEST_DATABASE_URL), on an existing PGlite folder and on a fresh one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { waitForUrl } from '../tools/wait-for-url';
import { buildBot, buildPgliteTemplate } from '../tools/build.mjs';
import { startNodeFlags } from '../tools/node-flags';
import { buildPrebuiltKnowledge } from '../knowledge/index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Below the ephemeral range (32768–60999 on Linux), where a client socket may already hold the port.
const PORT = 29_201;
const CONNECTOR_PORT = 29_202;
const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

function activity(i: number, conversation: string) {
  return JSON.stringify({
    type: 'message',
    id: `start-${i}`,
    text: ['waar meld ik huiselijk geweld', 'klant wordt agressief aan de balie', 'huurder heeft twee maanden achterstand'][i % 3],
    serviceUrl: `http://127.0.0.1:${CONNECTOR_PORT}`,
    channelId: 'msteams',
    from: { id: `29:${conversation}`, aadObjectId: `aad-${conversation}` },
    recipient: { id: '28:meldwijzer-bot' },
    conversation: { id: `a:${conversation}`, conversationType: 'personal', tenantId: 'bench' },
  });
}

async function turns(count: number, conversationOf: (i: number) => string, concurrency = 8): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const response = await fetch(`http://127.0.0.1:${PORT}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity(i, conversationOf(i)) });
        if (!response.ok) throw new Error(`turn ${i}: ${response.status}`);
      }
    }),
  );
}

interface Measurement {
  startMs: number;
  rssStart: number;
  rss1000: number;
  rssGrowth10k: number;
}

async function measure(command: string[], env: Record<string, string>, withLoad: boolean): Promise<Measurement> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, command, { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', PORT: String(PORT), ...env }, stdio: 'ignore' });
  try {
    await waitForUrl(`http://127.0.0.1:${PORT}/healthz`, 120_000);
    const startMs = performance.now() - started;
    const rssStart = await rssMb(child.pid!);
    if (!withLoad) return { startMs, rssStart, rss1000: 0, rssGrowth10k: 0 };
    await turns(1000, (i) => `bench-${i % 50}`);
    const rss1000 = await rssMb(child.pid!);
    await turns(10_000, (i) => `distinct-${i}`);
    return { startMs, rssStart, rss1000, rssGrowth10k: (await rssMb(child.pid!)) - rss1000 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  // As npm run build does: the bundle, the knowledge file and the migrated PGlite template.
  await buildBot();
  await buildPrebuiltKnowledge();
  const template = await buildPgliteTemplate();
  /** A fresh folder as `npm install && npm start` on a fresh clone meets it: no template was built. */
  const withoutTemplate = async <T>(work: () => Promise<T>): Promise<T> => {
    await rename(template, `${template}.aside`);
    try {
      return await work();
    } finally {
      await rename(`${template}.aside`, template);
    }
  };
  const connector = spawn(process.execPath, ['--import', 'tsx', 'bench/connector-server.ts'], { cwd: root, env: { ...process.env, PORT: String(CONNECTOR_PORT) }, stdio: 'ignore' });
  const dirs: string[] = [];
  const schemas: string[] = [];
  try {
    await waitForUrl(`http://127.0.0.1:${CONNECTOR_PORT}/`, 30_000, { method: 'POST', body: '{}' });
    // npm start as it is now, beside npm start as it was (TypeScript compiled at run time by tsx).
    const compiled = [...startNodeFlags(), 'tools/start.mjs'];
    const baseline = ['--max-semi-space-size=64', '--enable-source-maps', '--import', 'tsx', 'bot/index.ts'];
    const rows: string[] = [];
    const row = (label: string, m: Measurement, targets: string) =>
      `${label.padEnd(48)}${`${(m.startMs / 1000).toFixed(1)} s`.padEnd(9)}${`${m.rssStart} MB`.padEnd(10)}${(m.rss1000 ? `${m.rss1000} MB` : '–').padEnd(12)}${(m.rss1000 ? `${m.rssGrowth10k >= 0 ? '+' : ''}${m.rssGrowth10k} MB` : '–').padEnd(12)}${targets}`;

    const fresh = async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'mw-start-'));
      dirs.push(dir);
      return dir;
    };
    // Existing PGlite folder: migrated once before measuring.
    const existing = await fresh();
    await measure(compiled, { DATA_DIR: existing }, false);
    rows.push(row('PGlite, existing folder — compiled', await measure(compiled, { DATA_DIR: existing }, true), 'start ≤ 4 s, RSS ≤ 450 MB after 1,000, growth ≤ 50 MB'));
    rows.push(row('PGlite, existing folder — tsx baseline', await measure(baseline, { DATA_DIR: existing }, false), ''));
    rows.push(row('PGlite, fresh folder — compiled, template', await measure(compiled, { DATA_DIR: await fresh() }, false), 'start ≤ 10 s (after npm run build)'));
    rows.push(row('PGlite, fresh folder — compiled, no template', await withoutTemplate(async () => measure(compiled, { DATA_DIR: await fresh() }, false)), 'start ≤ 10 s (fresh clone, npm start)'));
    rows.push(row('PGlite, fresh folder — tsx baseline', await withoutTemplate(async () => measure(baseline, { DATA_DIR: await fresh() }, false)), ''));
    if (postgresUrl) {
      const schema = `bench_start_${Date.now().toString(36)}`;
      schemas.push(schema);
      const url = new URL(postgresUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`create schema ${schema}`);
      await client.end();
      await measure(compiled, { DATABASE_URL: url.toString() }, false);
      rows.push(row('PostgreSQL — compiled', await measure(compiled, { DATABASE_URL: url.toString() }, true), 'start ≤ 3 s, RSS ≤ 250 MB after 1,000'));
      rows.push(row('PostgreSQL — tsx baseline', await measure(baseline, { DATABASE_URL: url.toString() }, false), ''));
    } else {
      rows.push('PostgreSQL: set DATABASE_URL or TEST_DATABASE_URL to measure it.');
    }
    process.stdout.write(
      [
        'bench:start — start → /healthz 200 and resident memory (this machine, same run)',
        `${''.padEnd(48)}${'start'.padEnd(9)}${'RSS'.padEnd(10)}${'RSS 1,000'.padEnd(12)}${'+10k conv.'.padEnd(12)}targets`,
        ...rows,
      ].join('\n') + '\n',
    );
  } finally {
    connector.kill('SIGTERM');
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    if (postgresUrl && schemas.length > 0) {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  }
}

await main();
