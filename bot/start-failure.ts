// A start that cannot store stops with one Dutch line naming the setting to fix — DATABASE_URL or
// DATA_DIR — and exit code 1, not a stack. The line never carries the URL's password.
import type { Config } from './config';
import { storageFailure } from './storage/availability';
import { megabytes, type DataDirProblem } from './storage/data-dir';

export class StartFailure extends Error {
  readonly code = 'START_FAILED';
  override readonly name = 'StartFailure';
}

/** Where DATABASE_URL points, as an operator recognizes it: host:port (and /database), no user or password. */
function databaseAddress(databaseUrl: string, withDatabase: boolean): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return 'ongeldige URL';
  }
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const where = `${host}:${url.port || '5432'}`;
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return withDatabase && database ? `${where}/${database}` : where;
}

export function dataDirStartFailure(dataDir: string, problem: DataDirProblem): StartFailure {
  return new StartFailure(
    problem.kind === 'full'
      ? `Meldwijzer start niet: DATA_DIR is vol (${dataDir}: nog ${megabytes(problem.freeBytes)} vrij, minstens ${megabytes(problem.minFreeBytes)} nodig).`
      : `Meldwijzer start niet: in DATA_DIR kan Meldwijzer niet schrijven (${dataDir}: ${problem.reason}).`,
  );
}

/** `error` from opening or migrating storage at start as a StartFailure naming the setting; other errors unchanged. */
export function asStartFailure(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>, error: unknown): unknown {
  if (error instanceof StartFailure) return error;
  const failure = storageFailure(error);
  if (!failure) return error;
  if (!config.DATABASE_URL) return dataDirStartFailure(config.DATA_DIR, { kind: 'notWritable', reason: failure.reason });
  const where = databaseAddress(config.DATABASE_URL, failure.aboutDatabase);
  return new StartFailure(`Meldwijzer start niet: de database in DATABASE_URL is niet bereikbaar (${where}: ${failure.reason}).`, { cause: error });
}
