// Runs the real bot (restify + CloudAdapter + teams-ai app) on a loopback port with a fake connector.
// Requests go through HTTP exactly as Teams would send them.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../bot/config';
import type { Clock } from '../../bot/clock';
import type { Plan } from '../../plan/plan';
import { loadPlan } from '../../plan/load-plan';
import type { KnowledgeBase } from '../../knowledge/index';
import { realKnowledgeBase } from './knowledge-fixture';
import { createRuntime, type Runtime } from '../../bot/runtime';
import { createServer, edgeOptionsFrom, type EdgeOptions, type Server } from '../../bot/server';
import { ALICE, message, type Conversation, type Who } from './activities';
import { FakeConnector } from './fake-connector';
import { openPglite, type SqlClient } from '../../bot/storage/sql-client';
import { PLANNING_DIR } from './paths';
import { copyTemplateTo, templateDump } from './pglite-template';

const MEMORY = 'memory://';

export interface BotHarness {
  connector: FakeConnector;
  runtime: Runtime;
  http: Server;
  url: string;
  dataDir: string;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown; text: string }>;
  /** Stops the bot but keeps its data, like a process restart. */
  stop(): Promise<void>;
  /** Stops the bot and removes its data. */
  destroy(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Starts again on the data of a stopped bot (a restart); that bot must have been `persistent`. */
  dataDir?: string;
  /**
   * Keeps the data in a folder on disk, for a test that restarts the bot or checks DATA_DIR. Otherwise
   * the bot runs in memory on a copy of the migrated template (starting one is much cheaper).
   */
  persistent?: boolean;
  connector?: FakeConnector;
  /** Receives the bot's structured log lines (JSON), for tests that check what is logged. */
  logLines?: string[];
  plan?: Plan;
  /** Run against PostgreSQL (TEST_DATABASE_URL) in this schema instead of PGlite. */
  postgresSchema?: string;
  /** Stands in for the peer address of every request (a request from another computer). */
  peerAddress?: string;
  /** Replaces edge checks (a /readyz disk check that sees a full disk). */
  edge?: Partial<EdgeOptions>;
}

// The content and the plan, loaded once per worker: both are read-only once built, and every bot of a
// file (and of the files after it in the worker) answers from the same ones. Loading them from disk at
// start is what the process tests (npm start) and test/knowledge/prebuilt.test.ts cover.
let content: Promise<[KnowledgeBase, Plan]> | undefined;
const sharedContent = () => (content ??= Promise.all([realKnowledgeBase(), loadPlan(PLANNING_DIR)]));

// An in-memory bot's database: starting PGlite costs about a second of CPU, so a stopped bot's one is
// emptied (every table but the migrations' record, identities from 1, pg-boss's schema dropped) and
// given to the next in-memory bot of the worker — the migrated template's state again.
let idlePglite: SqlClient | undefined;
let pgliteTables: Promise<string[]> | undefined;

async function emptied(sql: SqlClient): Promise<void> {
  pgliteTables ??= sql
    .query<{ name: string }>(`select quote_ident(tablename) as name from pg_tables where schemaname = 'public' and tablename <> 'schema_migrations'`)
    .then((rows) => rows.map((r) => r.name));
  await sql.exec(`truncate ${(await pgliteTables).join(', ')} restart identity cascade; drop schema if exists pgboss cascade;`);
}

async function inMemoryPglite(): Promise<SqlClient> {
  const sql = idlePglite ?? (await openPglite(MEMORY, { loadDataDir: await templateDump() }));
  idlePglite = undefined;
  return {
    ...sql,
    async close() {
      if (idlePglite) return sql.close(); // another bot's database is waiting already
      await emptied(sql);
      idlePglite = sql;
    },
  };
}

