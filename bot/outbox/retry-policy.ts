// What to do when a proactive send fails, by HTTP status.

export type FailureKind = 'retry' | 'gone' | 'fail';

/** 429, 412, 502, 504 and network errors are worth another try; 403/404 mean the bot was removed. */
export function classifyFailure(status: number | undefined): FailureKind {
  if (status === undefined) return 'retry';
  if ([429, 412, 502, 504].includes(status)) return 'retry';
  if (status === 403 || status === 404) return 'gone';
  return 'fail';
}

export const MAX_ATTEMPTS = 6;
const BASE_MS = 1_000;
const MAX_DELAY_MS = 60_000;

/** Exponential backoff with jitter (half to full delay); a Retry-After from Teams wins when longer. */
export function retryDelay(attempt: number, random: () => number, retryAfterMs?: number): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential * (0.5 + random() * 0.5));
  return Math.max(jittered, retryAfterMs ?? 0);
}
