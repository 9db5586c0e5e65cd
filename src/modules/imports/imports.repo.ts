import { and, count, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { PageRequest } from '../../platform/pagination.js';
import { imports } from './imports.tables.js';

export type ImportRow = typeof imports.$inferSelect;
export type NewImport = typeof imports.$inferInsert;
/** An import without its file. */
export type ImportInfo = Omit<ImportRow, 'content'>;

const { content: _content, ...infoColumns } = getTableColumns(imports);

export async function insertImport(db: DbOrTx, values: NewImport): Promise<ImportInfo> {
  const [row] = await db.insert(imports).values(values).returning(infoColumns);
  return row as ImportInfo;
}

export async function findImport(db: DbOrTx, id: string): Promise<ImportInfo | undefined> {
  const [row] = await db.select(infoColumns).from(imports).where(eq(imports.id, id));
  return row;
}

export async function updateImport(db: DbOrTx, id: string, changes: Partial<NewImport>): Promise<void> {
  await db
    .update(imports)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(imports.id, id));
}

/**
 * Takes a queued import for running (with its file), or one whose runner went silent for
 * `staleMinutes` (its instance died; its transaction rolled back with it). Undefined when it is
 * not there to take: running elsewhere, finished, or not committed yet.
 */
export async function claimImport(
  db: DbOrTx,
  id: string,
  staleMinutes: number,
): Promise<ImportRow | undefined> {
  const [row] = await db
    .update(imports)
    .set({ status: 'running', startedAt: sql`now()`, updatedAt: sql`now()`, rowsDone: 0 })
    .where(
      and(
        eq(imports.id, id),
        sql`(${imports.status} = 'queued' or (${imports.status} = 'running'
          and ${imports.updatedAt} < now() - make_interval(mins => ${staleMinutes})))`,
      ),
    )
    .returning();
  return row;
}

/** Imports waiting longer than a minute for a runner, or whose runner went silent for `staleMinutes`. */
export async function strandedImports(db: DbOrTx, staleMinutes: number): Promise<string[]> {
  const found = await db
    .select({ id: imports.id })
    .from(imports)
    .where(
      sql`${imports.status} in ('queued', 'running') and ((${imports.status} = 'queued'
        and ${imports.createdAt} < now() - interval '1 minute') or ${imports.updatedAt} < now() - make_interval(mins => ${staleMinutes}))`,
    );
  return found.map((row) => row.id);
}

export async function listImports(
  db: DbOrTx,
  filter: { kind?: string; status?: string },
  page: PageRequest,
): Promise<{ rows: ImportInfo[]; total: number }> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.kind) conditions.push(eq(imports.kind, filter.kind));
  if (filter.status) conditions.push(eq(imports.status, filter.status));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select(infoColumns)
      .from(imports)
      .where(where)
      .orderBy(desc(imports.createdAt), desc(imports.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(imports).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/**
 * Holds, until the transaction ends, the lock every opening-stock import takes: two of them
 * never open the same balance at once (each checks what is open under the lock).
 */
export async function lockOpeningStock(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('raktar.imports.opening_stock'))`);
}