export async function startBot(options: HarnessOptions = {}): Promise<BotHarness> {
  const connector = options.connector ?? (await new FakeConnector().start());
  // PGlite in a place the harness chooses (not PostgreSQL, not a DATA_DIR the test sets).
  const pglite = !options.postgresSchema && !options.env?.DATABASE_URL && !options.env?.DATA_DIR;
  if (pglite && options.dataDir === MEMORY) throw new Error('that bot ran in memory: start it with persistent: true to restart it');
  let dataDir = options.dataDir ?? MEMORY;
  if (!options.dataDir && options.persistent) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-bot-'));
    if (pglite) await copyTemplateTo(dataDir);
  }
  const database = options.postgresSchema ? { DATABASE_URL: process.env.TEST_DATABASE_URL! } : {};
  const config: Config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '3978', ...database, ...options.env });
  const lines = options.logLines;
  const logger = lines ? pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }) : pino({ level: 'silent' });
  const sql = pglite && dataDir === MEMORY ? await inMemoryPglite() : undefined;
  const [kb, plan] = await sharedContent();
  const runtime = await createRuntime(config, { clock: options.clock, logger, kb, plan: options.plan ?? plan, schema: options.postgresSchema, sql });
  const edge = { ...edgeOptionsFrom(config, runtime), ...options.edge };
  const http = createServer(runtime, runtime.deps.logger, options.peerAddress ? { ...edge, peerAddress: () => options.peerAddress } : edge);
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
  http.setReady();
  const { port } = http.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const harness: BotHarness = {
    connector,
    runtime,
    http,
    url,
    dataDir,
    async post(body, headers = {}) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed, text };
    },
    async stop() {
      await http.drain();
      await runtime.close();
    },
    async destroy() {
      await harness.stop();
      if (!options.connector) await connector.stop();
      if (!options.dataDir && dataDir !== MEMORY) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

export interface SayOptions {
  /** Who writes (default Alice). */
  from?: Who;
  /** Where (default the writer's personal chat with the bot). */
  conversation?: Conversation;
  /** Fields merged into the activity (mention entities, a value). */
  extra?: Record<string, unknown>;
}

/**
 * Sends `text` as someone writes it in Teams, checks the bot took the turn (200) and returns the bot's
 * reply: its last activity in that conversation. The one say/ask helper of the bot tests.
 */
export async function say(bot: BotHarness, text: string, options: SayOptions = {}): Promise<Record<string, unknown>> {
  const from = options.from ?? ALICE;
  const activity = { ...message(bot.connector.serviceUrl, text, { from, conversation: options.conversation }), ...options.extra };
  const before = bot.connector.sentTo(activity.conversation.id).length;
  const response = await bot.post(activity);
  if (response.status !== 200) throw new Error(`/api/messages answered ${response.status}: ${response.text}`);
  const sent = await bot.connector.waitFor(activity.conversation.id, before + 1);
  return sent[sent.length - 1]!;
}

/** `say` in the writer's personal chat. */
export const ask = (bot: BotHarness, text: string, from: Who = ALICE): Promise<Record<string, unknown>> => say(bot, text, { from });

/** The Adaptive Card of a sent activity (first attachment). */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, any> {
  const attachments = (activity?.attachments ?? []) as Array<{ contentType: string; content: Record<string, any> }>;
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no adaptive card in ${JSON.stringify(activity).slice(0, 200)}`);
  return card.content;
}

/** All text a card shows (TextBlocks, TextRuns, button titles), in order, for assertions. */
export function cardTexts(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') texts.push(o.text);
      if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') texts.push(o.title);
      for (const value of Object.values(o)) walk(value);
    }
  };
  walk(card);
  return texts;
}

/** Every Action.OpenUrl target of a card. */
export function cardUrls(card: unknown): string[] {
  return JSON.stringify(card).match(/"url":"[^"]+"/g)?.map((m) => m.slice(7, -1)) ?? [];
}

/** Every node of a card for which `test` holds, depth first. */
export function findInCard(node: unknown, test: (o: Record<string, any>) => boolean): Array<Record<string, any>> {
  if (Array.isArray(node)) return node.flatMap((n) => findInCard(n, test));
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, any>;
  return [...(test(o) ? [o] : []), ...Object.values(o).flatMap((v) => findInCard(v, test))];
}
