import { LRUCache } from 'lru-cache';
import type { ChangeFeed } from '../../platform/change-feed.js';

/** Users remembered at most (the least recently used forgotten first). */
const CAPACITY = 10_000;

/**
 * The user rows behind bearer tokens, remembered for a few seconds so an authenticated request
 * costs no database round trip. Every change of a user, their grants or a module is forgotten
 * here as soon as it commits, so this instance never answers from a stale row; other instances
 * sharing the database are told through the change feed (and would see it within `ttlMs` even
 * without it). A load that raced with a change is not kept.
 */
export class PrincipalCache<Row> {
  private readonly entries = new LRUCache<string, { row: Row; expiresAt: number }>({ max: CAPACITY });
  /** Bumped by every forget: a load that started before it may hold the old row. */
  private generation = 0;
  private shared: { feed: ChangeFeed; topic: string } | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async resolve(id: string, load: () => Promise<Row | undefined>): Promise<Row | undefined> {
    if (this.ttlMs <= 0) return load();
    const entry = this.entries.get(id);
    if (entry && entry.expiresAt > this.now()) return entry.row;
    const generation = this.generation;
    const row = await load();
    if (row === undefined || generation !== this.generation) return row;
    this.entries.set(id, { row, expiresAt: this.now() + this.ttlMs });
    return row;
  }

  /** Forgets, on every instance, what `feed` says changed under `topic`, and tells it what changes here. */
  shareThrough(feed: ChangeFeed, topic: string): void {
    this.shared = { feed, topic };
    feed.subscribe(topic, (key) => (key === '*' ? this.drop() : this.drop(key)));
  }

  /** Call after the change has committed (a load before the commit would re-remember the old row). */
  forget(id: string): void {
    this.drop(id);
    this.tell(id);
  }

  forgetAll(): void {
    this.drop();
    this.tell('*');
  }

  private drop(id?: string): void {
    this.generation += 1;
    if (id === undefined) this.entries.clear();
    else this.entries.delete(id);
  }

  /** The others learn it too; if they cannot be told now, their entries still expire. */
  private tell(key: string): void {
    this.shared?.feed.publish(this.shared.topic, key).catch(() => {});
  }
}
