// npm run bench:fanout — one quarterly reminder to 1,000 subscribed conversations through the outbox,
// against a fake connector that enforces Teams' limits (per conversation 7/s and 60/30 s, per app per
// tenant 30/s) and answers 429 past them. Prints total time beside the rate-limit floor, duplicates
// and lost messages.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Clock } from '../bot/clock';
import { loadConfig } from '../bot/config';
import { CONVERSATION_WINDOWS, TENANT_WINDOWS } from '../bot/outbox/rate-limiter';
import { createRuntime } from '../bot/runtime';
import { amsterdamInstant } from '../plan/amsterdam-time';

const CONVERSATIONS = Number(process.env.FANOUT_CONVERSATIONS ?? 1000);
const TENANT = 'tenant-bench';

/** A connector that keeps Teams' books: over a limit it answers 429 with Retry-After. */
function enforcingConnector() {
  const delivered = new Map<string, number>();
  const history = new Map<string, number[]>();
  let throttled = 0;
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
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"id":"m${now}"}`);
    });
  });
  return { server, delivered, throttled: () => throttled };
}

async function main(): Promise<void> {
  const connector = enforcingConnector();
  await new Promise<void>((resolve) => connector.server.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(connector.server.address() as AddressInfo).port}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mw-fanout-'));

  // Real time passes (the limits are per second), starting at a quarter-start reminder: 1 July 2025 09:00.
  const start = amsterdamInstant({ year: 2025, month: 7, day: 1 }, 9, 0).getTime();
  const t0 = Date.now();
  const clock: Clock = { now: () => new Date(start + (Date.now() - t0)) };
  const runtime = await createRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { clock, logger: pino({ level: 'silent' }) });
  try {
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
    const seconds = (performance.now() - began) / 1000;

    const tenantPerSecond = TENANT_WINDOWS[0]!.max;
    const floor = CONVERSATIONS / tenantPerSecond;
    const duplicates = [...connector.delivered.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const lost = CONVERSATIONS - connector.delivered.size;
    const lines = [
      `bench:fanout — one quarter-start reminder to ${CONVERSATIONS} subscribed conversations (one tenant)`,
      `queued: ${queued} (second scheduler run queued ${requeued})`,
      `total time:        ${seconds.toFixed(1)} s`,
      `rate-limit floor:  ${floor.toFixed(1)} s (${CONVERSATIONS} messages at ${tenantPerSecond}/s per app per tenant)`,
      `ratio:             ${(seconds / floor).toFixed(2)}× the floor`,
      `connector 429s:    ${connector.throttled()} (outbox retries: ${report.retried})`,
      `duplicates:        ${duplicates} (target 0)`,
      `lost:              ${lost} (target 0; failed in outbox: ${report.failed})`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await runtime.close();
    connector.server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
