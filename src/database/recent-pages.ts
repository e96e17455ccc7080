import { LRUCache } from 'lru-cache';

interface Read<V> {
  promise: Promise<V>;
  value?: V;
}

/**
 * Pages a replica read in the last moments, grouped by the row they list (a campaign's pages of
 * events): each page is read at most once per `ttlMs`, requests arriving while it is read share
 * that read, and a page read already comes back at once rather than as a promise. A page may lag
 * a write made elsewhere by that long; this replica's own writes `forget` the whole group they
 * change. A failed read is not kept. A ttl of 0 keeps nothing.
 */
export class RecentPages<V> {
  private readonly groups: LRUCache<string, Map<string, Read<V>>> | null;

  constructor(ttlMs: number, max = 1_000) {
    this.groups = ttlMs > 0 ? new LRUCache({ max, ttl: ttlMs }) : null;
  }

  read(group: string, page: string, fetch: () => Promise<V>): V | Promise<V> {
    const { groups } = this;
    if (!groups) return fetch();
    let reads = groups.get(group);
    if (!reads) {
      reads = new Map();
      groups.set(group, reads);
    }
    const known = reads.get(page);
    if (known) return 'value' in known ? (known.value as V) : known.promise;
    const read: Read<V> = { promise: fetch() };
    reads.set(page, read);
    read.promise.then(
      (value) => (read.value = value),
      () => reads.get(page) === read && reads.delete(page),
    );
    return read.promise;
  }

  forget(group: string): void {
    this.groups?.delete(group);
  }
}
