// What `npm run probe` (tools/probe.ts) drives the bot with: the bot as `npm start` runs it in a child
// process, a local connector that records the bot's replies (and can hold or never answer them), and the
// table of attempts it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNodeFlags } from './node-flags';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds with one decimal (two below one second), for the table. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`;

// ---------------------------------------------------------------------------------------------------
// The bot in a child process

// Settings the probe decides for each start: whatever the operator's shell has is left out.
const BOT_SETTINGS = new Set(['PORT', 'HOST', 'LOCAL_MODE_ALLOW_REMOTE', 'DATA_DIR', 'DATABASE_URL', 'LOG_LEVEL', 'COORDINATORS', 'ALLOWED_TENANTS', 'RETENTION_DAYS', 'TEAMS_APP_ID', 'SHUTDOWN_DEADLINE_MS']);
const isBotSetting = (key: string) => BOT_SETTINGS.has(key) || /microsoft[_\-.\s]?app/i.test(key);

export function botEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!isBotSetting(key)) env[key] = value;
  return { ...env, LOG_LEVEL: 'info', ...settings };
}

const children = new Set<ChildProcess>();

/** Ends every bot this probe started and that still runs (by its own pid, nothing else). */
export function killChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** performance.now() at exit. */
  at: number;
}

/** `npm start` (node with the start script's flags, tools/start.mjs) with these settings. */
export class BotProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  readonly startedAt = performance.now();
  /** From spawning to the "listening" log line (as seen by until('listening')). */
  listeningAfterMs?: number;
  private readonly child: ChildProcess;

  constructor(
    readonly settings: Record<string, string>,
    readonly port: number,
  ) {
    this.child = spawn(process.execPath, [...startNodeFlags(), path.join(ROOT, 'tools/start.mjs')], {
      cwd: ROOT,
      env: botEnv({ PORT: String(port), ...settings }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(this.child);
    this.child.stdout!.on('data', (c: Buffer) => (this.stdout += c.toString()));
    this.child.stderr!.on('data', (c: Buffer) => (this.stderr += c.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The JSON log lines on stdout. */
  events(): Array<Record<string, unknown>> {
    return this.stdout.split('\n').flatMap((line) => {
      try {
        return line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  }

  event(name: string): Record<string, unknown> | undefined {
    return this.events().find((e) => e.event === name);
  }

  /** Waits until the log has `event` (true), the process exits or the time is up (false). */
  async until(event: string, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (this.stdout.includes(`"event":"${event}"`)) {
        if (event === 'listening') this.listeningAfterMs ??= performance.now() - this.startedAt;
        return true;
      }
      if (!this.running) return false;
      await sleep(50);
    }
    return this.stdout.includes(`"event":"${event}"`);
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM, and SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 20_000): Promise<Exit> {
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The first line of stderr that is not a Node.js warning. */
  stderrLines(): string[] {
    return this.stderr.split('\n').filter((l) => l.trim() !== '' && !/^\(node:\d+\)|^\(Use `node --trace/.test(l));
  }
}

/** Starts the bot and waits until it listens; throws with its output when it does not. */
export async function startBot(settings: Record<string, string>, port: number, timeoutMs = 180_000): Promise<BotProcess> {
  const bot = new BotProcess(settings, port);
  if (!(await bot.until('listening', timeoutMs))) {
    bot.signal('SIGKILL');
    const exit = await bot.exited;
    throw new Error(`the bot did not start (exit ${exit.code ?? exit.signal}): ${(bot.stderrLines().join(' | ') || bot.stdout.slice(-300) || 'no output').slice(0, 300)}`);
  }
  return bot;
}

// ---------------------------------------------------------------------------------------------------
// A local connector

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** For a PUT (an update) or a reply: the activity id in the path. */
  activityId?: string;
  body: Record<string, unknown>;
  /** The id this connector gave a message the bot posted. */
  returnedId?: string;
  at: number;
}

/**
 * Stands in for Teams' Bot Framework connector: the bot posts replies to the activity's serviceUrl,
 * this records them and answers 200 with a message id. It can hold a conversation's posts until
 * released (a slow Teams), or never answer them (a hanging one).
 */
export class ProbeConnector {
  readonly calls: ConnectorCall[] = [];
  readonly hanging = new Set<string>();
  readonly delayMs = new Map<string, number>();
  private held = new Set<string>();
  private waitingForRelease: Array<() => void> = [];
  private server?: http.Server;
  private nextId = 0;

  get serviceUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.answer(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  private async answer(req: http.IncomingMessage, res: http.ServerResponse, text: string): Promise<void> {
    const url = req.url ?? '';
    const conversationId = decodeURIComponent(/\/v3\/conversations\/([^/?]+)/.exec(url)?.[1] ?? '');
    if (req.method === 'GET') {
      // A member lookup (a mention): not known here, so the bot keeps the Teams id.
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"MemberNotFoundInConversation","message":"probe"}}');
      return;
    }
    if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(url)) {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `a:probe-${++this.nextId}` }));
      return;
    }
    const call: ConnectorCall = {
      method: req.method ?? '',
      path: url,
      conversationId,
      activityId: /\/activities\/([^/?]+)/.exec(url)?.[1],
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      at: performance.now(),
    };
    if (call.activityId) call.activityId = decodeURIComponent(call.activityId);
    // Recorded as it arrives: a held, slow or hanging reply is still on its way to "Teams".
    this.calls.push(call);
    if (this.hanging.has(conversationId)) return; // never answered
    if (this.held.has(conversationId)) await new Promise<void>((resolve) => this.waitingForRelease.push(resolve));
    const delay = this.delayMs.get(conversationId) ?? 0;
    if (delay > 0) await sleep(delay);
    if (req.method === 'POST') call.returnedId = `probe-${++this.nextId}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: call.returnedId ?? call.activityId ?? 'ok' }));
  }

  /** Posts to held conversations that arrived and wait for release(). */
  get heldNow(): number {
    return this.waitingForRelease.length;
  }

  /** Posts to these conversations wait until release(). */
  hold(conversationIds: string[]): void {
    for (const id of conversationIds) this.held.add(id);
  }

  release(): void {
    this.held.clear();
    for (const resolve of this.waitingForRelease.splice(0)) resolve();
  }

  /** What the bot posted to a conversation (new messages and replies), in order. */
  sentTo(conversationId: string): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.conversationId === conversationId && c.method === 'POST').map((c) => c.body);
  }

  /** Waits until at least `count` posts reached the conversation; returns them, or throws. */
  async waitFor(conversationId: string, count: number, timeoutMs = 15_000): Promise<Array<Record<string, unknown>>> {
    const deadline = performance.now() + timeoutMs;
    while (this.sentTo(conversationId).length < count) {
      if (performance.now() > deadline) throw new Error(`no reply in ${conversationId} within ${seconds(timeoutMs)}`);
      await sleep(20);
    }
    return this.sentTo(conversationId);
  }

  /** Waits until a post to the conversation has text matching `pattern`; returns that text. */
  async waitForText(conversationId: string, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const text = this.sentTo(conversationId).map((a) => String(a.text ?? '')).find((t) => pattern.test(t));
      if (text !== undefined) return text;
      if (performance.now() > deadline) throw new Error(`no post matching ${pattern} in ${conversationId}`);
      await sleep(20);
    }
  }

  /** The id this connector gave the bot's post of `activity`. */
  idOf(activity: Record<string, unknown>): string | undefined {
    return this.calls.find((c) => c.body === activity)?.returnedId;
  }

  /** Every id this connector gave a message the bot posted: the only ids the bot may update. */
  postedIds(): Set<string> {
    return new Set(this.calls.flatMap((c) => (c.returnedId ? [c.returnedId] : [])));
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve) ?? resolve(undefined));
  }
}

// ---------------------------------------------------------------------------------------------------
// HTTP and cards

export interface Posted {
  status: number;
  text: string;
  body: unknown;
  ms: number;
}

export async function postTo(baseUrl: string, body: unknown, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<Posted> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, text, body: parsed, ms: performance.now() - started };
}

export async function getStatus(url: string): Promise<{ status: number; ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(url);
  return { status: response.status, body: await response.text(), ms: performance.now() - started };
}

/** The Adaptive Card of an activity (first attachment), or undefined. */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, any> | undefined {
  const attachments = (activity?.attachments ?? []) as Array<{ contentType: string; content: Record<string, any> }>;
  return attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** Every text a card shows (TextBlocks, TextRuns, facts, button titles), in order. */
export function cardTexts(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') texts.push(o.text);
    if (typeof o.title === 'string' && typeof o.value === 'string') texts.push(`${o.title} ${o.value}`);
    if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') texts.push(o.title);
    for (const value of Object.values(o)) walk(value);
  };
  walk(card);
  return texts;
}

/** The card's actions (Action.Execute and others) for which `test` holds, depth first. */
export function cardActions(card: unknown, test: (action: Record<string, any>) => boolean = () => true): Array<Record<string, any>> {
  if (Array.isArray(card)) return card.flatMap((c) => cardActions(c, test));
  if (!card || typeof card !== 'object') return [];
  const o = card as Record<string, any>;
  const self = typeof o.type === 'string' && o.type.startsWith('Action.') && test(o) ? [o] : [];
  return [...self, ...Object.values(o).flatMap((v) => cardActions(v, test))];
}

/** An HTTP answer for the table: status, and the code and message of a JSON error body. */
export function statusLine(response: Posted): string {
  const body = response.body as { error?: unknown; message?: unknown } | undefined;
  return body && typeof body === 'object' && 'error' in body ? `${response.status} ${String(body.error)}: ${quote(body.message, 80)}` : `${response.status} ${response.text.slice(0, 80)}`;
}

/** What an invoke (a card button) answered: its text, or the first lines of the card it returned. */
export function invokeAnswer(response: Posted): string {
  const value = (response.body as { value?: unknown } | undefined)?.value;
  if (typeof value === 'string') return quote(value, 70);
  if (value && typeof value === 'object') return `a card: ${quote(cardTexts(value).slice(0, 3).join(' / '), 70)}`;
  return `${response.status} ${response.text.slice(0, 60)}`;
}

/** A line of what the bot said, short enough for the table. */
export function quote(text: unknown, max = 90): string {
  const s = String(text ?? '').replace(/\s+/g, ' ');
  return `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;
}

// ---------------------------------------------------------------------------------------------------
// The table

export type Outcome = 'pass' | 'fail' | 'skipped';

export interface Row {
  finding: number;
  tried: string;
  must: string;
  happened: string;
  outcome: Outcome;
  ms: number;
}

export const FINDINGS: Record<number, string> = {
  1: 'One message freezes everyone',
  2: 'A database hiccup kills the process',
  3: 'Local mode can be reached by mistake and by a web page',
  4: 'Personal data slips past the mask',
  5: 'Tenants are not separated',
  6: 'Wrong outcomes',
  7: 'Shutdown and start',
  8: 'Malformed activities; refused authentication',
};

const MARK: Record<Outcome, string> = { pass: '✓', fail: '✗', skipped: '–' };

/** Indented continuation lines, wrapped at about 110 columns. */
function wrap(label: string, text: string, indent: string): string[] {
  const width = 118 - indent.length - label.length;
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => `${indent}${i === 0 ? label : ' '.repeat(label.length)}${l}`);
}

export function renderRows(rows: Row[]): string {
  const out: string[] = [];
  for (const finding of Object.keys(FINDINGS).map(Number)) {
    const mine = rows.filter((r) => r.finding === finding);
    if (mine.length === 0) continue;
    out.push('', `${finding}. ${FINDINGS[finding]}`);
    for (const row of mine) {
      const head = ` ${MARK[row.outcome]} ${(row.outcome === 'skipped' ? '' : seconds(row.ms)).padStart(7)}  `;
      const indent = ' '.repeat(head.length);
      const tried = wrap('', row.tried, indent);
      out.push(`${head}${tried[0]!.slice(indent.length)}`, ...tried.slice(1));
      out.push(...wrap('must: ', row.must, indent));
      out.push(...wrap(row.outcome === 'skipped' ? 'why:  ' : 'was:  ', row.happened, indent));
    }
  }
  return out.join('\n');
}
