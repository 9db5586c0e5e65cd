import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../../db/client.js';
import { decimal } from '../../platform/decimal.js';
import { defineError } from '../../platform/errors.js';
import type { ProductRow, ProductsService } from '../catalog/index.js';
import { lineTotalSql } from './orders.repo.js';

// index.ts exports this file, so what purchasing and sales call from the repo is passed on here.
export { lineTotalSql, recomputeOrderTotals } from './orders.repo.js';

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

/** An order's money fields as the API shows them (purchase and sales orders alike). */
export function orderTotalsPublic(order: {
  taxRate: string;
  subtotal: string;
  taxAmount: string;
  total: string;
}) {
  return {
    tax_rate: Number(order.taxRate),
    subtotal: Number(order.subtotal),
    tax_amount: Number(order.taxAmount),
    total: Number(order.total),
  };
}
