// A bounded in-memory copy of database rows that stays right with several instances on one database:
// every write publishes its key on the change feed, every instance drops that key, and while the feed
// is down nothing is kept or served from memory.
import { LRUCache } from 'lru-cache';
import type { Change, ChangeFeed } from './change-feed';

export class CoherentCache<V> {
  private readonly entries: LRUCache<string, { value: V }>;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly topic: string,
    max: number,
  ) {
    this.entries = new LRUCache({ max });
    feed.onChange((change: Change | null) => {
      if (change === null) this.entries.clear();
      else if (change.topic === this.topic) this.entries.delete(change.key);
    });
  }

  /** The kept value, or `load`'s, kept only when no change (here or elsewhere) came in while it loaded. */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (!this.feed.live) return load();
    const kept = this.entries.get(key);
    if (kept) return kept.value;
    const generation = this.feed.generation;
    const value = await load();
    if (this.feed.live && this.feed.generation === generation) this.entries.set(key, { value });
    return value;
  }

  /** After this instance changed `key`: every instance (this one too) drops it and reads it again. */
  async changed(key: string): Promise<void> {
    await this.feed.publish({ topic: this.topic, key });
  }

  /**
   * After this instance wrote `key`: tells every instance (this one too) to drop it, then keeps the value
   * written. A read that started before the write sees the feed moved and does not keep its older value.
   */
  async written(key: string, value: V): Promise<void> {
    await this.feed.publish({ topic: this.topic, key });
    if (this.feed.live) this.entries.set(key, { value });
  }
}
