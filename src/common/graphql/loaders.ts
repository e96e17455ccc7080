import DataLoader from 'dataloader';

export type BatchLoad<K, V> = (keys: readonly K[]) => Promise<V[]>;

/**
 * The DataLoaders of one request, created on first use. A loader is keyed by its batch
 * function, so a repository's batch method is the one loader for that data in the request.
 */
export class Loaders {
  private readonly loaders = new Map<BatchLoad<never, unknown>, DataLoader<unknown, unknown>>();

  of<K, V>(batch: BatchLoad<K, V>, cacheKey?: (key: K) => unknown): DataLoader<K, V> {
    let loader = this.loaders.get(batch);
    if (!loader) {
      loader = new DataLoader<K, V, unknown>(batch, { cacheKeyFn: cacheKey });
      this.loaders.set(batch, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /** Drops what the request's loader of `batch` holds for `key`; a loader not used yet has none. */
  forget<K>(batch: BatchLoad<K, unknown>, key: K): void {
    this.loaders.get(batch)?.clear(key);
  }
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
