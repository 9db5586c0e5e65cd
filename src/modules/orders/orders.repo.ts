import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

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
