import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../../db/client.js';
import { decimal } from '../../platform/decimal.js';
import { defineError } from '../../platform/errors.js';
import type { ProductRow, ProductsService } from '../catalog/index.js';

export const OrderErrors = {
  productUnknown: defineError('ORDER_PRODUCT_NOT_FOUND', 422, {
    en: 'No product with SKU {sku}.',
    hu: 'Nincs termék ezzel a cikkszámmal: {sku}.',
  }),
  noLines: defineError('ORDER_WITHOUT_LINES', 422, {
    en: 'An order needs at least one line.',
    hu: 'A rendeléshez legalább egy sor kell.',
  }),
};

/** A line names its product by id, by SKU, or (seed 003) by `material_code`. */
export interface LineProductRef {
  product_id?: string;
  sku?: string;
  material_code?: string;
}

/** The active product an order line refers to. */
export async function resolveLineProduct(
  products: ProductsService,
  tx: DbOrTx,
  line: LineProductRef,
): Promise<ProductRow> {
  if (line.product_id) return products.requireActive(tx, line.product_id);
  const sku = line.sku ?? line.material_code ?? '';
  return products.requireActiveBySku(tx, sku).catch((error: { code?: string }) => {
    throw error.code === 'PRODUCT_NOT_FOUND' ? OrderErrors.productUnknown({ sku }) : error;
  });
}

/** What every order line stores, from what a client sends (product by id or SKU, name snapshot). */
export async function orderLineValues(
  products: ProductsService,
  tx: DbOrTx,
  line: LineProductRef & { quantity: number; unit_price: number; material_name?: string },
  index: number,
) {
  const product = await resolveLineProduct(products, tx, line);
  const quantity = decimal(line.quantity);
  const unitPrice = decimal(line.unit_price);
  return {
    id: uuidv7(),
    lineNo: index + 1,
    productId: product.id,
    sku: product.sku,
    productName: line.material_name?.trim() || product.name,
    quantity,
    unitPrice,
    lineTotal: lineTotalSql(quantity, unitPrice),
  };
}

/** `round(quantity × unit price, 2)`: a line total, computed by the database, half-up. */
export function lineTotalSql(quantity: string, unitPrice: string) {
  return sql`round(${quantity}::numeric * ${unitPrice}::numeric, 2)`;
}

/**
 * subtotal = Σ line totals; tax = round(subtotal × rate / 100, 2); total = subtotal + tax —
 * exact decimals in SQL, never taken from the client.
 */
export async function recomputeOrderTotals(
  tx: DbOrTx,
  orders: 'purchase_orders' | 'sales_orders',
  lines: 'purchase_order_lines' | 'sales_order_lines',
  orderColumn: 'purchase_order_id' | 'sales_order_id',
  orderId: string,
): Promise<void> {
  await tx.execute(sql`
    update ${sql.identifier(orders)} o
    set subtotal = s.sub, tax_amount = round(s.sub * o.tax_rate / 100, 2), total = s.sub + round(s.sub * o.tax_rate / 100, 2)
    from (select coalesce(sum(line_total), 0) as sub from ${sql.identifier(lines)} where ${sql.identifier(orderColumn)} = ${orderId}::uuid) s
    where o.id = ${orderId}::uuid`);
}
