import { and, asc, count, desc, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import type { PageRequest } from '../../platform/pagination.js';
import { reservations } from './stock.tables.js';

export type ReservationRow = typeof reservations.$inferSelect;
export type ClosedStatus = 'released' | 'expired' | 'consumed';

export interface ReservationFilter {
  status?: string;
  productId?: string;
  warehouseId?: string;
  referenceType?: string;
  referenceId?: string;
}

/** What reservations hold, balance by balance: a transfer moves exactly this to its destination. */
export function heldPieces(db: DbOrTx, reservationIds: string[]) {
  return rows<{ reservation_id: string; product_id: string; lot_id: string | null; quantity: string }>(
    db,
    sql`select a.reservation_id, b.product_id, b.lot_id, a.quantity::text as quantity
    from reservation_allocations a join stock_balances b on b.id = a.balance_id
    where a.reservation_id = any(${sql.param(reservationIds)}::uuid[])
    order by a.reservation_id, b.product_id, b.warehouse_id, b.bin_id, b.lot_id`,
  );
}

/** How much each of these reservations still holds, for the active ones. */
export function activeQuantities(db: DbOrTx, reservationIds: string[]) {
  return rows<{ id: string; quantity: string }>(
    db,
    sql`select id, quantity::text as quantity from reservations
    where id = any(${sql.param(reservationIds)}::uuid[]) and status = 'active'`,
  );
}

export async function insertReservation(
  db: DbOrTx,
  values: typeof reservations.$inferInsert,
): Promise<ReservationRow> {
  const [row] = await db.insert(reservations).values(values).returning();
  return row as ReservationRow;
}

export async function findReservation(db: DbOrTx, id: string): Promise<ReservationRow | undefined> {
  const [row] = await db.select().from(reservations).where(eq(reservations.id, id));
  return row;
}

/** The reservation, locked for update until the transaction ends. */
export async function lockReservation(db: DbOrTx, id: string): Promise<ReservationRow | undefined> {
  const [row] = await db.select().from(reservations).where(eq(reservations.id, id)).for('update');
  return row;
}

/** Sets the reservation's final status and closing time. */
export async function closeReservation(
  db: DbOrTx,
  id: string,
  status: ClosedStatus,
): Promise<ReservationRow> {
  const [row] = await db
    .update(reservations)
    .set({ status, closedAt: sql`now()` })
    .where(eq(reservations.id, id))
    .returning();
  return row as ReservationRow;
}

/** A reservation's hold on one balance, with its bin and lot by name (quantity a decimal string). */
export interface AllocationRow {
  reservation_id: string;
  bin_id: string;
  bin_code: string;
  lot_id: string | null;
  lot_number: string | null;
  expiry_date: string | null;
  quantity: string;
}

/**
 * Where reservations hold their stock, in one query, by reservation: bin and lot (by id and by
 * name, what a picker walks to) and quantity per balance, in bin-code order.
 */
export async function allocationsOfMany(db: DbOrTx, reservationIds: string[]) {
  const byReservation = new Map<string, AllocationRow[]>();
  if (reservationIds.length === 0) return byReservation;
  const found = await rows<AllocationRow>(
    db,
    sql`select a.reservation_id, b.bin_id, bin.code as bin_code, b.lot_id, l.lot_number,
        l.expiry_date::text as expiry_date, a.quantity::text as quantity
      from reservation_allocations a
        join stock_balances b on b.id = a.balance_id
        join bins bin on bin.id = b.bin_id
        left join lots l on l.id = b.lot_id
      where a.reservation_id = any(${sql.param(reservationIds)}::uuid[])
      order by a.reservation_id, bin.code, l.expiry_date nulls last`,
  );
  for (const allocation of found) {
    const held = byReservation.get(allocation.reservation_id);
    if (held) held.push(allocation);
    else byReservation.set(allocation.reservation_id, [allocation]);
  }
  return byReservation;
}

/** A page of reservations, newest first, and the count of all that match. */
export async function listReservations(db: DbOrTx, filter: ReservationFilter, page: PageRequest) {
  const where = and(
    filter.status ? eq(reservations.status, filter.status) : undefined,
    filter.productId ? eq(reservations.productId, filter.productId) : undefined,
    filter.warehouseId ? eq(reservations.warehouseId, filter.warehouseId) : undefined,
    filter.referenceType ? eq(reservations.referenceType, filter.referenceType) : undefined,
    filter.referenceId ? eq(reservations.referenceId, filter.referenceId) : undefined,
  );
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(reservations)
      .where(where)
      .orderBy(desc(reservations.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(reservations).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

/** The ids of up to `limit` active reservations whose time was up at `now`, soonest expiry first. */
export async function expiredReservationIds(db: DbOrTx, now: Date, limit: number): Promise<string[]> {
  const due = await db
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.status, 'active'), lt(reservations.expiresAt, now)))
    .orderBy(asc(reservations.expiresAt))
    .limit(limit);
  return due.map((row) => row.id);
}
