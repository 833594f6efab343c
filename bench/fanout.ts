// npm run bench:fanout — one quarterly reminder to 1,000 subscribed conversations through the outbox,
// against a fake connector that enforces Teams' limits (per conversation 7/s and 60/30 s, per app per
// tenant 30/s) and answers 429 past them. Prints total time beside the rate-limit floor, 429s,
// duplicates and lost messages.
//
// npm run bench:fanout -- --instances N (1–3): N bot instances, each its own process
// (bench/fanout-worker.ts), on one PostgreSQL schema (DATABASE_URL or TEST_DATABASE_URL), share the
// limits through the database. Runs twice: all instances to the end, then one killed (SIGKILL) halfway.
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import type { Clock } from '../bot/clock';
import { loadConfig } from '../bot/config';
import type { DeliveryReport } from '../bot/outbox/outbox';
import { CONVERSATION_WINDOWS, TENANT_WINDOWS } from '../bot/outbox/rate-limiter';
import { createRuntime, type Runtime } from '../bot/runtime';
import { amsterdamInstant } from '../time/amsterdam-time';

const CONVERSATIONS = Number(process.env.FANOUT_CONVERSATIONS ?? 1000);
const TENANT = 'tenant-bench';
// Real time passes (the limits are per second), starting at a quarter-start reminder: 1 July 2025 09:00.
const START_MS = amsterdamInstant({ year: 2025, month: 7, day: 1 }, 9, 0).getTime();

