// One bot instance for npm run bench:fanout -- --instances N: opens a runtime on the shared PostgreSQL
// schema, says "ready", and on "go" delivers the outbox until nothing is left, then reports and exits.
// Its clock is real time from the same origin as the parent's, so all instances agree on the time.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { z } from 'zod/v4';
import type { Clock } from '../bot/clock';
import { loadConfig } from '../bot/config';
import type { DeliveryReport } from '../bot/outbox/outbox';
import { createRuntime } from '../bot/runtime';

const env = z
  .object({ FANOUT_DATABASE_URL: z.string().min(1), FANOUT_SCHEMA: z.string().min(1), FANOUT_START_MS: z.coerce.number(), FANOUT_ORIGIN_MS: z.coerce.number() })
  .parse(process.env);

const clock: Clock = { now: () => new Date(env.FANOUT_START_MS + (Date.now() - env.FANOUT_ORIGIN_MS)) };
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mw-fanout-worker-'));
const runtime = await createRuntime(loadConfig({ DATABASE_URL: env.FANOUT_DATABASE_URL, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
  clock,
  logger: pino({ level: 'silent' }),
  schema: env.FANOUT_SCHEMA,
});

async function deliverAll(): Promise<DeliveryReport> {
  const total: DeliveryReport = { sent: 0, retried: 0, failed: 0, deferred: 0 };
  for (;;) {
    const r = await runtime.outbox.deliverDue();
    for (const key of Object.keys(total) as Array<keyof DeliveryReport>) total[key] += r[key];
    // As the scheduler's loop does (bot/scheduler.ts): again when the next message is due, at most a poll
    // (1 s) later. Rows another instance holds count too (their lease end), so no instance stops before all are done.
    const next = await runtime.outbox.nextDueAt();
    if (!next) return total;
    const wait = next.getTime() - clock.now().getTime();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 1000)));
  }
}

process.on('message', (message) => {
  if (message !== 'go') return;
  void deliverAll().then(async (report) => {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
    process.send!({ report }, () => process.exit(0));
  });
});
process.send!('ready');
