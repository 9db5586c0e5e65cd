import { and, asc, count, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { PgInsertValue, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { containsPattern } from '../../db/search.js';
import type { PageRequest } from '../../platform/pagination.js';
import { salesOrderLines, salesOrders } from './sales.tables.js';

export type SalesOrderRow = typeof salesOrders.$inferSelect;
export type SalesOrderLineRow = typeof salesOrderLines.$inferSelect;

export interface SalesOrderFilter {
  status?: string;
  customerId?: string;
  from?: string;
  to?: string;
  search?: string;
}

export async function findSalesOrder(
  db: DbOrTx,
  id: string,
  lock = false,
): Promise<SalesOrderRow | undefined> {
  const query = db.select().from(salesOrders).where(eq(salesOrders.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function insertSalesOrder(
  db: DbOrTx,
  values: typeof salesOrders.$inferInsert,
): Promise<SalesOrderRow> {
  const [row] = await db.insert(salesOrders).values(values).returning();
  return row as SalesOrderRow;
}

/** Applies `changes` and raises the version by one. */
export async function updateSalesOrder(
  db: DbOrTx,
  id: string,
  changes: PgUpdateSetSource<typeof salesOrders>,
): Promise<SalesOrderRow> {
  const [row] = await db
    .update(salesOrders)
    .set({ ...changes, version: sql`${salesOrders.version} + 1`, updatedAt: sql`now()` })
    .where(eq(salesOrders.id, id))
    .returning();
  return row as SalesOrderRow;
}

export async function insertLine(db: DbOrTx, values: PgInsertValue<typeof salesOrderLines>): Promise<void> {
  await db.insert(salesOrderLines).values(values);
}

/** An order's lines, by line number. */
export function linesOf(db: DbOrTx, orderId: string): Promise<SalesOrderLineRow[]> {
  return db
    .select()
    .from(salesOrderLines)
    .where(eq(salesOrderLines.salesOrderId, orderId))
    .orderBy(asc(salesOrderLines.lineNo));
}

/** The lines of several orders in one query, each order's by line number. */
export async function linesOfOrders(
  db: DbOrTx,
  orderIds: string[],
): Promise<Map<string, SalesOrderLineRow[]>> {
  const result = new Map<string, SalesOrderLineRow[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return result;
  const found = await db
    .select()
    .from(salesOrderLines)
    .where(inArray(salesOrderLines.salesOrderId, orderIds))
    .orderBy(asc(salesOrderLines.salesOrderId), asc(salesOrderLines.lineNo));
  for (const line of found) result.get(line.salesOrderId)?.push(line);
  return result;
}

/** What confirmation left on a line: the reservation holding it and the quantity on backorder. */
export async function setLineReservation(
  db: DbOrTx,
  lineId: string,
  reservationId: string | null,
  backorderQuantity: string,
): Promise<void> {
  await db
    .update(salesOrderLines)
    .set({ reservationId, backorderQuantity })
    .where(eq(salesOrderLines.id, lineId));
}

/** Adds a shipped quantity to a line and sets the reservation still holding its rest (or null). */
export async function addShipped(
  db: DbOrTx,
  lineId: string,
  reservationId: string | null,
  quantity: string,
): Promise<void> {
  await db
    .update(salesOrderLines)
    .set({
      reservationId,
      shippedQuantity: sql`${salesOrderLines.shippedQuantity} + ${quantity}::numeric`,
    })
    .where(eq(salesOrderLines.id, lineId));
}

/** True when every line of the order has shipped at least what was ordered. */
export async function allLinesShipped(db: DbOrTx, orderId: string): Promise<boolean> {
  const [state] = await rows<{ done: boolean | null }>(
    db,
    sql`select bool_and(shipped_quantity >= quantity) as done from sales_order_lines where sales_order_id = ${orderId}::uuid`,
  );
  return state?.done === true;
}

function filterWhere(filter: SalesOrderFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filter.status ? eq(salesOrders.status, filter.status) : undefined,
    filter.customerId ? eq(salesOrders.customerId, filter.customerId) : undefined,
    filter.from ? gte(salesOrders.orderDate, filter.from) : undefined,
    filter.to ? lte(salesOrders.orderDate, filter.to) : undefined,
  ];
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    conditions.push(
      or(sql`${salesOrders.soNumber} ilike ${pattern}`, sql`${salesOrders.customerName} ilike ${pattern}`),
    );
  }
  return and(...conditions);
}

/** Every order the filter matches, newest number first as listed, one row each: a query to stream. */
export function salesOrdersExportQuery(filter: SalesOrderFilter): SQL {
  const where = filterWhere(filter);
  return sql`select so_number, status, customer_name, order_date::text as order_date,
      (select w.code from warehouses w where w.id = ${salesOrders}.warehouse_id) as warehouse_code,
      (select count(*) from sales_order_lines l where l.sales_order_id = ${salesOrders}.id) as lines,
      subtotal, tax_rate, tax_amount, total, notes, created_at, id
    from ${salesOrders} ${where ? sql`where ${where}` : sql``}
    order by so_number desc`;
}

/** A page of orders, newest number first, and the count of all that match. */
export async function listSalesOrders(db: DbOrTx, filter: SalesOrderFilter, page: PageRequest) {
  const where = filterWhere(filter);
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(salesOrders)
      .where(where)
      .orderBy(desc(salesOrders.soNumber))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(salesOrders).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}
