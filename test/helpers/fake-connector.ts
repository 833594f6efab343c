// A local stand-in for the Bot Framework connector: the bot posts its replies to the activity's
// serviceUrl, and this server records them. It can also be told to answer with an error status.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
  status: number;
}

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server?: http.Server;
  private waiters: Array<() => void> = [];
  /** Status to answer per conversation (default 200). */
  readonly statusFor = new Map<string, number>();
  /** Milliseconds to wait before answering, to keep a turn in flight. */
  delayMs = 0;
  private readonly queued = new Map<string, number[]>();
  /** Members the connector knows (GET …/members/{id}), keyed by Teams user id (29:…). */
  readonly members = new Map<string, { id: string; name?: string; aadObjectId?: string }>();
  /** 1:1 conversations the bot created (POST /v3/conversations), in order. */
  readonly createdConversations: Array<Record<string, unknown>> = [];
  /** Requests that arrived, counted before `delayMs` holds them (a reply in flight). */
  private arrived = 0;
  private arrivalWaiters: Array<() => void> = [];

  /** The next requests to this conversation get these statuses, in order; then 200 again. */
  failNext(conversationId: string, statuses: number[]): void {
    this.queued.set(conversationId, [...(this.queued.get(conversationId) ?? []), ...statuses]);
  }

  /** Activities the bot delivered successfully to a conversation. */
  deliveredTo(conversationId: string): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.conversationId === conversationId && c.method === 'POST' && c.status < 300).map((c) => c.body);
  }

  get serviceUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        this.arrived++;
        for (const wake of this.arrivalWaiters.splice(0)) wake();
        if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        const path = req.url ?? '';
        const conversationId = decodeURIComponent(/\/v3\/conversations\/([^/]+)/.exec(path)?.[1] ?? '');
        const text = Buffer.concat(chunks).toString('utf8');
        const member = /\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(path);
        if (req.method === 'GET' && member) {
          const known = this.members.get(decodeURIComponent(member[1]!));
          res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
          res.end(JSON.stringify(known ?? { error: { code: 'MemberNotFoundInConversation', message: 'fake' } }));
          return;
        }
        if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) {
          // Teams answers a 1:1 conversation for the bot and one member, the same id every time.
          const body = (text ? JSON.parse(text) : {}) as { members?: Array<{ id: string }> };
          this.createdConversations.push(body);
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `a:personal-${body.members?.[0]?.id ?? 'onbekend'}` }));
          for (const wake of this.waiters.splice(0)) wake();
          return;
        }
        const status = this.queued.get(conversationId)?.shift() ?? this.statusFor.get(conversationId) ?? 200;
        this.calls.push({
          method: req.method ?? '',
          path,
          conversationId,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          authorization: req.headers.authorization,
          status,
        });
        // restify patches http.ServerResponse in this process: writeHead and end separately.
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status < 300 ? { id: `reply-${this.calls.length}` } : { error: { code: 'Error', message: 'fake' } }));
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Activities the bot sent to a conversation. */
  sentTo(conversationId: string): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.conversationId === conversationId && c.method === 'POST').map((c) => c.body);
  }

  /** Waits until at least `count` activities went to the conversation (bounded, no fixed sleeps). */
  async waitFor(conversationId: string, count: number, timeoutMs = 5000): Promise<Array<Record<string, unknown>>> {
    const deadline = Date.now() + timeoutMs;
    while (this.sentTo(conversationId).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} activities to ${conversationId}, got ${this.sentTo(conversationId).length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.sentTo(conversationId);
  }

  /** Waits until `count` requests arrived, also those `delayMs` still holds. */
  async waitForArrivals(count: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.arrived < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} requests at the connector, got ${this.arrived}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.arrivalWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  clear(): void {
    this.calls.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
