import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';
import {
  fefoAllocation,
  type MovementMeta,
  type MovementRow,
  metaParams,
  metaTail,
  metaValues,
  movementColumns,
  scopeParams,
  type TakeScope,
} from './ledger.repo.js';

const holdStatement = preparedStatement<{ balance_id: string; quantity: string }, Record<string, unknown>>(
  () => sql`with ${fefoAllocation}, held as (
      update stock_balances b set reserved = b.reserved + a.take, updated_at = now()
      from allocation a where b.id = a.id and b.on_hand - b.reserved >= a.take
      returning b.id, a.take
    )
    insert into reservation_allocations (reservation_id, balance_id, quantity)
    select ${sql.placeholder('reservationId')}::uuid, id, take from held
    returning balance_id, quantity::text as quantity`,
);

const consumeStatement = preparedStatement<MovementRow, Record<string, unknown>>(
  () => sql`with taken as (
      update stock_balances b set on_hand = b.on_hand - a.quantity, reserved = b.reserved - a.quantity, updated_at = now()
      from reservation_allocations a
      where a.reservation_id = ${sql.placeholder('reservationId')}::uuid and b.id = a.balance_id
      returning b.product_id, b.warehouse_id, b.bin_id, b.lot_id, a.quantity as take
    )
    insert into stock_movements ${movementColumns}
    select raktar_uuidv7(), ${metaValues} product_id, warehouse_id, bin_id, lot_id, -take, ${metaTail}
    from taken
    order by product_id, bin_id, lot_id
    returning *`,
);

/**
 * Holds `quantity` of available stock for a reservation, FEFO like an issue: raises `reserved` on
 * the chosen balances and records which ones, in one statement. No rows back = not enough.
 */
export function holdStockFefo(db: DbOrTx, reservationId: string, scope: TakeScope, quantity: string) {
  return holdStatement(db, { ...scopeParams(scope, quantity), reservationId });
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
  return consumeStatement(db, { ...metaParams(meta), reservationId });
}
