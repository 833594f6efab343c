// npm run bench:turn [-- --database postgres] — load on /api/messages over loopback with real staff
// questions, beside a minimal echo turn through the same CloudAdapter + Application stack (the framework
// floor), both on the same database kind (PGlite folders, or schemas of their own on PostgreSQL:
// DATABASE_URL or TEST_DATABASE_URL). The bot runs compiled, with npm start's Node flags; each server runs
// in its own process and replies go to a fake connector in a third process. Beside the rates it prints each
// server's CPU per turn (from /proc), which a busy machine disturbs far less than latency and turns/s.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { parse as parseYaml } from 'yaml';
import { waitForUrl } from '../tools/wait-for-url';
import { openKnowledgeBase } from '../knowledge/index';
import { buildBot } from '../tools/build.mjs';
import { startNodeFlags } from '../tools/node-flags';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 16;
// Below the ephemeral range (32768–60999 on Linux): a client socket of the database or of autocannon may hold
// a port there, and the server would fail to listen.
const PORTS = { connector: 29_101, answer: 29_102, echo: 29_103 };

let stopping = false;

const database = process.argv.includes('--database') ? process.argv[process.argv.indexOf('--database') + 1] : 'pglite';
if (database !== 'pglite' && database !== 'postgres') throw new Error('--database pglite | postgres');
const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (database === 'postgres' && !postgresUrl) throw new Error('--database postgres needs DATABASE_URL or TEST_DATABASE_URL');

function start(script: string, env: Record<string, string>): ChildProcess {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...startNodeFlags(), ...loader, path.join(root, script)], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`${script} stopped unexpectedly (${code ?? signal})\n`);
  });
  return child;
}

function activityFor(i: number, text: string): string {
  const user = `29:bench-${i % 50}`;
  return JSON.stringify({
    type: 'message',
    id: `bench-${i}`,
    text,
    serviceUrl: `http://127.0.0.1:${PORTS.connector}`,
    channelId: 'msteams',
    from: { id: user, aadObjectId: `bench-aad-${i % 50}` },
    recipient: { id: '28:meldwijzer-bot' },
    conversation: { id: `a:bench-${i % 50}`, conversationType: 'personal', tenantId: 'bench' },
  });
}

/** CPU time (user + system, all threads) a process has used so far, in milliseconds (Linux /proc). */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name, in clock ticks (100/s).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Run {
  result: autocannon.Result;
  /** The server's CPU per answered turn: what the turn costs, whatever else the machine is doing. */
  cpuPerTurnMs: number;
}

/** One load run on a server, with the CPU that server used for it. */
async function measured(port: number, pid: number, questions: string[]): Promise<Run> {
  const before = await cpuMs(pid);
  const result = await load(port, questions);
  return { result, cpuPerTurnMs: ((await cpuMs(pid)) - before) / Math.max(1, result.requests.total) };
}

async function load(port: number, questions: string[]): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        setupRequest: (request) => {
          i += 1;
          return { ...request, body: activityFor(i, questions[i % questions.length]!) };
        },
      },
    ],
  });
}

