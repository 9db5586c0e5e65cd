import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { PageRequest } from '../../platform/pagination.js';
import { stockTransferLines, stockTransfers } from './stock.tables.js';

export type TransferRow = typeof stockTransfers.$inferSelect;
export type TransferLineRow = typeof stockTransferLines.$inferSelect;

export interface TransferFilter {
  status?: string;
  /** Transfers from or to this warehouse. */
  warehouseId?: string;
}

export async function findTransfer(db: DbOrTx, id: string, lock = false): Promise<TransferRow | undefined> {
  const query = db.select().from(stockTransfers).where(eq(stockTransfers.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function insertTransfer(
  db: DbOrTx,
  values: typeof stockTransfers.$inferInsert,
): Promise<TransferRow> {
  const [row] = await db.insert(stockTransfers).values(values).returning();
  return row as TransferRow;
}

export async function insertTransferLine(
  db: DbOrTx,
  values: typeof stockTransferLines.$inferInsert,
): Promise<void> {
  await db.insert(stockTransferLines).values(values);
}

/** A transfer's lines, in the order they were written. */
export function linesOf(db: DbOrTx, transferId: string): Promise<TransferLineRow[]> {
  return db
    .select()
    .from(stockTransferLines)
    .where(eq(stockTransferLines.transferId, transferId))
    .orderBy(asc(stockTransferLines.id));
}

/** The lines of several transfers in one query, each transfer's in the order they were written. */
export async function linesOfTransfers(
  db: DbOrTx,
  transferIds: string[],
): Promise<Map<string, TransferLineRow[]>> {
  const result = new Map<string, TransferLineRow[]>(transferIds.map((id) => [id, []]));
  if (transferIds.length === 0) return result;
  const found = await db
    .select()
    .from(stockTransferLines)
    .where(inArray(stockTransferLines.transferId, transferIds))
    .orderBy(asc(stockTransferLines.transferId), asc(stockTransferLines.id));
  for (const line of found) result.get(line.transferId)?.push(line);
  return result;
}

/** Sets the transfer completed now and raises its version. */
export async function markCompleted(db: DbOrTx, id: string): Promise<TransferRow> {
  const [row] = await db
    .update(stockTransfers)
    .set({
      status: 'completed',
      completedAt: sql`now()`,
      updatedAt: sql`now()`,
      version: sql`${stockTransfers.version} + 1`,
    })
    .where(eq(stockTransfers.id, id))
    .returning();
  return row as TransferRow;
}

/** Sets the transfer cancelled now and raises its version. */
export async function markCancelled(db: DbOrTx, id: string): Promise<TransferRow> {
  const [row] = await db
    .update(stockTransfers)
    .set({
      status: 'cancelled',
      cancelledAt: sql`now()`,
      updatedAt: sql`now()`,
      version: sql`${stockTransfers.version} + 1`,
    })
    .where(eq(stockTransfers.id, id))
    .returning();
  return row as TransferRow;
}

/** A page of transfers, newest first, and the count of all that match. */
export async function listTransfers(db: DbOrTx, filter: TransferFilter, page: PageRequest) {
  const where = and(
    filter.status ? eq(stockTransfers.status, filter.status) : undefined,
    filter.warehouseId
      ? sql`(${stockTransfers.fromWarehouseId} = ${filter.warehouseId} or ${stockTransfers.toWarehouseId} = ${filter.warehouseId})`
      : undefined,
  );
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(stockTransfers)
      .where(where)
      .orderBy(desc(stockTransfers.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(stockTransfers).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}
