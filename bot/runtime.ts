// Builds everything the bot needs, in order: storage (with migrations), content and index, the app.
// Tests build a runtime with their own config, clock and data directory.
import path from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR, openKnowledgeBase, type KnowledgeBase } from '../knowledge/index';
import { createAdapter, createApp } from './app';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import type { BotDeps } from './deps';
import { createLogger, type Logger } from './logger';
import { migrate } from './storage/migrations';
import type { SqlClient } from './storage/sql-client';
import { openStorage } from './open-storage';
import { LocalChangeFeed, NOTIFY_SQL, PostgresChangeFeed, type ChangeFeed } from './storage/change-feed';
import { asStartFailure } from './start-failure';
import { Store } from './storage/store';
import { PlanStore } from './storage/plan-store';
import { loadPlan } from '../plan/load-plan';
import type { Plan } from '../plan/plan';
import type { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { Outbox } from './outbox/outbox';
import { BotFrameworkSender, type ProactiveSender } from './outbox/proactive-sender';
import { MeetingReminders } from './reminders/meeting-reminders';
import { QuarterlyReminders } from './reminders/quarterly-reminders';
import { allDueWork, Scheduler, type DueWork, type SchedulerOptions } from './scheduler';
import { dutchHolidays } from '../time/werkdagen';
import { AgendaStore } from './agenda/agenda-store';
import { AgendaService } from './agenda/agenda-service';
import { Roles } from './roles';
import { CoordinatorStore } from './storage/coordinator-store';
import { ReferenceCache } from './reference-cache';
import { KennisbankDigest } from './kennisbank-digest';
import { Retention } from './retention';
import { GemeenteStore } from './storage/gemeente-store';
import { ExpertStore } from './storage/expert-store';
import { ImprovementStore } from './storage/improvement-store';
import { TenantStore } from './storage/tenant-store';
import { TenantPolicy } from './tenants';

/** The uitvoeringsplan lives beside the content it belongs to. */
const PLANNING_DIR = path.join(DEFAULT_KNOWLEDGE_DIR, 'planning');

export interface Runtime {
  deps: BotDeps;
  app: Application;
  adapter: TeamsAdapter;
  outbox: Outbox;
  /** Quarterly milestone reminders, then meeting reminders (with carry-over): what the scheduler queues each tick. */
  reminders: DueWork;
  digest: KennisbankDigest;
  retention: Retention;
  /** Starts pg-boss and the outbox loop (npm start does; tests drive reminders with their own clock). */
  startScheduler(options?: Pick<SchedulerOptions, 'pollingIntervalSeconds' | 'outboxPollMs'>): Promise<Scheduler>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  logger?: Logger;
  kb?: KnowledgeBase;
  plan?: Plan;
  /** A PostgreSQL schema of its own (tests on a shared database). */
  schema?: string;
  /** Replaces the Bot Framework sender for proactive messages (benchmarks). */
  sender?: ProactiveSender;
  random?: () => number;
  /** A PGlite dump to start from instead of an empty database (tests: a migrated template). */
  pgliteDump?: Blob;
  /**
   * A database opened (or opening) elsewhere, used instead of opening one: npm start opens it before it
   * loads the bot, tests reuse an in-memory PGlite. Closed with the runtime.
   */
  sql?: SqlClient | Promise<SqlClient>;
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  // Content and plan load while the database opens and migrates: neither needs the other.
  const knowledge = Promise.all([options.kb ?? openKnowledge(logger), options.plan ?? loadPlan(PLANNING_DIR)]);
  knowledge.catch(() => undefined); // awaited below; a failing database must not leave it unhandled
  const sql = await (options.sql ?? openStorage(config, { schema: options.schema, loadDataDir: options.pgliteDump }));
  try {
    const applied = await migrate(sql).catch((error: unknown) => {
      throw asStartFailure(config, error);
    });
    if (applied.length > 0) logger.info({ event: 'migrated', versions: applied }, 'database schema updated');
    const [kb, plan] = await knowledge;
    const calendar = dutchHolidays();
    const tenants = new TenantPolicy(new TenantStore(sql, clock), config, logger);
    const agenda = new AgendaService(new AgendaStore(sql, clock), clock, calendar);
    const references = new ReferenceCache({ now: () => clock.now().getTime() });
    const changes = await openChangeFeed(config, sql, logger);
    const planStore = new PlanStore(sql, clock);
    const gemeenten = new GemeenteStore(sql, clock, changes);
    const roles = new Roles({ config, coordinators: new CoordinatorStore(sql, clock, changes), tenants, gemeenten, planStore, agendaStore: agenda.store });
    const deps: BotDeps = {
      config,
      kb,
      plan,
      store: new Store(sql, clock, changes),
      planStore,
      agenda,
      roles,
      clock,
      logger,
      references,
      gemeenten,
      improvement: new ImprovementStore(sql, clock, logger),
      experts: new ExpertStore(sql, clock, changes),
      tenants,
    };
    // A second adapter: teams-ai installs its error handler on the app's adapter, which would swallow
    // the send failures the outbox needs to see.
    const sender = options.sender ?? new BotFrameworkSender(createAdapter(config), config.MicrosoftAppId ?? '', () => clock.now().getTime());
    const outbox = new Outbox(sql, sender, clock, logger, options.random, (conversationId) => references.forget(conversationId));
    const reminders = allDueWork([new QuarterlyReminders(deps, outbox, calendar), new MeetingReminders(deps, outbox)]);
    const digest = new KennisbankDigest(deps, outbox, calendar);
    const retention = new Retention(deps.improvement, clock, config.RETENTION_DAYS, logger);
    const adapter = createAdapter(config);
    const app = createApp(deps, adapter, { digest });
    let scheduler: Scheduler | undefined;
    return {
      deps,
      app,
      adapter,
      outbox,
      reminders,
      digest,
      retention,
      async startScheduler(schedulerOptions = {}) {
        scheduler = new Scheduler([reminders, digest], outbox, retention, logger);
        await scheduler.start({ databaseUrl: config.DATABASE_URL, sql, schema: options.schema ? `${options.schema}_boss` : undefined, ...schedulerOptions });
        return scheduler;
      },
      async close() {
        await scheduler?.stop();
        // Also without a scheduler (tests, benchmarks): no send may still be running when the database closes.
        await outbox.stop();
        await deps.improvement.close().catch((error: Error) => logger.warn({ event: 'question-log-lost', err: { message: error.message } }, 'question counts not written at close'));
        await changes.close();
        await sql.close();
      },
    };
  } catch (error) {
    await sql.close();
    throw error;
  }
}

/** The prebuilt knowledge base when it matches the content (npm run build), otherwise built now. */
async function openKnowledge(logger: Logger): Promise<KnowledgeBase> {
  const { kb, source } = await openKnowledgeBase();
  if (source === 'built') logger.info({ event: 'knowledge-built', items: kb.items.length }, 'kennisbank opgebouwd uit de inhoud (dist/knowledge.json ontbrak of was verouderd)');
  return kb;
}

/**
 * How instances learn that another one changed a row they keep in memory: LISTEN/NOTIFY on PostgreSQL
 * (a connection of its own; while it is down nothing is kept), this process alone on PGlite.
 */
async function openChangeFeed(config: Config, sql: SqlClient, logger: Logger): Promise<ChangeFeed> {
  if (!config.DATABASE_URL) return new LocalChangeFeed();
  return PostgresChangeFeed.open(config.DATABASE_URL, (payload) => sql.query(NOTIFY_SQL, [payload]), {
    onError: (error) => logger.warn({ event: 'change-feed-lost', err: { message: error.message } }, 'change feed lost: rows are read from the database until it is back'),
  });
}
