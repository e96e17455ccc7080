import DataLoader from 'dataloader';

export type BatchLoad<K, V> = (keys: readonly K[]) => Promise<V[]>;

type CacheKey<K> = (key: K) => unknown;

interface Entry {
  loader: DataLoader<unknown, unknown>;
  cacheKey?: CacheKey<never>;
  /** What `preload` loaded, by cache key. */
  preloaded?: Map<unknown, unknown>;
}

/**
 * The DataLoaders of one request, created on first use. A loader is keyed by its batch
 * function, so a repository's batch method is the one loader for that data in the request.
 */
export class Loaders {
  private readonly entries = new Map<BatchLoad<never, unknown>, Entry>();

  private entry<K, V>(batch: BatchLoad<K, V>, cacheKey?: CacheKey<K>): Entry {
    let entry = this.entries.get(batch);
    if (!entry) {
      const loader = new DataLoader<K, V, unknown>(batch, { cacheKeyFn: cacheKey });
      entry = { loader, cacheKey };
      this.entries.set(batch, entry);
    }
    return entry;
  }

  of<K, V>(batch: BatchLoad<K, V>, cacheKey?: CacheKey<K>): DataLoader<K, V> {
    return this.entry(batch, cacheKey).loader as DataLoader<K, V>;
  }

  /**
   * Loads `keys` in one batch and keeps their values, so that `preloaded` answers them without
   * a promise: the nodes of a page then complete that field at once rather than each waiting.
   */
  async preload<K, V>(batch: BatchLoad<K, V>, keys: K[], cacheKey?: CacheKey<K>): Promise<void> {
    const entry = this.entry(batch, cacheKey);
    const values = await entry.loader.loadMany(keys);
    entry.preloaded ??= new Map();
    for (const [index, key] of keys.entries()) {
      const value = values[index];
      if (!(value instanceof Error)) entry.preloaded.set(cacheKeyOf(entry, key), value);
    }
  }

  /** The value `preload` loaded for `key`; undefined if it did not. */
  preloaded<K, V>(batch: BatchLoad<K, V>, key: K): V | undefined {
    const entry = this.entries.get(batch);
    return entry?.preloaded?.get(cacheKeyOf(entry, key)) as V | undefined;
  }

  /** Drops what the request's loader of `batch` holds for `key`; a loader not used yet has none. */
  forget<K>(batch: BatchLoad<K, unknown>, key: K): void {
    const entry = this.entries.get(batch);
    entry?.loader.clear(key);
    entry?.preloaded?.delete(cacheKeyOf(entry, key));
  }
}

function cacheKeyOf<K>(entry: Entry, key: K): unknown {
  return entry.cacheKey ? (entry.cacheKey as CacheKey<K>)(key) : key;
}

/** Orders rows found for a batch of keys as the keys were asked, with a fallback for misses. */
export function byKeys<K, R, V>(
  keys: readonly K[],
  rows: R[],
  keyOf: (row: R) => K,
  valueOf: (row: R | undefined) => V,
): V[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => valueOf(found.get(key)));
}
