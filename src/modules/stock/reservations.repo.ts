import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';
import { fefoAllocation, scopeParams, type TakeScope } from './ledger.repo.js';

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

/** What reservations hold, balance by balance: a transfer moves exactly this to its destination. */
export async function heldPieces(db: DbOrTx, reservationIds: string[]) {
  const result =
    (await db.execute(sql`select a.reservation_id, b.product_id, b.lot_id, a.quantity::text as quantity
    from reservation_allocations a join stock_balances b on b.id = a.balance_id
    where a.reservation_id = any(${sql.param(reservationIds)}::uuid[])
    order by a.reservation_id, b.product_id, b.warehouse_id, b.bin_id, b.lot_id`)) as unknown as {
      rows: { reservation_id: string; product_id: string; lot_id: string | null; quantity: string }[];
    };
  return result.rows;
}
