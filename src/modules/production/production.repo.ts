import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import type { PageRequest } from '../../platform/pagination.js';
import { workOrderComponents, workOrders } from './production.tables.js';

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type WorkOrderComponentRow = typeof workOrderComponents.$inferSelect;

export interface WorkOrderFilter {
  status?: string;
  priority?: string;
  productId?: string;
}

export async function findWorkOrder(db: DbOrTx, id: string, lock = false): Promise<WorkOrderRow | undefined> {
  const query = db.select().from(workOrders).where(eq(workOrders.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function insertWorkOrder(
  db: DbOrTx,
  values: typeof workOrders.$inferInsert,
): Promise<WorkOrderRow> {
  const [row] = await db.insert(workOrders).values(values).returning();
  return row as WorkOrderRow;
}

/** Applies `changes` and raises the version by one. */
export async function updateWorkOrder(
  db: DbOrTx,
  id: string,
  changes: PgUpdateSetSource<typeof workOrders>,
): Promise<WorkOrderRow> {
  const [row] = await db
    .update(workOrders)
    .set({ ...changes, version: sql`${workOrders.version} + 1`, updatedAt: sql`now()` })
    .where(eq(workOrders.id, id))
    .returning();
  return row as WorkOrderRow;
}

/** Adds `quantity` to what the order has produced, with the other `changes`. */
export function addProduced(
  db: DbOrTx,
  id: string,
  quantity: string,
  changes: PgUpdateSetSource<typeof workOrders>,
): Promise<WorkOrderRow> {
  return updateWorkOrder(db, id, {
    producedQuantity: sql`${workOrders.producedQuantity} + ${quantity}::numeric`,
    ...changes,
  });
}

export async function insertComponent(
  db: DbOrTx,
  values: typeof workOrderComponents.$inferInsert,
): Promise<void> {
  await db.insert(workOrderComponents).values(values);
}

/** An order's components, by product: release reserves them in this order. */
export function componentsOf(db: DbOrTx, orderId: string): Promise<WorkOrderComponentRow[]> {
  return db
    .select()
    .from(workOrderComponents)
    .where(eq(workOrderComponents.workOrderId, orderId))
    .orderBy(asc(workOrderComponents.productId));
}

/** The components of several orders in one query, each order's by product. */
export async function componentsOfOrders(
  db: DbOrTx,
  orderIds: string[],
): Promise<Map<string, WorkOrderComponentRow[]>> {
  const result = new Map<string, WorkOrderComponentRow[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return result;
  const found = await db
    .select()
    .from(workOrderComponents)
    .where(inArray(workOrderComponents.workOrderId, orderIds))
    .orderBy(asc(workOrderComponents.workOrderId), asc(workOrderComponents.productId));
  for (const component of found) result.get(component.workOrderId)?.push(component);
  return result;
}

export async function setComponentReservation(
  db: DbOrTx,
  componentId: string,
  reservationId: string,
): Promise<void> {
  await db.update(workOrderComponents).set({ reservationId }).where(eq(workOrderComponents.id, componentId));
}

/** Adds a consumed quantity to a component and sets the reservation still holding its rest (or null). */
export async function addConsumed(
  db: DbOrTx,
  componentId: string,
  reservationId: string | null,
  quantity: string,
): Promise<void> {
  await db
    .update(workOrderComponents)
    .set({
      reservationId,
      consumedQuantity: sql`${workOrderComponents.consumedQuantity} + ${quantity}::numeric`,
    })
    .where(eq(workOrderComponents.id, componentId));
}

function filterWhere(filter: WorkOrderFilter): SQL | undefined {
  return and(
    filter.status ? eq(workOrders.status, filter.status) : undefined,
    filter.priority ? eq(workOrders.priority, filter.priority) : undefined,
    filter.productId ? eq(workOrders.productId, filter.productId) : undefined,
  );
}

/** Every order the filter matches, newest number first as listed, with product and warehouse: a query to stream. */
export function workOrdersExportQuery(filter: WorkOrderFilter): SQL {
  const where = filterWhere(filter);
  return sql`select o.wo_number, o.status, o.priority, p.sku, p.name as product_name, w.code as warehouse_code,
      o.quantity, o.produced_quantity, o.progress, o.due_date::text as due_date, o.notes, o.created_at, o.id
    from (select * from ${workOrders} ${where ? sql`where ${where}` : sql``}) o
    join products p on p.id = o.product_id
    join warehouses w on w.id = o.warehouse_id
    order by o.wo_number desc`;
}

/** A page of orders, newest number first, and the count of all that match. */
export async function listWorkOrders(db: DbOrTx, filter: WorkOrderFilter, page: PageRequest) {
  const where = filterWhere(filter);
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(workOrders)
      .where(where)
      .orderBy(desc(workOrders.woNumber))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(workOrders).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}
