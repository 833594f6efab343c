// The cache of written conversation references is bounded and forgets, so memory stays flat and an
// inactive conversation is written (reactivated) again on its next message.
import { describe, expect, it } from 'vitest';
import { ReferenceCache } from '../../bot/reference-cache';

describe('ReferenceCache', () => {
  it('keeps at most its maximum, dropping the least recently used', () => {
    const cache = new ReferenceCache({ max: 3 });
    for (const id of ['a', 'b', 'c']) cache.remember(id, `ref-${id}`);
    expect(cache.isCurrent('a', 'ref-a')).toBe(true); // a is now the most recent
    cache.remember('d', 'ref-d');
    expect(cache.size).toBe(3);
    expect(cache.isCurrent('b', 'ref-b')).toBe(false);
    expect(['a', 'c', 'd'].every((id) => cache.isCurrent(id, `ref-${id}`))).toBe(true);
    for (let i = 0; i < 10_000; i++) cache.remember(`conversation-${i}`, 'x');
    expect(cache.size).toBe(3);
  });

  it('treats a changed reference, an expired entry and a forgotten one as not current', () => {
    let now = 1_000_000;
    const cache = new ReferenceCache({ ttlMs: 60_000, now: () => now });
    cache.remember('a', 'ref-1');
    expect(cache.isCurrent('a', 'ref-2')).toBe(false);
    expect(cache.isCurrent('a', 'ref-1')).toBe(true);
    now += 60_001;
    expect(cache.isCurrent('a', 'ref-1')).toBe(false);
    cache.remember('b', 'ref-b');
    cache.forget('b');
    expect(cache.isCurrent('b', 'ref-b')).toBe(false);
  });
});
