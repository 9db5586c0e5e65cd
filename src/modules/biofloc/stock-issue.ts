import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../../db/client.js';
import { multiplyDecimal, sumDecimals } from '../../platform/decimal.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import type { ProductRow, ProductsService } from '../catalog/index.js';
import type { PostLine, StockService } from '../stock/index.js';
import { BioflocErrors } from './biofloc.errors.js';

/** An item named by SKU or product id, as the seed's clients send either. */
export interface ItemRef {
  sku?: string;
  product_id?: string;
}

/** The active product an item names: unknown → 404, inactive → 409, neither named → 422. */
export async function productOf(db: DbOrTx, products: ProductsService, ref: ItemRef): Promise<ProductRow> {
  if (ref.product_id) return products.requireActive(db, ref.product_id);
  if (ref.sku) return products.requireActiveBySku(db, ref.sku);
  throw BioflocErrors.productRequired();
}

export interface IssueItem {
  productId: string;
  quantity: string;
}

/** The document an issue is for, as the ledger records it. */
export interface IssueReference {
  referenceType: string;
  referenceId: string;
  referenceNumber: string;
}

export interface IssuedItem extends IssueItem {
  /** The moving average cost it left at (null: never received at a cost). */
  unitCost: string | null;
  cost: string;
}

/**
 * Issues every item FEFO from the warehouse in one posting, all or nothing (the first short item
 * throws INSUFFICIENT_STOCK naming it), each ledger row costed at the product's moving average.
 */
export async function issueFromStock(
  tx: DbOrTx,
  ctx: RequestCtx,
  stock: StockService,
  warehouseId: string,
  items: IssueItem[],
  reference: IssueReference,
): Promise<{ postingId: string; items: IssuedItem[]; cost: string }> {
  const postingId = uuidv7();
  const costs = await stock.averageCosts(
    tx,
    items.map((item) => item.productId),
  );
  const lines: PostLine[] = items.map((item) => ({
    kind: 'take',
    type: 'issue',
    postingId,
    productId: item.productId,
    warehouseId,
    quantity: item.quantity,
    unitCost: costs.get(item.productId) ?? null,
    ...reference,
  }));
  await stock.postAll(tx, ctx, lines);
  const issued = items.map((item) => {
    const unitCost = costs.get(item.productId) ?? null;
    return { ...item, unitCost, cost: unitCost ? multiplyDecimal(item.quantity, unitCost) : '0' };
  });
  return { postingId, items: issued, cost: sumDecimals(issued.map((item) => item.cost)) };
}
