// Outages are weather, not death: a database that drops its connections or goes away never ends the
// process; while it is away /readyz says so, questions are still answered from memory and what needs
// storage says "kan dit nu niet opslaan"; when it returns everything works again without a restart.
// A start that cannot store stops with one Dutch line naming the setting (as a process: npm-start.test.ts). The PostgreSQL parts run on
// a database the test creates (and drops) itself — never touching the shared server or other databases.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageUnavailableError, isStorageUnavailable } from '../../bot/storage/availability';
import { ERRORS } from '../../bot/errors';
import { dataDirProblem, dataDirReadiness, MIN_FREE_BYTES } from '../../bot/storage/data-dir';
import { openPostgres } from '../../bot/storage/sql-client';
import { asStartFailure, dataDirStartFailure, StartFailure } from '../../bot/start-failure';
import { loadConfig } from '../../bot/config';
import { BOB, cardAction, searchQuery } from '../helpers/activities';
import { ask, cardOf, cardTexts, startBot, type BotHarness } from '../helpers/bot-harness';
import { dropTestDatabase, onTestServer, TEST_DATABASE_URL, terminateBackendsOf } from '../helpers/databases';
import { until } from '../helpers/until';

const QUESTION = 'waar meld ik een vermoeden van huiselijk geweld';
const NO_ANSWER_QUESTION = 'hoe laat opent de kantine op vrijdag Zwartewaal';

const admin = onTestServer;

const readyStatus = async (bot: BotHarness) => (await fetch(`${bot.url}/readyz`)).status;

