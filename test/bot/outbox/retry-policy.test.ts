// The retry policy on its own: which failures are tried again, and how long a retry waits.
import { describe, expect, it } from 'vitest';
import { classifyFailure, MAX_ATTEMPTS, retryDelay } from '../../../bot/outbox/retry-policy';

describe('classifyFailure', () => {
  it('tries throttling, a failed precondition, gateway errors and network errors again', () => {
    for (const status of [429, 412, 502, 504, undefined]) expect(classifyFailure(status), String(status)).toBe('retry');
  });

  it('takes 403 and 404 as "the bot was removed from the conversation"', () => {
    expect(classifyFailure(403)).toBe('gone');
    expect(classifyFailure(404)).toBe('gone');
  });

  it('does not retry a 500 or a rejected request: the same message would fail the same way', () => {
    for (const status of [500, 400, 401, 413]) expect(classifyFailure(status), String(status)).toBe('fail');
  });
});

describe('retryDelay', () => {
  const lowest = () => 0;
  const highest = () => 0.999_999;

  it('doubles per attempt, from 1 s, with jitter between half and the whole delay', () => {
    expect(retryDelay(1, lowest)).toBe(500);
    expect(retryDelay(1, highest)).toBe(1_000);
    expect(retryDelay(2, lowest)).toBe(1_000);
    expect(retryDelay(3, highest)).toBe(4_000);
    expect(retryDelay(MAX_ATTEMPTS, highest)).toBe(32_000);
  });

  it('never waits longer than a minute, however many attempts', () => {
    expect(retryDelay(30, highest)).toBe(60_000);
    expect(retryDelay(30, lowest)).toBe(30_000);
  });

  it("lets Teams' Retry-After win when it asks for longer than the backoff", () => {
    expect(retryDelay(1, highest, 5_000)).toBe(5_000);
  });

  it('keeps the backoff when it is longer than Retry-After', () => {
    expect(retryDelay(4, highest, 1_000)).toBe(8_000);
  });

  it('gives a whole number of milliseconds for any random value', () => {
    for (const r of [0.1, 0.33, 0.5, 0.77]) expect(Number.isInteger(retryDelay(3, () => r))).toBe(true);
  });
});
