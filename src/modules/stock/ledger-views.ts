import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { balancesAt, nearestSnapshot } from './snapshots.repo.js';

/**
 * The ledger as other modules' reports may read it: a subquery of the non-zero balances
 * (product_id, warehouse_id, bin_id, lot_id, on_hand) at `at` (the nearest snapshot, before or after it,
 * and the ledger between), or now (the maintained balances) without `at`.
 */
export async function balancesSource(db: DbOrTx, at?: Date): Promise<SQL> {
  if (!at) {
    return sql`(select product_id, warehouse_id, bin_id, lot_id, on_hand from stock_balances where on_hand <> 0)`;
  }
  const snapshot = await nearestSnapshot(db, at);
  return sql`(${balancesAt(at, snapshot, sql`true`)})`;
}
