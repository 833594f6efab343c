// Lets instances keep what they read in memory although another instance may change it: a write
// publishes "this key changed" and every instance drops its copy. On PostgreSQL that is LISTEN/NOTIFY
// on a connection of its own; while that connection is down no notice can arrive, so nothing may be
// kept (`live` is false and every cache asks the database). On PGlite this process is the only writer
// and a notice only goes to its own caches.
import pg from 'pg';

const CHANNEL = 'meldwijzer_changes';
/** Reconnecting the listener: first after 1 s, doubling to at most 30 s. */
const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;

export interface Change {
  /** What kind of record changed ("gemeente", "meldpunten" …). */
  topic: string;
  key: string;
}

export interface ChangeFeed {
  /** True while a change by any instance is sure to reach `onChange` listeners. */
  readonly live: boolean;
  /** Counts every change and every loss of the feed: a read may be kept only if it did not move meanwhile. */
  readonly generation: number;
  publish(change: Change): Promise<void>;
  /** Called for every change, and with null when the feed was lost or came back: drop everything. */
  onChange(listener: (change: Change | null) => void): void;
  close(): Promise<void>;
}

abstract class Listeners {
  generation = 0;
  private readonly listeners: Array<(change: Change | null) => void> = [];

  onChange(listener: (change: Change | null) => void): void {
    this.listeners.push(listener);
  }

  protected emit(change: Change | null): void {
    this.generation += 1;
    for (const listener of this.listeners) listener(change);
  }
}

/** One process, one database (PGlite): changes are this process's own. */
export class LocalChangeFeed extends Listeners implements ChangeFeed {
  readonly live = true;

  async publish(change: Change): Promise<void> {
    this.emit(change);
  }

  async close(): Promise<void> {}
}

export interface PostgresChangeFeedOptions {
  onError?: (error: Error) => void;
  /** Tests shorten the reconnect delay. */
  reconnectMinMs?: number;
}

/** LISTEN on a connection of its own; NOTIFY through the shared pool. */
export class PostgresChangeFeed extends Listeners implements ChangeFeed {
  private client: pg.Client | null = null;
  private connected = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private delay: number;

  private constructor(
    private readonly connectionString: string,
    private readonly notify: (payload: string) => Promise<unknown>,
    private readonly options: PostgresChangeFeedOptions,
  ) {
    super();
    this.delay = options.reconnectMinMs ?? RECONNECT_MIN_MS;
  }

  /** Starts listening; resolves once the first attempt is done (live or not, it keeps trying). */
  static async open(connectionString: string, notify: (payload: string) => Promise<unknown>, options: PostgresChangeFeedOptions = {}): Promise<PostgresChangeFeed> {
    const feed = new PostgresChangeFeed(connectionString, notify, options);
    await feed.connect();
    return feed;
  }

  get live(): boolean {
    return this.connected;
  }

  /** The listening backend's pid (tests end it to see the feed recover). */
  async backendPid(): Promise<number | null> {
    if (!this.client || !this.connected) return null;
    const rows = await this.client.query<{ pid: number }>('select pg_backend_pid() as pid');
    return rows.rows[0]?.pid ?? null;
  }

  async publish(change: Change): Promise<void> {
    await this.notify(JSON.stringify(change));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: 5_000 });
    this.client = client;
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('verbinding gesloten')));
    client.on('notification', (message) => {
      const change = parseChange(message.payload);
      // A notice we cannot read still says something changed: drop everything rather than guess.
      this.emit(change);
    });
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      if (this.client !== client || this.closed) return;
      this.connected = true;
      this.delay = this.options.reconnectMinMs ?? RECONNECT_MIN_MS;
      // What changed while we were not listening is unknown: caches start empty.
      this.emit(null);
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    const wasConnected = this.connected;
    this.client = null;
    this.connected = false;
    client.end().catch(() => undefined);
    if (wasConnected) this.emit(null);
    if (this.closed) return;
    this.options.onError?.(error);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.delay);
    this.retryTimer.unref();
    this.delay = Math.min(this.delay * 2, RECONNECT_MAX_MS);
  }
}

function parseChange(payload: string | undefined): Change | null {
  try {
    const value = JSON.parse(payload ?? '') as Partial<Change>;
    return typeof value.topic === 'string' && typeof value.key === 'string' ? { topic: value.topic, key: value.key } : null;
  } catch {
    return null;
  }
}

/** The notify statement for the shared pool: `select pg_notify(…)` takes a parameter, NOTIFY does not. */
export const NOTIFY_SQL = `select pg_notify('${CHANNEL}', $1)`;

/** Without a feed on a shared server nothing may be kept: every read asks the database. */
class NoChangeFeed extends Listeners implements ChangeFeed {
  readonly live = false;

  async publish(): Promise<void> {}

  async close(): Promise<void> {}
}

/** What a store uses when it is given no feed: its own on PGlite, none on a shared PostgreSQL. */
export function defaultChangeFeed(sql: { readonly exclusive: boolean }): ChangeFeed {
  return sql.exclusive ? new LocalChangeFeed() : new NoChangeFeed();
}
