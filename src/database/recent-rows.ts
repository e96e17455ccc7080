import { LRUCache } from 'lru-cache';
import type { BatchLoad, Loaders } from '../common/graphql/loaders.js';

/**
 * Rows a replica read in the last moments, in front of a DataLoader batch function: hits come
 * from memory, misses of one batch are read together, and what was found is kept for `ttlMs`
 * (frozen: a cached row is shared by every request). A key being read already is not read again:
 * when a hot row expires, the requests arriving until it is back wait for that one read instead
 * of each sending their own. For hot reads that may lag a write made elsewhere by that long; this
 * replica's own writes `forget` what they change. Misses (null) are not kept. A ttl of 0 keeps
 * nothing.
 */
export class RecentRows<K extends string, V extends object> {
  private readonly cache: LRUCache<K, V> | null;
  private readonly reading = new Map<K, Promise<V | null>>();

  constructor(
    private readonly fetch: BatchLoad<K, V | null>,
    ttlMs: number,
    max = 10_000,
  ) {
    this.cache = ttlMs > 0 ? new LRUCache<K, V>({ max, ttl: ttlMs }) : null;
  }

  /** The batch function to hand DataLoader. */
  readonly load: BatchLoad<K, V | null> = async (keys) => {
    const { cache, reading } = this;
    if (!cache) return this.fetch(keys);
    const found: (Promise<V | null> | undefined)[] = keys.map((key) => {
      const row = cache.get(key);
      return row ? Promise.resolve(row) : reading.get(key);
    });
    const missing = keys.flatMap((key, index) => (found[index] ? [] : [{ key, index }]));
    if (missing.length) {
      const fetched = this.fetch(missing.map(({ key }) => key));
      missing.forEach(({ key, index }, i) => {
        const row = fetched.then((rows) => rows[i] && Object.freeze(rows[i]));
        found[index] = row;
        reading.set(key, row);
        const settle = (value: V | null) => {
          // A key forgotten (or read again) meanwhile keeps nothing of this read.
          if (reading.get(key) !== row) return;
          reading.delete(key);
          if (value) cache.set(key, value);
        };
        row.then(settle, () => settle(null));
      });
    }
    return Promise.all(found as Promise<V | null>[]);
  };

  /** The row if this replica holds it now: a hit needs no batch, no promise, no loader. */
  peek(key: K): V | undefined {
    return this.cache?.get(key);
  }

  /** The row: at once if this replica holds it, else through the request's loader. */
  get(loaders: Loaders, key: K): V | null | Promise<V | null> {
    return this.peek(key) ?? loaders.of(this.load).load(key);
  }

  forget(key: K): void {
    this.cache?.delete(key);
    this.reading.delete(key);
  }
}
