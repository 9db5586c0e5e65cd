import { eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { AppError } from '../platform/errors.js';
import { Errors } from '../platform/errors.js';
import type { DbOrTx } from './client.js';

/** A table with the columns every versioned entity has. */
export type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/** Reads a row by id, locked for update when asked; throws `notFound` when there is none. */
export async function getOrThrow<T extends VersionedTable | (PgTable & { id: PgColumn })>(
  db: DbOrTx,
  table: T,
  id: string,
  notFound: () => AppError,
  lock = false,
): Promise<T['$inferSelect']> {
  const query = db
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id));
  const [row] = await (lock ? query.for('update') : query);
  if (!row) throw notFound();
  return row as T['$inferSelect'];
}

/**
 * Applies `changes` to a locked row whose version the caller read: a stale `expectedVersion` is
 * 412, and the version goes up by one. Returns the row before and after, for the audit log.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: DbOrTx,
  table: T,
  id: string,
  expectedVersion: number | undefined,
  changes: Partial<T['$inferInsert']>,
  notFound: () => AppError,
): Promise<{ before: T['$inferSelect']; after: T['$inferSelect'] }> {
  const before = (await getOrThrow(db, table, id, notFound, true)) as T['$inferSelect'] & { version: number };
  if (expectedVersion !== undefined && expectedVersion !== before.version) throw Errors.stale();
  const [after] = await db
    .update(table as PgTable)
    .set({ ...changes, version: sql`${table.version} + 1`, updatedAt: sql`now()` } as never)
    .where(eq(table.id, id))
    .returning();
  return { before, after: after as T['$inferSelect'] };
}
