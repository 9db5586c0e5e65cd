import { and, asc, count, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { PgInsertValue, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { containsPattern } from '../../db/search.js';
import type { PageRequest } from '../../platform/pagination.js';
import { purchaseOrderLines, purchaseOrders } from './purchasing.tables.js';

export type PurchaseOrderRow = typeof purchaseOrders.$inferSelect;
export type PurchaseOrderLineRow = typeof purchaseOrderLines.$inferSelect;

export interface PurchaseOrderFilter {
  status?: string;
  supplierId?: string;
  from?: string;
  to?: string;
  search?: string;
}

export async function findPurchaseOrder(
  db: DbOrTx,
  id: string,
  lock = false,
): Promise<PurchaseOrderRow | undefined> {
  const query = db.select().from(purchaseOrders).where(eq(purchaseOrders.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function insertPurchaseOrder(
  db: DbOrTx,
  values: typeof purchaseOrders.$inferInsert,
): Promise<PurchaseOrderRow> {
  const [row] = await db.insert(purchaseOrders).values(values).returning();
  return row as PurchaseOrderRow;
}

/** Applies `changes` and raises the version by one. */
export async function updatePurchaseOrder(
  db: DbOrTx,
  id: string,
  changes: PgUpdateSetSource<typeof purchaseOrders>,
): Promise<PurchaseOrderRow> {
  const [row] = await db
    .update(purchaseOrders)
    .set({ ...changes, version: sql`${purchaseOrders.version} + 1`, updatedAt: sql`now()` })
    .where(eq(purchaseOrders.id, id))
    .returning();
  return row as PurchaseOrderRow;
}

export async function deletePurchaseOrder(db: DbOrTx, id: string): Promise<void> {
  await db.delete(purchaseOrders).where(eq(purchaseOrders.id, id));
}

export async function deleteLinesOf(db: DbOrTx, orderId: string): Promise<void> {
  await db.delete(purchaseOrderLines).where(eq(purchaseOrderLines.purchaseOrderId, orderId));
}

export async function insertLine(
  db: DbOrTx,
  values: PgInsertValue<typeof purchaseOrderLines>,
): Promise<void> {
  await db.insert(purchaseOrderLines).values(values);
}

/** An order's lines, by line number. */
export function linesOf(db: DbOrTx, orderId: string): Promise<PurchaseOrderLineRow[]> {
  return db
    .select()
    .from(purchaseOrderLines)
    .where(eq(purchaseOrderLines.purchaseOrderId, orderId))
    .orderBy(asc(purchaseOrderLines.lineNo));
}

/** The lines of several orders in one query, each order's by line number. */
export async function linesOfOrders(
  db: DbOrTx,
  orderIds: string[],
): Promise<Map<string, PurchaseOrderLineRow[]>> {
  const result = new Map<string, PurchaseOrderLineRow[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return result;
  const found = await db
    .select()
    .from(purchaseOrderLines)
    .where(inArray(purchaseOrderLines.purchaseOrderId, orderIds))
    .orderBy(asc(purchaseOrderLines.purchaseOrderId), asc(purchaseOrderLines.lineNo));
  for (const line of found) result.get(line.purchaseOrderId)?.push(line);
  return result;
}

/** The line with this id on this order, or undefined. */
export async function findLine(
  db: DbOrTx,
  orderId: string,
  lineId: string,
): Promise<PurchaseOrderLineRow | undefined> {
  const [row] = await db
    .select()
    .from(purchaseOrderLines)
    .where(and(eq(purchaseOrderLines.id, lineId), eq(purchaseOrderLines.purchaseOrderId, orderId)));
  return row;
}

/**
 * Adds `quantity` to a line's received quantity unless that would pass the ordered quantity plus
 * `tolerancePercent`; false when refused (the check and the write are one statement).
 */
export async function addReceived(
  db: DbOrTx,
  lineId: string,
  quantity: string,
  tolerancePercent: string,
): Promise<boolean> {
  const raised = await db
    .update(purchaseOrderLines)
    .set({ receivedQuantity: sql`${purchaseOrderLines.receivedQuantity} + ${quantity}::numeric` })
    .where(
      and(
        eq(purchaseOrderLines.id, lineId),
        sql`${purchaseOrderLines.receivedQuantity} + ${quantity}::numeric <= ${purchaseOrderLines.quantity} * (1 + ${tolerancePercent}::numeric / 100)`,
      ),
    )
    .returning({ id: purchaseOrderLines.id });
  return raised.length > 0;
}

/** True when every line of the order has received at least what was ordered. */
export async function allLinesReceived(db: DbOrTx, orderId: string): Promise<boolean> {
  const [state] = await rows<{ complete: boolean | null }>(
    db,
    sql`select bool_and(received_quantity >= quantity) as complete from purchase_order_lines where purchase_order_id = ${orderId}::uuid`,
  );
  return state?.complete === true;
}

function filterWhere(filter: PurchaseOrderFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filter.status ? eq(purchaseOrders.status, filter.status) : undefined,
    filter.supplierId ? eq(purchaseOrders.supplierId, filter.supplierId) : undefined,
    filter.from ? gte(purchaseOrders.poDate, filter.from) : undefined,
    filter.to ? lte(purchaseOrders.poDate, filter.to) : undefined,
  ];
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    conditions.push(
      or(
        sql`${purchaseOrders.poNumber} ilike ${pattern}`,
        sql`${purchaseOrders.supplierName} ilike ${pattern}`,
      ),
    );
  }
  return and(...conditions);
}

/** Every order the filter matches, newest number first as listed, one row each: a query to stream. */
export function purchaseOrdersExportQuery(filter: PurchaseOrderFilter): SQL {
  const where = filterWhere(filter);
  return sql`select po_number, status, supplier_name, po_date::text as po_date, due_date::text as due_date,
      (select count(*) from purchase_order_lines l where l.purchase_order_id = ${purchaseOrders}.id) as lines,
      subtotal, tax_rate, tax_amount, total, notes, created_at, id
    from ${purchaseOrders} ${where ? sql`where ${where}` : sql``}
    order by po_number desc`;
}

/** A page of orders, newest number first, and the count of all that match. */
export async function listPurchaseOrders(db: DbOrTx, filter: PurchaseOrderFilter, page: PageRequest) {
  const where = filterWhere(filter);
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(purchaseOrders)
      .where(where)
      .orderBy(desc(purchaseOrders.poNumber))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(purchaseOrders).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}
