import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';

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