describe.runIf(TEST_DATABASE_URL)('a PostgreSQL database that drops connections and goes away', () => {
  const database = `meldwijzer_outage_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const databaseUrl = () => {
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const logLines: string[] = [];
  let bot: BotHarness;

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${database}`));
    bot = await startBot({ env: { DATABASE_URL: databaseUrl() }, logLines });
    // pg-boss's own pool and the outbox loop run too: their lost connections must not end the process either.
    await bot.runtime.startScheduler();
  }, 60_000);

  afterAll(async () => {
    await bot?.destroy().catch(() => undefined);
    await dropTestDatabase(database);
  });

  it('lives through terminated backends: the next turns open new connections and store as before', async () => {
    expect(await readyStatus(bot)).toBe(200);
    expect((await ask(bot, 'gemeente Baarn')).text).toContain('Je gemeente is nu Baarn');

    for (let round = 0; round < 3; round++) {
      await terminateBackendsOf(database);
      await new Promise((r) => setTimeout(r, 300));
    }

    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(await until(async () => (await readyStatus(bot)) === 200)).toBe(true);
    expect((await ask(bot, 'gemeente Eemnes')).text).toContain('Je gemeente is nu Eemnes');
  }, 30_000);

  it('loses a transaction whose connection the server drops, not the process', async () => {
    const sql = await openPostgres(databaseUrl());
    try {
      let inTransaction!: () => void;
      const begun = new Promise<void>((resolve) => (inTransaction = resolve));
      let terminated!: () => void;
      const afterTermination = new Promise<void>((resolve) => (terminated = resolve));
      const transaction = sql.transaction(async (tx) => {
        await tx.query('select 1');
        inTransaction();
        await afterTermination; // the connection is checked out and idle while the server drops it
        return tx.query('select 2');
      });
      await begun;
      await terminateBackendsOf(database);
      terminated();
      await expect(transaction).rejects.toBeInstanceOf(StorageUnavailableError);
      expect(await sql.query<{ n: number }>('select 3 as n')).toEqual([{ n: 3 }]);
    } finally {
      await sql.close();
    }
  }, 30_000);

  it('while the database is away: /readyz 503, questions answered from memory, storing says so; then it recovers by itself', async () => {
    await admin((c) => c.query(`alter database ${database} with allow_connections false`));
    await terminateBackendsOf(database);
    const linesBefore = logLines.length;

    expect(await until(async () => (await readyStatus(bot)) === 503)).toBe(true);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200); // alive, just not ready

    // A knowledge answer needs no database: the route card comes, for a new conversation too.
    const answer = await ask(bot, QUESTION, BOB);
    expect(cardTexts(cardOf(answer)).join(' ')).toMatch(/huiselijk geweld/i);
    // Without an answer: the no-answer card still comes; only the coordinators' queue misses it.
    const noAnswer = cardOf(await ask(bot, NO_ANSWER_QUESTION));
    expect(cardTexts(noAnswer).join(' ')).toMatch(/Bedoelde je|112/);
    // And from the compose box (zoek).
    const search = await bot.post(searchQuery(bot.connector.serviceUrl, 'zoek', 'agressieve klant'));
    expect((search.body as { composeExtension: { type: string; attachments: unknown[] } }).composeExtension).toMatchObject({ type: 'result' });
    expect((search.body as { composeExtension: { attachments: unknown[] } }).composeExtension.attachments.length).toBeGreaterThan(0);

    // What needs the database says so, in one sentence — in the chat and on a card button alike.
    expect((await ask(bot, 'gemeente Eemnes')).text).toBe(ERRORS.STORAGE_UNAVAILABLE.text);
    const feedback = await bot.post(cardAction(bot.connector.serviceUrl, 'feedback', { itemId: 'meldroutes/huiselijk-geweld', useful: true }));
    expect(feedback.status).toBe(200);
    expect(feedback.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: ERRORS.STORAGE_UNAVAILABLE.text });

    // The counts of those questions cannot be written now: kept in memory, said once in the log.
    expect(await until(async () => logLines.slice(linesBefore).some((line) => line.includes('"event":"question-log-buffered"')))).toBe(true);

    // The log says which step was skipped and why — never what anyone asked.
    const logged = logLines.slice(linesBefore).join('\n');
    expect(logged).toContain('"event":"storage-step-skipped"');
    expect(logged).toContain('"step":"unanswered-queue"');
    expect(logged).toContain('"event":"storage-unavailable"');
    expect(logged).not.toMatch(/kantine|Zwartewaal|huiselijk geweld/);

    await admin((c) => c.query(`alter database ${database} with allow_connections true`));
    expect(await until(async () => (await readyStatus(bot)) === 200)).toBe(true);
    expect((await ask(bot, 'gemeente Eemnes')).text).toContain('Je gemeente is nu Eemnes');
    const stored = await bot.post(cardAction(bot.connector.serviceUrl, 'feedback', { itemId: 'meldroutes/huiselijk-geweld', useful: true }));
    expect(JSON.stringify(stored.body)).toContain('Bedankt voor je feedback.');
    // The counts of the questions answered while it was away were kept, and land by themselves.
    const counted = async () => (await bot.runtime.deps.store.sql.query<{ n: number }>('select count(*)::int as n from question_log'))[0]!.n;
    expect(await until(async () => (await counted()) >= 2)).toBe(true);
  }, 60_000);
});

