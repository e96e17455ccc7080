import { LRUCache } from 'lru-cache';
import type { BatchLoad } from '../common/graphql/loaders.js';

/**
 * Rows a replica read in the last moments, in front of a DataLoader batch function: hits come
 * from memory, misses of one batch are read together, and what was found is kept for `ttlMs`
 * (frozen: a cached row is shared by every request). For hot reads that may lag a write made
 * elsewhere by that long; this replica's own writes `forget` what they change. Misses (null)
 * are not kept. A ttl of 0 keeps nothing.
 */
export class RecentRows<K extends string, V extends object> {
  private readonly cache: LRUCache<K, V> | null;

  constructor(
    private readonly fetch: BatchLoad<K, V | null>,
    ttlMs: number,
    max = 10_000,
  ) {
    this.cache = ttlMs > 0 ? new LRUCache<K, V>({ max, ttl: ttlMs }) : null;
  }

  /** The batch function to hand DataLoader. */
  readonly load: BatchLoad<K, V | null> = async (keys) => {
    const { cache } = this;
    if (!cache) return this.fetch(keys);
    const found = keys.map((key) => cache.get(key));
    const missing = keys.filter((_, i) => !found[i]);
    if (!missing.length) return found as V[];
    const fetched = await this.fetch(missing);
    const byKey = new Map(missing.map((key, i) => [key, fetched[i]]));
    for (const [key, value] of byKey) if (value) cache.set(key, Object.freeze(value));
    return keys.map((key, i) => found[i] ?? byKey.get(key) ?? null);
  };

  forget(key: K): void {
    this.cache?.delete(key);
  }
}
