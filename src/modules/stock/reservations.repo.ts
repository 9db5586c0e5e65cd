import { and, asc, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import type { PageRequest } from '../../platform/pagination.js';
import { reservationAllocations, reservations, stockBalances } from './stock.tables.js';

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

/** Where a reservation's stock is held: bin, lot and quantity per balance, by bin. */
export function allocationsOf(db: DbOrTx, reservationId: string) {
  return db
    .select({
      bin_id: stockBalances.binId,
      lot_id: stockBalances.lotId,
      quantity: reservationAllocations.quantity,
    })
    .from(reservationAllocations)
    .innerJoin(stockBalances, eq(stockBalances.id, reservationAllocations.balanceId))
    .where(eq(reservationAllocations.reservationId, reservationId))
    .orderBy(asc(stockBalances.binId));
}

/** The allocations of several reservations in one query, by reservation, each by bin. */
export async function allocationsOfMany(db: DbOrTx, reservationIds: string[]) {
  const byReservation = new Map<string, { bin_id: string; lot_id: string | null; quantity: string }[]>();
  if (reservationIds.length === 0) return byReservation;
  const found = await db
    .select({
      reservation_id: reservationAllocations.reservationId,
      bin_id: stockBalances.binId,
      lot_id: stockBalances.lotId,
      quantity: reservationAllocations.quantity,
    })
    .from(reservationAllocations)
    .innerJoin(stockBalances, eq(stockBalances.id, reservationAllocations.balanceId))
    .where(inArray(reservationAllocations.reservationId, reservationIds))
    .orderBy(asc(reservationAllocations.reservationId), asc(stockBalances.binId));
  for (const { reservation_id, ...allocation } of found) {
    byReservation.set(reservation_id, [...(byReservation.get(reservation_id) ?? []), allocation]);
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