describe('a full disk under DATA_DIR (PGlite)', () => {
  const fullDisk = async () => ({ bavail: 10, bsize: 4096 }); // 40 KB left

  it('turns /readyz 503 with the disk named, while /healthz and answers go on', async () => {
    let statfsCalls = 0;
    const bot = await startBot({
      edge: {
        dataDirWritable: dataDirReadiness(os.tmpdir(), {
          statfs: async () => {
            statfsCalls++;
            return fullDisk();
          },
        }),
      },
    });
    try {
      const ready = await fetch(`${bot.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'not-ready', checks: { database: true, disk: false } });
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      // Asked again within a few seconds, the file system is not asked again: /readyz stays cheap.
      await fetch(`${bot.url}/readyz`);
      expect(statfsCalls).toBe(1);
      expect(cardOf(await ask(bot, QUESTION))).toBeTruthy();
    } finally {
      await bot.destroy();
    }
  });

  it('counts a folder as full below the threshold, and asks again once the cache is old', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-disk-'));
    try {
      expect(await dataDirProblem(dir, { writeProbe: true })).toBeNull();
      expect(await dataDirProblem(dir, { statfs: fullDisk })).toEqual({ kind: 'full', freeBytes: 40_960, minFreeBytes: MIN_FREE_BYTES });
      expect(await dataDirProblem(dir, { minFreeBytes: Number.MAX_SAFE_INTEGER })).toMatchObject({ kind: 'full' });

      let now = 0;
      let free = 10;
      const ready = dataDirReadiness(dir, { statfs: async () => ({ bavail: free, bsize: 4096 }), now: () => now, cacheMs: 5_000 });
      expect(await ready()).toBe(false);
      free = 1_000_000; // space freed
      now = 4_999;
      expect(await ready()).toBe(false); // still the cached answer
      now = 5_000;
      expect(await ready()).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('what counts as storage being away', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' })],
    ['a terminated backend', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a dropped database', Object.assign(new Error('database "x" does not exist'), { code: '3D000' })],
    ['a database closed to connections', Object.assign(new Error('database "x" is not currently accepting connections'), { code: '55000' })],
    ['a full disk', Object.assign(new Error('could not extend file'), { code: '53100' })],
    ['a lost socket', new Error('Connection terminated unexpectedly')],
  ])('%s', (_name, error) => {
    expect(isStorageUnavailable(error)).toBe(true);
  });

  it.each([
    ['a duplicate key', Object.assign(new Error('duplicate key value'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' })],
    ['another kind of object state', Object.assign(new Error('cannot drop the currently open database'), { code: '55000' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('not %s', (_name, error) => {
    expect(isStorageUnavailable(error)).toBe(false);
  });
});

describe('a start that cannot store', () => {
  const config = { DATABASE_URL: 'postgres://meldwijzer:geheim-wachtwoord@db.example:6543/meldwijzer', DATA_DIR: './data' };

  it.each([
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), '(db.example:6543: verbinding geweigerd)'],
    [Object.assign(new Error('getaddrinfo ENOTFOUND db.example'), { code: 'ENOTFOUND' }), '(db.example:6543: onbekende host)'],
    [new Error('timeout exceeded when trying to connect'), '(db.example:6543: geen antwoord)'],
    [Object.assign(new Error('database "meldwijzer" does not exist'), { code: '3D000' }), '(db.example:6543/meldwijzer: database bestaat niet)'],
    [Object.assign(new Error('password authentication failed for user "meldwijzer"'), { code: '28P01' }), '(db.example:6543/meldwijzer: inloggen geweigerd (gebruiker of wachtwoord))'],
  ])('names DATABASE_URL and where it points, never the password (%s)', (error, where) => {
    const failure = asStartFailure(config, error);
    expect(failure).toBeInstanceOf(StartFailure);
    expect((failure as Error).message).toBe(`Meldwijzer start niet: de database in DATABASE_URL is niet bereikbaar ${where}.`);
  });

  it('names DATA_DIR when its disk is full, with what is left and what is needed', () => {
    const failure = dataDirStartFailure('/srv/meldwijzer', { kind: 'full', freeBytes: 10 * 1024 * 1024, minFreeBytes: MIN_FREE_BYTES });
    expect(failure.message).toBe('Meldwijzer start niet: DATA_DIR is vol (/srv/meldwijzer: nog 10 MB vrij, minstens 64 MB nodig).');
  });

  it('refuses a DATABASE_URL that is no URL before trying it, without repeating it', () => {
    for (const url of ['postgres://meldwijzer:geheim-wachtwoord@db.example:poort/meldwijzer', 'postgres://meldwijzer:geheim-wachtwoord@db.example:99999/meldwijzer']) {
      let message = '';
      try {
        loadConfig({ DATABASE_URL: url });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^Ongeldige configuratie — DATABASE_URL: geen geldige URL/);
      expect(message).not.toContain('geheim-wachtwoord');
    }
  });

  it('leaves other failures (a bug) as they are', () => {
    const bug = new TypeError('x is undefined');
    expect(asStartFailure(config, bug)).toBe(bug);
  });
});
