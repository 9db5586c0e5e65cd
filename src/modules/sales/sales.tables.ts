import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../db/columns.js';
import { products } from '../catalog/catalog.tables.js';
import { warehouses } from '../locations/locations.tables.js';
import { customers } from '../partners/partners.tables.js';
import { reservations } from '../stock/stock.tables.js';

const money = (name: string) => numeric(name, { precision: 18, scale: 2, mode: 'string' });
const qty = (name: string) => numeric(name, { precision: 18, scale: 4, mode: 'string' });

export const SO_STATUSES = [
  'draft',
  'confirmed',
  'partially_shipped',
  'shipped',
  'closed',
  'cancelled',
] as const;

export const salesOrders = pgTable(
  'sales_orders',
  {
    id: id(),
    soNumber: text('so_number').notNull().unique(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    customerName: text('customer_name').notNull(),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    status: text('status').notNull().default('draft'),
    orderDate: date('order_date').notNull(),
    taxRate: numeric('tax_rate', { precision: 5, scale: 2, mode: 'string' }).notNull().default('0'),
    subtotal: money('subtotal').notNull().default('0'),
    taxAmount: money('tax_amount').notNull().default('0'),
    total: money('total').notNull().default('0'),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('sales_orders_status_idx').on(t.status, t.orderDate),
    check(
      'sales_orders_status_check',
      sql`${t.status} in ('draft', 'confirmed', 'partially_shipped', 'shipped', 'closed', 'cancelled')`,
    ),
    check('sales_orders_tax_rate_check', sql`${t.taxRate} between 0 and 100`),
  ],
);

export const salesOrderLines = pgTable(
  'sales_order_lines',
  {
    id: id(),
    salesOrderId: uuid('sales_order_id')
      .notNull()
      .references(() => salesOrders.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    sku: text('sku').notNull(),
    productName: text('product_name').notNull(),
    quantity: qty('quantity').notNull(),
    unitPrice: numeric('unit_price', { precision: 18, scale: 4, mode: 'string' }).notNull(),
    lineTotal: money('line_total').notNull(),
    shippedQuantity: qty('shipped_quantity').notNull().default('0'),
    /** Ordered but not reservable at confirmation (allow_backorder). */
    backorderQuantity: qty('backorder_quantity').notNull().default('0'),
    /** The open reservation holding what is still to ship. */
    reservationId: uuid('reservation_id').references(() => reservations.id),
  },
  (t) => [
    index('sales_order_lines_order_idx').on(t.salesOrderId, t.lineNo),
    check('sales_order_lines_quantity_check', sql`${t.quantity} > 0`),
    check(
      'sales_order_lines_shipped_check',
      sql`${t.shippedQuantity} >= 0 and ${t.shippedQuantity} <= ${t.quantity}`,
    ),
  ],
);
