// DATA_DIR holds PGlite's files. At start it must be a folder Meldwijzer can write, with room to spare;
// while running, /readyz checks that it still is: on a full disk every write fails while reads and
// /healthz go on, so only this check tells an orchestrator.
import { constants } from 'node:fs';
import { access, mkdir, rm, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Below this much free space DATA_DIR counts as full: PGlite needs room for its WAL and checkpoints. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;
/** /readyz may be asked every second; the file system is asked at most this often. */
export const DATA_DIR_CHECK_CACHE_MS = 5_000;

export type DataDirProblem = { kind: 'notWritable'; reason: string } | { kind: 'full'; freeBytes: number; minFreeBytes: number };

export interface DataDirCheckOptions {
  /** Free space of the file system holding the folder (fs.promises.statfs; tests stand in a full disk). */
  statfs?: (dir: string) => Promise<{ bavail: number; bsize: number }>;
  minFreeBytes?: number;
}

const FS_REASONS: Record<string, string> = {
  EEXIST: 'dit is een bestand, geen map',
  ENOTDIR: 'een deel van het pad is een bestand, geen map',
  EACCES: 'geen schrijfrechten',
  EPERM: 'geen schrijfrechten',
  EROFS: 'alleen-lezen bestandssysteem',
  ENOSPC: 'schijf vol',
  ENOENT: 'pad bestaat niet',
  ELOOP: 'te veel symbolische links',
};

/** A file-system error in a few Dutch words (never more than its code otherwise). */
function fsReason(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? (FS_REASONS[code] ?? code) : 'onbekende fout';
}

/**
 * What keeps Meldwijzer from storing in `dir`, or null when it can. `writeProbe` (at start) creates the
 * folder and writes and removes a file; without it (readiness) only write access and free space are asked.
 */
export async function dataDirProblem(dir: string, options: DataDirCheckOptions & { writeProbe?: boolean } = {}): Promise<DataDirProblem | null> {
  const minFreeBytes = options.minFreeBytes ?? MIN_FREE_BYTES;
  try {
    if (options.writeProbe) {
      await mkdir(dir, { recursive: true });
      const probe = path.join(dir, `.schrijftest-${process.pid}`);
      await writeFile(probe, 'meldwijzer');
      await rm(probe, { force: true });
    } else {
      await access(dir, constants.W_OK);
    }
  } catch (error) {
    return { kind: 'notWritable', reason: fsReason(error) };
  }
  const { bavail, bsize } = await (options.statfs ?? statfs)(dir);
  const freeBytes = Number(bavail) * Number(bsize);
  return freeBytes < minFreeBytes ? { kind: 'full', freeBytes, minFreeBytes } : null;
}

/** For /readyz: whether DATA_DIR can take writes, asked at most once per `cacheMs`. */
export function dataDirReadiness(dir: string, options: DataDirCheckOptions & { cacheMs?: number; now?: () => number } = {}): () => Promise<boolean> {
  const cacheMs = options.cacheMs ?? DATA_DIR_CHECK_CACHE_MS;
  const now = options.now ?? Date.now;
  let last: { at: number; ok: Promise<boolean> } | undefined;
  return () => {
    if (!last || now() - last.at >= cacheMs) {
      last = {
        at: now(),
        ok: dataDirProblem(dir, options).then(
          (problem) => problem === null,
          () => false,
        ),
      };
    }
    return last.ok;
  };
}

/** Free bytes as a Dutch reader wants them: "12 MB". */
export function megabytes(bytes: number): string {
  return `${Math.floor(bytes / (1024 * 1024))} MB`;
}
