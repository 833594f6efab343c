// Time-driven work at the edge: a pg-boss cron schedule (Europe/Amsterdam) checks for due reminders
// and digests every five minutes, in whichever instance picks up the job; a daily job applies the
// retention period; an outbox loop delivers what is due.
// pg-boss runs on the same database: PGlite through its executeSql hook, or the PostgreSQL server.
import PgBoss from 'pg-boss';
import type { Logger } from './logger';
import type { Outbox } from './outbox/outbox';
import type { Retention } from './retention';
import type { SqlClient } from './storage/sql-client';
import { storageFailure } from './storage/availability';
import { TIME_ZONE } from '../time/amsterdam-time';

export const REMINDER_QUEUE = 'meldwijzer-herinneringen';
export const REMINDER_CRON = '*/5 * * * *';
export const RETENTION_QUEUE = 'meldwijzer-bewaartermijn';
export const RETENTION_CRON = '30 3 * * *';

/** Something that queues what is due now into the outbox (reminders, the weekly digest). */
export interface DueWork {
  queueDue(): Promise<number>;
}

/** Several kinds of due work as one: run in order; the count is what they queued together. */
export function allDueWork(works: DueWork[]): DueWork {
  return {
    async queueDue() {
      let queued = 0;
      for (const work of works) queued += await work.queueDue();
      return queued;
    },
  };
}
const OUTBOX_POLL_MS = 1_000;
/** The soonest a delivery runs again after one ended (a row due "now" that stays due must not spin). */
const OUTBOX_MIN_GAP_MS = 20;
const OUTAGE_LOG_EVERY_MS = 60_000;

export interface SchedulerOptions {
  databaseUrl?: string;
  sql: SqlClient;
  schema?: string;
  /** How often a worker asks pg-boss for a job; pg-boss's 2 s unless a test needs less. */
  pollingIntervalSeconds?: number;
  /** How often the outbox is looked at besides the runs its own due times start (1 s; a test sets more). */
  outboxPollMs?: number;
}

/** pg-boss's database hook over our SQL client (PGlite needs multi-statement SQL sent with exec). */
function executeSqlOver(sql: SqlClient) {
  return async (text: string, values?: unknown[]) => {
    if (values && values.length > 0) return { rows: await sql.query(text, values) };
    try {
      return { rows: await sql.query(text) };
    } catch (error) {
      if (!/multiple commands/i.test((error as Error).message)) throw error;
      await sql.exec(text);
      return { rows: [] };
    }
  };
}

export class Scheduler {
  private boss?: PgBoss;
  private timer?: NodeJS.Timeout;
  private soon?: NodeJS.Timeout;
  private outboxPollMs = OUTBOX_POLL_MS;
  private running = false;
  private started = false;
  private catchingUp: Promise<void> = Promise.resolve();
  private outage: { since: number | null; lastLogged: Map<string, number>; suppressed: number } = { since: null, lastLogged: new Map(), suppressed: 0 };

  constructor(
    private readonly due: DueWork[],
    private readonly outbox: Outbox,
    private readonly retention: Retention,
    private readonly logger: Logger,
  ) {}

  async start(options: SchedulerOptions): Promise<void> {
    const schema = options.schema ?? 'pgboss';
    this.boss = options.databaseUrl
      ? new PgBoss({ connectionString: options.databaseUrl, schema })
      : new PgBoss({ db: { executeSql: executeSqlOver(options.sql) }, schema, supervise: true, schedule: true });
    this.boss.on('error', (error) => this.logFailure('scheduler-error', 'scheduler error', error));
    await this.boss.start();
    await this.boss.createQueue(REMINDER_QUEUE);
    await this.boss.schedule(REMINDER_QUEUE, REMINDER_CRON, {}, { tz: TIME_ZONE });
    const polling = options.pollingIntervalSeconds === undefined ? {} : { pollingIntervalSeconds: options.pollingIntervalSeconds };
    await this.boss.work(REMINDER_QUEUE, polling, async () => {
      await this.runOnce();
    });
    await this.boss.createQueue(RETENTION_QUEUE);
    await this.boss.schedule(RETENTION_QUEUE, RETENTION_CRON, {}, { tz: TIME_ZONE });
    await this.boss.work(RETENTION_QUEUE, polling, async () => {
      await this.retention.run();
    });
    this.outboxPollMs = options.outboxPollMs ?? OUTBOX_POLL_MS;
    // Catch up at start: a reminder missed while the bot was down goes out now, within its window. In
    // the background: a hundred reminders sent at Teams' pace must not hold back readiness.
    this.catchingUp = this.runOnce().catch((error: Error) =>
      this.logger.error({ event: 'catch-up-failed', err: { message: error.message } }, 'reminder catch-up at start failed'),
    );
    this.timer = setInterval(() => void this.deliver(), this.outboxPollMs);
    this.timer.unref();
    this.started = true;
  }

  /** The start-up catch-up (tests wait for it). */
  caughtUp(): Promise<void> {
    return this.catchingUp;
  }

  /** Queue what is due and deliver it. */
  async runOnce(): Promise<void> {
    for (const work of this.due) await work.queueDue();
    await this.deliver();
  }

  private async deliver(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.outbox.deliverDue();
      this.deliverAgainWhenDue(await this.outbox.msUntilNextDue());
      if (this.outage.since !== null) {
        this.logger.info({ event: 'storage-back', awayMs: Date.now() - this.outage.since }, 'database answers again: delivering and scheduling go on');
        this.outage = { since: null, lastLogged: new Map(), suppressed: 0 };
      }
    } catch (error) {
      this.logFailure('outbox-error', 'outbox delivery failed', error);
    } finally {
      this.running = false;
    }
  }

  /**
   * Messages held back by the rate limits (the tenant's second is full) are due again within
   * milliseconds: a fan-out goes on then, not at the next poll. With only the poll, a tenant's 30 a
   * second became 30 every two seconds (the window frees 1,020 ms after its first send, just after
   * the next tick).
   */
  private deliverAgainWhenDue(ms: number | null): void {
    if (ms === null || ms >= this.outboxPollMs || !this.started) return;
    clearTimeout(this.soon);
    this.soon = setTimeout(() => void this.deliver(), Math.max(OUTBOX_MIN_GAP_MS, ms));
    this.soon.unref();
  }

  /**
   * While the database is away the loops fail every second or two: the first failure of each kind is
   * logged, then at most one line a minute (with how many were left out), and one line when it is back.
   */
  private logFailure(event: string, message: string, error: unknown): void {
    const failure = storageFailure(error);
    if (!failure) {
      this.logger.error({ event, err: { message: (error as Error).message } }, message);
      return;
    }
    const now = Date.now();
    this.outage.since ??= now;
    const last = this.outage.lastLogged.get(event);
    if (last !== undefined && now - last < OUTAGE_LOG_EVERY_MS) {
      this.outage.suppressed++;
      return;
    }
    this.outage.lastLogged.set(event, now);
    this.logger.warn({ event, reason: failure.reason, suppressed: this.outage.suppressed }, `${message}: database away`);
    this.outage.suppressed = 0;
  }

  /** Stops the loops; a delivery in progress is recorded (or its rows given back) before this resolves. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    clearTimeout(this.soon);
    await this.outbox.stop();
    await this.catchingUp;
    await this.boss?.stop({ graceful: true, wait: true });
  }

  /** Started and not stopped (for /readyz). */
  get isRunning(): boolean {
    return this.started;
  }

  get pgBoss(): PgBoss | undefined {
    return this.boss;
  }
}
