// When storage is away — a lost or refused connection, a database that is gone, a full disk — the bot
// lives on: what needs storage says so in one Dutch sentence (mapped once, in the app's error
// handler), what can do without it (a knowledge answer) goes on without it, and both recover by
// themselves when storage returns. The SQL client turns such failures into StorageUnavailableError.
import type { Logger } from '../logger';

/** What a user reads is ERRORS.STORAGE_UNAVAILABLE (bot/errors.ts), said by the app's error handler. */
export class StorageUnavailableError extends Error {
  readonly code = 'STORAGE_UNAVAILABLE';
  override readonly name = 'StorageUnavailableError';

  constructor(
    /** Short, in Dutch, without anything from the connection string: "verbinding geweigerd", "schijf vol". */
    readonly reason: string,
    /** Whether the reason is about the database itself (its name) rather than the server reaching it. */
    readonly aboutDatabase: boolean,
    options?: { cause?: unknown },
  ) {
    super(`opslag niet beschikbaar: ${reason}`, options);
  }
}

type Failure = { code?: unknown; errno?: unknown; message?: unknown; name?: unknown; constructor?: { name?: string } };

// SQLSTATEs and socket errors that say "storage is away", not "this statement is wrong".
const BY_CODE: Record<string, { reason: string; aboutDatabase?: boolean }> = {
  ECONNREFUSED: { reason: 'verbinding geweigerd' },
  ECONNRESET: { reason: 'verbinding verbroken' },
  EPIPE: { reason: 'verbinding verbroken' },
  ETIMEDOUT: { reason: 'geen antwoord' },
  ENOTFOUND: { reason: 'onbekende host' },
  EAI_AGAIN: { reason: 'onbekende host' },
  EHOSTUNREACH: { reason: 'host onbereikbaar' },
  ENETUNREACH: { reason: 'netwerk onbereikbaar' },
  ENOSPC: { reason: 'schijf vol' },
  EROFS: { reason: 'alleen-lezen bestandssysteem' },
  '57P01': { reason: 'verbinding verbroken door de server' },
  '57P02': { reason: 'verbinding verbroken door de server' },
  '57P03': { reason: 'server start nog of stopt' },
  '3D000': { reason: 'database bestaat niet', aboutDatabase: true },
  '28P01': { reason: 'inloggen geweigerd (gebruiker of wachtwoord)', aboutDatabase: true },
  '28000': { reason: 'inloggen geweigerd', aboutDatabase: true },
  '53300': { reason: 'te veel verbindingen' },
  '53100': { reason: 'schijf vol' },
};

// Failures node-postgres and PGlite report by message only.
const BY_MESSAGE: Array<[RegExp, string, boolean?]> = [
  [/not currently accepting connections/i, 'database neemt geen verbindingen aan', true],
  [/timeout exceeded when trying to connect|connection timeout/i, 'geen antwoord'],
  [/Connection terminated|connection error and is not queryable|Client was closed/i, 'verbinding verbroken'],
  [/Cannot use a pool after calling end|PGlite is clos(ed|ing)/i, 'opslag gesloten'],
];

// Emscripten's errno numbers, as PGlite's file system throws them (ErrnoError { errno }).
const EMSCRIPTEN_ERRNO: Record<number, string> = { 51: 'schijf vol', 69: 'alleen-lezen bestandssysteem', 2: 'geen schrijfrechten', 54: 'geen map' };

/** The reason storage is away, or null when `error` is about something else (a bad statement, a bug). */
export function storageFailure(error: unknown): { reason: string; aboutDatabase: boolean } | null {
  if (error instanceof StorageUnavailableError) return { reason: error.reason, aboutDatabase: error.aboutDatabase };
  if (!error || typeof error !== 'object') return null;
  const failure = error as Failure;
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  if (code && BY_CODE[code]) return { reason: BY_CODE[code].reason, aboutDatabase: BY_CODE[code].aboutDatabase ?? false };
  if (code?.startsWith('08')) return { reason: 'verbinding mislukt', aboutDatabase: false };
  const message = typeof failure.message === 'string' ? failure.message : '';
  for (const [pattern, reason, aboutDatabase] of BY_MESSAGE) if (pattern.test(message)) return { reason, aboutDatabase: aboutDatabase ?? false };
  if (failure.constructor?.name === 'ErrnoError' && typeof failure.errno === 'number') {
    return { reason: EMSCRIPTEN_ERRNO[failure.errno] ?? `bestandsfout ${failure.errno}`, aboutDatabase: false };
  }
  // A socket error wrapped by a pool (AggregateError from a dual-stack connect, `cause`).
  const inner = (error as { errors?: unknown[]; cause?: unknown }).errors?.[0] ?? (error as { cause?: unknown }).cause;
  return inner && inner !== error ? storageFailure(inner) : null;
}

export function isStorageUnavailable(error: unknown): boolean {
  return storageFailure(error) !== null;
}

/** `error` as a StorageUnavailableError when storage is away; any other error unchanged. */
export function asStorageError(error: unknown): unknown {
  if (error instanceof StorageUnavailableError) return error;
  const failure = storageFailure(error);
  return failure ? new StorageUnavailableError(failure.reason, failure.aboutDatabase, { cause: error }) : error;
}

/** How long a knowledge answer waits for a storage step it can do without (a hanging connect). */
const OPTIONAL_STORAGE_WAIT_MS = 1_000;

/**
 * A storage step an answer can do without (the asker's gemeente, logging an unanswered question):
 * when storage is away or does not answer within `waitMs`, the answer goes on with `fallback` and
 * one log line names the step — never what was asked. Any other error is thrown as usual.
 */
export async function withoutStorageIfAway<T>(logger: Pick<Logger, 'warn'>, step: string, work: () => Promise<T>, fallback: T, waitMs = OPTIONAL_STORAGE_WAIT_MS): Promise<T> {
  const running = work();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), waitMs);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([running, late]);
    if (outcome !== 'late') return outcome as T;
    // Still running: it may finish later (a write then lands after all); its failure is only logged.
    running.catch((error: unknown) => logSkipped(logger, step, error));
    logger.warn({ event: 'storage-step-skipped', step, reason: 'geen antwoord' }, 'storage did not answer in time; answered without it');
    return fallback;
  } catch (error) {
    if (!isStorageUnavailable(error)) throw error;
    logSkipped(logger, step, error);
    return fallback;
  } finally {
    clearTimeout(timer);
  }
}

function logSkipped(logger: Pick<Logger, 'warn'>, step: string, error: unknown): void {
  const failure = storageFailure(error);
  logger.warn({ event: 'storage-step-skipped', step, reason: failure?.reason ?? 'fout' }, 'storage away; answered without it');
}
