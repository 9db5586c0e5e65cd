import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { Db, Tx } from './client.js';
import type { ReadSource } from './read-replicas.js';

const current = new AsyncLocalStorage<Tx>();
const reading = new AsyncLocalStorage<ReadSource>();

/**
 * The handle services are given. Inside `inRequestTransaction` it is that transaction, so a
 * service's own `transaction()` becomes a savepoint of it and its reads see its writes; inside
 * `readingFrom` it is that replica; elsewhere it is the pool.
 */
export function requestScopedDb(db: Db): Db {
  return new Proxy(db, {
    get(target, property) {
      const source = current.getStore() ?? reading.getStore()?.db ?? target;
      const value: unknown = Reflect.get(source, property, source);
      return typeof value === 'function' ? value.bind(source) : value;
    },
  });
}

/**
 * Runs `work` in one transaction that every `requestScopedDb` handle joins while it runs: a
 * request's writes and what is stored about it commit, or roll back, together.
 */
export function inRequestTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction((tx) => current.run(tx, () => work(tx)));
}

/**
 * Runs `work` on the pool even inside a request's transaction: for setup that must commit on its
 * own (and be remembered) whether or not the request that first needed it does.
 */
export function outsideRequestTransaction<T>(work: () => Promise<T>): Promise<T> {
  return current.exit(work);
}

/** Runs a read-only request's `work` with `requestScopedDb` handles (and cursors) on a replica. */
export function readingFrom<T>(source: ReadSource, work: () => Promise<T>): Promise<T> {
  return reading.run(source, work);
}

/** The pool a cursor of this request reads through: the replica inside `readingFrom`, else `pool`. */
export function requestScopedPool(pool: pg.Pool): pg.Pool {
  return reading.getStore()?.pool ?? pool;
}

/**
 * Whether a `requestScopedDb` handle reads the primary's committed state through the pool: outside
 * any request transaction (whose own uncommitted writes it would see) and not on a replica.
 */
export function readsCommittedPrimary(): boolean {
  return current.getStore() === undefined && reading.getStore() === undefined;
}
