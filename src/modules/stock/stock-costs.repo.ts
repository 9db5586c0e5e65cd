import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { stockCosts } from './stock.tables.js';

/** The moving average cost of each product that has one, by product id. */
export async function averageCostsOf(db: DbOrTx, productIds: string[]): Promise<Map<string, string>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .select({ productId: stockCosts.productId, averageCost: stockCosts.averageCost })
    .from(stockCosts)
    .where(inArray(stockCosts.productId, productIds));
  return new Map(rows.flatMap((row) => (row.averageCost == null ? [] : [[row.productId, row.averageCost]])));
}
