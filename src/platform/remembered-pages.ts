import { LRUCache } from 'lru-cache';
import { stringify } from 'safe-stable-stringify';

/** Pages remembered at most by one cache (the least recently used forgotten first). */
const CAPACITY = 2_000;

/** What was read, and the mark of the database state it was read in (`snapshotMark`). */
export interface RememberedPage<Value> {
  value: Value;
  mark: string;
}

/**
 * Pages of a list as they were read, each with the mark of the state it was read in. An entry
 * is only a candidate: the reader reuses it after checking, in its own snapshot, that nothing the
 * page depends on has changed since (`changedSince`). `ttlSeconds` bounds memory, not staleness; 0
 * remembers nothing.
 */
export class RememberedPages<Value> {
  private readonly entries: LRUCache<string, RememberedPage<Value>> | undefined;

  constructor(ttlSeconds: number) {
    this.entries = ttlSeconds > 0 ? new LRUCache({ max: CAPACITY, ttl: ttlSeconds * 1000 }) : undefined;
  }

  get enabled(): boolean {
    return this.entries !== undefined;
  }

  /** One key per request: the same filter, order and page always give the same key. */
  key(parts: Record<string, unknown>): string {
    return stringify(parts) ?? '';
  }

  get(key: string): RememberedPage<Value> | undefined {
    return this.entries?.get(key);
  }

  set(key: string, value: Value, mark: string): void {
    this.entries?.set(key, { value, mark });
  }

  forget(key: string): void {
    this.entries?.delete(key);
  }
}