async function main(): Promise<void> {
  const questions = (parseYaml(await readFile(path.join(here, 'search-questions.yaml'), 'utf8')) as Array<{ q: string }>).map((q) => q.q);
  await buildBot();
  // As npm start does (tools/start.mjs): the bot loads the knowledge base it finds and does not train under its heap cap.
  await openKnowledgeBase();
  const dataDirs = await Promise.all([mkdtemp(path.join(os.tmpdir(), 'mw-bench-a-')), mkdtemp(path.join(os.tmpdir(), 'mw-bench-e-'))]);
  const schemas = [`bench_turn_a_${Date.now().toString(36)}`, `bench_turn_e_${Date.now().toString(36)}`];
  const storage = (i: 0 | 1): Record<string, string> => {
    if (database === 'pglite') return { DATA_DIR: dataDirs[i]! };
    const url = new URL(postgresUrl!);
    url.searchParams.set('options', `-c search_path=${schemas[i]}`);
    return { DATABASE_URL: url.toString() };
  };
  if (database === 'postgres') await onPostgres((client) => Promise.all(schemas.map((schema) => client.query(`create schema ${schema}`))));
  const children: ChildProcess[] = [];
  try {
    children.push(start('bench/connector-server.ts', { PORT: String(PORTS.connector) }));
    children.push(start('dist/bot.mjs', { PORT: String(PORTS.answer), HOST: '127.0.0.1', ...storage(0) }));
    children.push(start('bench/echo-bot.ts', { PORT: String(PORTS.echo), ...storage(1) }));
    await Promise.all([
      waitForUrl(`http://127.0.0.1:${PORTS.connector}/`, 60_000, { method: 'POST', body: '{}' }),
      waitForUrl(`http://127.0.0.1:${PORTS.answer}/healthz`, 60_000),
      waitForUrl(`http://127.0.0.1:${PORTS.echo}/healthz`, 60_000),
    ]);

    // Warm both up, then measure echo, answer, echo, answer and keep the better run of each.
    await load(PORTS.echo, questions.slice(0, 5)).catch(() => undefined);
    await load(PORTS.answer, questions).catch(() => undefined);
    const [answerPid, echoPid] = [children[1]!.pid!, children[2]!.pid!];
    const echoRuns: Run[] = [];
    const answerRuns: Run[] = [];
    for (let round = 0; round < 2; round++) {
      echoRuns.push(await measured(PORTS.echo, echoPid, questions));
      answerRuns.push(await measured(PORTS.answer, answerPid, questions));
    }
    const best = (runs: Run[]) => runs.reduce((a, b) => (b.result.latency.p99 < a.result.latency.p99 ? b : a));
    const echo = best(echoRuns);
    const answer = best(answerRuns);
    const cheapest = (runs: Run[]) => Math.min(...runs.map((r) => r.cpuPerTurnMs));

    const row = (label: string, { result: r }: Run, cpu: number) =>
      `${label.padEnd(30)}${`${r.latency.p50} ms`.padEnd(10)}${`${r.latency.p99} ms`.padEnd(10)}${r.requests.average.toFixed(0).padEnd(12)}${String(r.non2xx + r.errors).padEnd(8)}${`${cpu.toFixed(2)} ms`.padEnd(12)}`;
    const lines = [
      `bench:turn — ${database === 'pglite' ? 'PGlite' : 'PostgreSQL'}, ${CONNECTIONS} connections, ${DURATION_S} s per run, best of 2 runs, ${questions.length} real questions, node ${startNodeFlags().join(' ')}`,
      `${''.padEnd(30)}${'p50'.padEnd(10)}${'p99'.padEnd(10)}${'turns/s'.padEnd(12)}${'errors'.padEnd(8)}${'CPU/turn'.padEnd(12)}`,
      row('echo turn (framework floor)', echo, cheapest(echoRuns)),
      row('answer turn (Meldwijzer)', answer, cheapest(answerRuns)),
      '',
      `answer p99 / echo p99: ${(answer.result.latency.p99 / echo.result.latency.p99).toFixed(2)}× (target ≤ 1.2×)`,
      `answer turns/s / echo turns/s: ${((100 * answer.result.requests.average) / echo.result.requests.average).toFixed(0)} % (target ≥ 70 %)`,
      `CPU per turn, the server process's own (least of the runs; steadier than the rates on a busy machine): answer ${(cheapest(answerRuns) - cheapest(echoRuns)).toFixed(2)} ms above echo`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(dataDirs.map((d) => rm(d, { recursive: true, force: true })));
    if (database === 'postgres') await onPostgres((client) => Promise.all(schemas.map((schema) => client.query(`drop schema if exists ${schema} cascade`))));
  }
}

async function onPostgres(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

await main();
