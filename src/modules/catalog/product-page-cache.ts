import { LRUCache } from 'lru-cache';
import { stringify } from 'safe-stable-stringify';

/** Pages remembered at most (the least recently used forgotten first). */
const CAPACITY = 2_000;

/** A page of products as found: which products, in order, and how many matched. */
export interface FoundPage {
  ids: string[];
  total: number;
  estimated: boolean;
}

/** A found page and the database snapshot it was found in (`pg_current_snapshot()`). */
export interface RememberedPage extends FoundPage {
  snapshot: string;
}

/**
 * Product pages (a search, a filter, an order and a page) as they were found, so that a page
 * asked for again costs a read of its 50 rows instead of a trigram scan, a count and a sort of
 * every match. An entry is only a candidate: the reader checks, in its own snapshot, that no
 * transaction has changed a product since the entry's (see `productsOfPage`); stock and the rows
 * themselves are always read afresh.
 */
export class ProductPageCache {
  private readonly entries: LRUCache<string, RememberedPage> | undefined;

  constructor(ttlSeconds: number) {
    this.entries = ttlSeconds > 0 ? new LRUCache({ max: CAPACITY, ttl: ttlSeconds * 1000 }) : undefined;
  }

  get enabled(): boolean {
    return this.entries !== undefined;
  }

  /** One key per filter, order and page: the same request always gives the same key. */
  key(parts: Record<string, unknown>): string {
    return stringify(parts) ?? '';
  }

  get(key: string): RememberedPage | undefined {
    return this.entries?.get(key);
  }

  set(key: string, page: RememberedPage): void {
    this.entries?.set(key, page);
  }

  forget(key: string): void {
    this.entries?.delete(key);
  }
}
