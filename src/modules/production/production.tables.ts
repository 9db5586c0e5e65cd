import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../db/columns.js';
import { products } from '../catalog/catalog.tables.js';
import { warehouses } from '../locations/locations.tables.js';
import { reservations } from '../stock/stock.tables.js';

const qty = (name: string) => numeric(name, { precision: 18, scale: 4, mode: 'string' });

export const WO_STATUSES = ['planned', 'released', 'in_progress', 'completed', 'cancelled'] as const;
export const WO_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export const workOrders = pgTable(
  'work_orders',
  {
    id: id(),
    woNumber: text('wo_number').notNull().unique(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    quantity: qty('quantity').notNull(),
    producedQuantity: qty('produced_quantity').notNull().default('0'),
    priority: text('priority').notNull().default('normal'),
    dueDate: date('due_date'),
    status: text('status').notNull().default('planned'),
    progress: integer('progress').notNull().default(0),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('work_orders_status_idx').on(t.status, t.dueDate),
    check('work_orders_quantity_check', sql`${t.quantity} > 0 and ${t.producedQuantity} >= 0`),
    check('work_orders_progress_check', sql`${t.progress} between 0 and 100`),
    check(
      'work_orders_status_check',
      sql`${t.status} in ('planned', 'released', 'in_progress', 'completed', 'cancelled')`,
    ),
    check('work_orders_priority_check', sql`${t.priority} in ('low', 'normal', 'high', 'urgent')`),
  ],
);

export const workOrderComponents = pgTable(
  'work_order_components',
  {
    id: id(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    quantityPerUnit: qty('quantity_per_unit').notNull(),
    consumedQuantity: qty('consumed_quantity').notNull().default('0'),
    reservationId: uuid('reservation_id').references(() => reservations.id),
  },
  (t) => [
    index('work_order_components_order_idx').on(t.workOrderId),
    check('work_order_components_per_unit_check', sql`${t.quantityPerUnit} > 0`),
  ],
);
