import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

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
