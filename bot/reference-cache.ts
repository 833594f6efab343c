// Which conversation references this process wrote recently, so a plain message does not rewrite an
// unchanged reference. Bounded (an LRU) so memory does not grow with every conversation, and
// entries expire so a conversation another instance marked inactive is written (and reactivated)
// again within minutes; this process forgets a conversation at once when it marks it inactive itself.
import { LRUCache } from 'lru-cache';

export const REFERENCE_CACHE_SIZE = 5_000;
export const REFERENCE_CACHE_TTL_MS = 5 * 60_000;

export class ReferenceCache {
  private readonly written: LRUCache<string, string>;

  constructor(options: { max?: number; ttlMs?: number; now?: () => number } = {}) {
    this.written = new LRUCache<string, string>({
      max: options.max ?? REFERENCE_CACHE_SIZE,
      ttl: options.ttlMs ?? REFERENCE_CACHE_TTL_MS,
      ttlAutopurge: false,
      // Read the clock on every lookup (tests move it; the default caches it for a millisecond).
      ttlResolution: 0,
      ...(options.now ? { perf: { now: options.now } } : {}),
    });
  }

  /** True when exactly this reference was written for this conversation and is still active. */
  isCurrent(conversationId: string, serialized: string): boolean {
    return this.written.get(conversationId) === serialized;
  }

  remember(conversationId: string, serialized: string): void {
    this.written.set(conversationId, serialized);
  }

  /** The conversation was marked inactive: the next message from it must write (reactivate) again. */
  forget(conversationId: string): void {
    this.written.delete(conversationId);
  }

  get size(): number {
    return this.written.size;
  }
}
