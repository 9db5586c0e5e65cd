import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, Tx } from './client.js';

const current = new AsyncLocalStorage<Tx>();

/**
 * The handle services are given. Inside `inRequestTransaction` it is that transaction, so a
 * service's own `transaction()` becomes a savepoint of it and its reads see its writes; elsewhere
 * it is the pool.
 */
export function requestScopedDb(db: Db): Db {
  return new Proxy(db, {
    get(target, property) {
      const source = current.getStore() ?? target;
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
