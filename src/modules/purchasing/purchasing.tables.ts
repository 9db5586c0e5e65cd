import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../db/columns.js';
import { products } from '../catalog/catalog.tables.js';
import { suppliers } from '../partners/partners.tables.js';

const money = (name: string) => numeric(name, { precision: 18, scale: 2, mode: 'string' });
const qty = (name: string) => numeric(name, { precision: 18, scale: 4, mode: 'string' });

export const PO_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'partially_received',
  'received',
  'closed',
  'cancelled',
] as const;

export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: id(),
    poNumber: text('po_number').notNull().unique(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    /** The supplier's name when the order was made. */
    supplierName: text('supplier_name').notNull(),
    status: text('status').notNull().default('draft'),
    poDate: date('po_date').notNull(),
    dueDate: date('due_date'),
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
    index('purchase_orders_status_idx').on(t.status, t.poDate),
    index('purchase_orders_supplier_idx').on(t.supplierId),
    check(
      'purchase_orders_status_check',
      sql`${t.status} in ('draft', 'submitted', 'approved', 'partially_received', 'received', 'closed', 'cancelled')`,
    ),
    check('purchase_orders_tax_rate_check', sql`${t.taxRate} between 0 and 100`),
    check('purchase_orders_dates_check', sql`${t.dueDate} is null or ${t.dueDate} >= ${t.poDate}`),
  ],
);

export const purchaseOrderLines = pgTable(
  'purchase_order_lines',
  {
    id: id(),
    purchaseOrderId: uuid('purchase_order_id')
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    sku: text('sku').notNull(),
    productName: text('product_name').notNull(),
    quantity: qty('quantity').notNull(),
    unitPrice: numeric('unit_price', { precision: 18, scale: 4, mode: 'string' }).notNull(),
    lineTotal: money('line_total').notNull(),
    receivedQuantity: qty('received_quantity').notNull().default('0'),
    notes: text('notes').notNull().default(''),
  },
  (t) => [
    index('purchase_order_lines_order_idx').on(t.purchaseOrderId, t.lineNo),
    check('purchase_order_lines_quantity_check', sql`${t.quantity} > 0`),
    check('purchase_order_lines_price_check', sql`${t.unitPrice} >= 0`),
    check('purchase_order_lines_received_check', sql`${t.receivedQuantity} >= 0`),
  ],
);
