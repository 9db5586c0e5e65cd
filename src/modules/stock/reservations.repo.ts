import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  fefoAllocation,
  type MovementMeta,
  type MovementRow,
  metaTail,
  metaValues,
  movementColumns,
  type TakeScope,
} from './ledger.repo.js';

async function rows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * Holds `quantity` of available stock for a reservation, FEFO like an issue: raises `reserved` on
 * the chosen balances and records which ones, in one statement. No rows back = not enough.
 */
export async function holdStockFefo(db: DbOrTx, reservationId: string, scope: TakeScope, quantity: string) {
  return rows<{ balance_id: string; quantity: string }>(
    db,
    sql`with ${fefoAllocation(scope, quantity)}, held as (
      update stock_balances b set reserved = b.reserved + a.take, updated_at = now()
      from allocation a where b.id = a.id and b.on_hand - b.reserved >= a.take
      returning b.id, a.take
    )
    insert into reservation_allocations (reservation_id, balance_id, quantity)
    select ${reservationId}::uuid, id, take from held
    returning balance_id, quantity::text as quantity`,
  );
}

/** Locks the balances a reservation holds, in key order (before changing them). */
async function lockHeldBalances(db: DbOrTx, reservationId: string): Promise<void> {
  await db.execute(sql`select b.id from stock_balances b
    join reservation_allocations a on a.balance_id = b.id
    where a.reservation_id = ${reservationId}::uuid
    order by b.product_id, b.warehouse_id, b.bin_id, b.lot_id
    for update of b`);
}

/** Gives a reservation's held quantities back to `available`. */
export async function unholdStock(db: DbOrTx, reservationId: string): Promise<void> {
  await lockHeldBalances(db, reservationId);
  await db.execute(sql`update stock_balances b set reserved = b.reserved - a.quantity, updated_at = now()
    from reservation_allocations a where a.reservation_id = ${reservationId}::uuid and b.id = a.balance_id`);
}

/**
 * Turns a reservation into outbound ledger rows: on hand and reserved go down together on the
 * balances it held, with one ledger row per balance, in one statement.
 */
export async function consumeHeldStock(
  db: DbOrTx,
  reservationId: string,
  meta: MovementMeta,
): Promise<MovementRow[]> {
  await lockHeldBalances(db, reservationId);
  return rows<MovementRow>(
    db,
    sql`with taken as (
      update stock_balances b set on_hand = b.on_hand - a.quantity, reserved = b.reserved - a.quantity, updated_at = now()
      from reservation_allocations a
      where a.reservation_id = ${reservationId}::uuid and b.id = a.balance_id
      returning b.product_id, b.warehouse_id, b.bin_id, b.lot_id, a.quantity as take
    )
    insert into stock_movements ${movementColumns}
    select raktar_uuidv7(), ${metaValues(meta)} product_id, warehouse_id, bin_id, lot_id, -take, ${metaTail(meta)}
    from taken
    order by product_id, bin_id, lot_id
    returning *`,
  );
}