/** A connector that keeps Teams' books: over a limit it answers 429 with Retry-After. */
function enforcingConnector() {
  const delivered = new Map<string, number>();
  const history = new Map<string, number[]>();
  let throttled = 0;
  let lastDeliveredAt = 0;
  let onDelivered: (count: number) => void = () => undefined;
  const overLimit = (key: string, windows: ReadonlyArray<{ ms: number; max: number }>, now: number) => {
    const times = history.get(key) ?? [];
    return windows.some(({ ms, max }) => times.filter((t) => t > now - ms).length >= max);
  };
  const record = (key: string, now: number) => {
    const times = (history.get(key) ?? []).filter((t) => t > now - 30_000);
    times.push(now);
    history.set(key, times);
  };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const conversationId = decodeURIComponent(/\/v3\/conversations\/([^/]+)/.exec(req.url ?? '')?.[1] ?? '');
      const now = Date.now();
      if (overLimit(`c:${conversationId}`, CONVERSATION_WINDOWS, now) || overLimit(`t:${TENANT}`, TENANT_WINDOWS, now)) {
        throttled++;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end('{"error":{"code":"TooManyRequests","message":"throttled"}}');
        return;
      }
      record(`c:${conversationId}`, now);
      record(`t:${TENANT}`, now);
      delivered.set(conversationId, (delivered.get(conversationId) ?? 0) + 1);
      lastDeliveredAt = performance.now();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"id":"m${now}"}`);
      onDelivered(delivered.size);
    });
  });
  return {
    server,
    delivered,
    throttled: () => throttled,
    /** performance.now() of the latest message the connector accepted. */
    lastDeliveredAt: () => lastDeliveredAt,
    reset() {
      lastDeliveredAt = 0;
      delivered.clear();
      history.clear();
      throttled = 0;
    },
    /** Called after each delivery with the number of conversations reached. */
    watch(listener: (count: number) => void) {
      onDelivered = listener;
    },
  };
}
type Connector = ReturnType<typeof enforcingConnector>;

async function seed(runtime: Runtime, serviceUrl: string): Promise<void> {
  const gemeenten = ['Baarn', 'Bunschoten', 'De Bilt', 'Eemnes'];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const conversationId = `19:werkgroep-${i}@thread.tacv2`;
    await runtime.deps.store.saveConversation({
      conversationId,
      reference: { serviceUrl, channelId: 'msteams', conversation: { id: conversationId, conversationType: 'channel', tenantId: TENANT }, bot: { id: '28:meldwijzer' } },
      conversationType: 'channel',
      tenantId: TENANT,
    });
    await runtime.deps.planStore.subscribe(conversationId, [gemeenten[i % gemeenten.length]!], 'bench');
  }
}

/**
 * The fan-out's time is from queueing the reminder to the last message the connector accepted: when
 * every conversation has it. Stopping the instances afterwards (closing pools, pg-boss) is printed apart.
 */
function summary(connector: Connector, began: number, stopped: number, retried: number, failed: number): string[] {
  const seconds = (connector.lastDeliveredAt() - began) / 1000;
  const tenantPerSecond = TENANT_WINDOWS[0]!.max;
  const floor = CONVERSATIONS / tenantPerSecond;
  const duplicates = [...connector.delivered.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const lost = CONVERSATIONS - connector.delivered.size;
  const throttled = connector.throttled();
  return [
    `total time:        ${seconds.toFixed(1)} s (queued → last message delivered; everything stopped after ${((stopped - began) / 1000).toFixed(1)} s)`,
    `rate-limit floor:  ${floor.toFixed(1)} s (${CONVERSATIONS} messages at ${tenantPerSecond}/s per app per tenant)`,
    `ratio:             ${(seconds / floor).toFixed(2)}× the floor`,
    `connector 429s:    ${throttled} = ${((100 * throttled) / CONVERSATIONS).toFixed(1)} % of messages (target ≤ 1 %; outbox retries: ${retried})`,
    `duplicates:        ${duplicates} (target 0)`,
    `lost:              ${lost} (target 0; failed in outbox: ${failed})`,
  ];
}

async function singleProcess(connector: Connector, serviceUrl: string): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mw-fanout-'));
  const t0 = Date.now();
  const clock: Clock = { now: () => new Date(START_MS + (Date.now() - t0)) };
  const runtime = await createRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { clock, logger: pino({ level: 'silent' }) });
  try {
    await seed(runtime, serviceUrl);
    const began = performance.now();
    const queued = await runtime.reminders.queueDue();
    const requeued = await runtime.reminders.queueDue(); // a second scheduler run: must add nothing
    let report = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const r = await runtime.outbox.deliverDue();
      report = { sent: report.sent + r.sent, retried: report.retried + r.retried, failed: report.failed + r.failed };
      const next = await runtime.outbox.nextDueAt();
      if (!next) break;
      const wait = next.getTime() - clock.now().getTime();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 1000)));
    }
    const stopped = performance.now();
    const lines = [
      `bench:fanout — one quarter-start reminder to ${CONVERSATIONS} subscribed conversations (one tenant, one instance, PGlite)`,
      `queued: ${queued} (second scheduler run queued ${requeued})`,
      ...summary(connector, began, stopped, report.retried, report.failed),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface Instance {
  child: ChildProcess;
  /** Resolves with the worker's report, or null when it was killed. */
  done: Promise<DeliveryReport | null>;
}

function startInstance(databaseUrl: string, schema: string, originMs: number): Promise<Instance> {
  const child = fork(fileURLToPath(new URL('./fanout-worker.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, FANOUT_DATABASE_URL: databaseUrl, FANOUT_SCHEMA: schema, FANOUT_START_MS: String(START_MS), FANOUT_ORIGIN_MS: String(originMs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let report: DeliveryReport | null = null;
  const done = new Promise<DeliveryReport | null>((resolve) => child.on('exit', () => resolve(report)));
  return new Promise((resolve, reject) => {
    child.on('message', (message) => {
      if (message === 'ready') resolve({ child, done });
      else report = (message as { report: DeliveryReport }).report;
    });
    child.on('exit', (code) => reject(new Error(`bench worker stopped before it was ready (exit ${code})`)));
  });
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

async function manyInstances(connector: Connector, serviceUrl: string, databaseUrl: string, instances: number, killHalfway: boolean): Promise<void> {
  connector.reset();
  const schema = `mw_fanout_${Date.now().toString(36)}`;
  const originMs = Date.now();
  const clock: Clock = { now: () => new Date(START_MS + (Date.now() - originMs)) };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mw-fanout-'));
  // The parent migrates, seeds and queues (as the scheduler of any instance would); the workers deliver.
  const setup = await createRuntime(loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
    clock,
    logger: pino({ level: 'silent' }),
    schema,
  });
  const workers: Instance[] = [];
  try {
    await seed(setup, serviceUrl);
    for (let i = 0; i < instances; i++) workers.push(await startInstance(databaseUrl, schema, originMs));

    const began = performance.now();
    const queued = await setup.reminders.queueDue();
    const requeued = await setup.reminders.queueDue(); // a second scheduler run: must add nothing
    let kill = '';
    if (killHalfway) {
      connector.watch((count) => {
        if (count !== Math.floor(CONVERSATIONS / 2) || kill) return;
        workers[0]!.child.kill('SIGKILL');
        kill = 'killed';
        // Delivered but not yet marked sent: only these can go out twice, after the claim lease runs out.
        void claimedAtKill(databaseUrl, schema, connector).then(
          (counts) =>
            (kill = `instance 1 killed (SIGKILL) after ${count} conversations were reached; then ${counts.claimed} rows were claimed ('sending') by all instances, ${counts.inFlight} of them already delivered (in flight)`),
        );
      });
    }
    for (const worker of workers) worker.child.send('go');
    const reports = await Promise.all(workers.map((w) => w.done));
    const stopped = performance.now();
    connector.watch(() => undefined);
    const total = reports.reduce<DeliveryReport>(
      (sum, r) => (r ? { sent: sum.sent + r.sent, retried: sum.retried + r.retried, failed: sum.failed + r.failed, deferred: sum.deferred + r.deferred } : sum),
      { sent: 0, retried: 0, failed: 0, deferred: 0 },
    );
    const lines = [
      `bench:fanout — one quarter-start reminder to ${CONVERSATIONS} conversations (one tenant), ${instances} instance(s) in separate processes on one PostgreSQL schema${killHalfway ? ', one killed halfway' : ''}`,
      `queued: ${queued} (second scheduler run queued ${requeued})`,
      ...(kill ? [kill] : []),
      `sent per instance: ${reports.map((r) => (r ? String(r.sent) : 'killed')).join(', ')} (deferred by the shared limits: ${total.deferred})`,
      ...summary(connector, began, stopped, total.retried, total.failed),
    ];
    process.stdout.write(`${lines.join('\n')}\n\n`);
  } finally {
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await setup.close();
    await rm(dataDir, { recursive: true, force: true });
    await dropSchema(databaseUrl, schema);
  }
}

async function claimedAtKill(databaseUrl: string, schema: string, connector: Connector): Promise<{ claimed: number; inFlight: number }> {
  const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const { rows } = await client.query<{ conversation_id: string }>(`select conversation_id from outbox where status = 'sending'`);
    return { claimed: rows.length, inFlight: rows.filter((r) => connector.delivered.has(r.conversation_id)).length };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { instances: { type: 'string' } } });
  const instances = values.instances === undefined ? undefined : Number(values.instances);
  if (instances !== undefined && ![1, 2, 3].includes(instances)) throw new Error('--instances takes 1, 2 or 3');
  const databaseUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (instances !== undefined && !databaseUrl) {
    process.stderr.write('bench:fanout --instances needs a PostgreSQL server the instances share: set DATABASE_URL or TEST_DATABASE_URL (postgres://…).\n');
    process.exitCode = 2;
    return;
  }
  const connector = enforcingConnector();
  await new Promise<void>((resolve) => connector.server.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(connector.server.address() as AddressInfo).port}`;
  try {
    if (instances === undefined) await singleProcess(connector, serviceUrl);
    else {
      await manyInstances(connector, serviceUrl, databaseUrl!, instances, false);
      if (instances > 1) await manyInstances(connector, serviceUrl, databaseUrl!, instances, true);
    }
  } finally {
    connector.server.close();
  }
}

await main();
