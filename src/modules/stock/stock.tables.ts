import { sql } from 'drizzle-orm';
import {
  check,
  index,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../db/columns.js';
import { lots, products } from '../catalog/catalog.tables.js';
import { bins, warehouses } from '../locations/locations.tables.js';

const qty = (name: string) => numeric(name, { precision: 18, scale: 4, mode: 'string' });

/**
 * The ledger: every change of stock, append-only (a trigger refuses UPDATE and DELETE).
 * Rows posted together by one request or document line share a `posting_id`.
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: id(),
    postingId: uuid('posting_id').notNull(),
    movementType: text('movement_type').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    binId: uuid('bin_id')
      .notNull()
      .references(() => bins.id),
    lotId: uuid('lot_id').references(() => lots.id),
    /** Signed: positive into stock, negative out of it. */
    quantity: qty('quantity').notNull(),
    unitCost: qty('unit_cost'),
    referenceType: text('reference_type'),
    referenceId: uuid('reference_id'),
    referenceNumber: text('reference_number'),
    reason: text('reason'),
    notes: text('notes').notNull().default(''),
    reversesId: uuid('reverses_id'),
    actorId: uuid('actor_id'),
    requestId: text('request_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('stock_movements_quantity_check', sql`${t.quantity} <> 0`),
    // History pages newest first, by (occurred_at, id) keyset, whole or per product, bin or
    // warehouse; `as_of` reads the rows since a snapshot's cut through the same ranges.
    index('stock_movements_occurred_idx').on(t.occurredAt, t.id),
    index('stock_movements_product_idx').on(t.productId, t.occurredAt, t.id),
    index('stock_movements_bin_idx').on(t.binId, t.occurredAt, t.id),
    // It also INCLUDEs product_id, bin_id, lot_id and quantity (migration 0027; not expressible
    // here), so as_of sums a warehouse's rows from the index alone.
    index('stock_movements_warehouse_idx').on(t.warehouseId, t.occurredAt, t.id),
    // Partial: most rows name no document and reverse nothing, and need no entry (one index
    // insert less per ledger row each).
    index('stock_movements_reference_idx')
      .on(t.referenceType, t.referenceId)
      .where(sql`${t.referenceId} is not null`),
    index('stock_movements_posting_idx').on(t.postingId),
    uniqueIndex('stock_movements_reverses_key').on(t.reversesId).where(sql`${t.reversesId} is not null`),
  ],
);

/** The projection of the ledger per (product, warehouse, bin, lot), updated in the same transaction. */
export const stockBalances = pgTable(
  'stock_balances',
  {
    id: id(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    binId: uuid('bin_id')
      .notNull()
      .references(() => bins.id),
    lotId: uuid('lot_id').references(() => lots.id),
    onHand: qty('on_hand').notNull().default('0'),
    reserved: qty('reserved').notNull().default('0'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('stock_balances_key').on(t.productId, t.warehouseId, t.binId, t.lotId).nullsNotDistinct(),
    index('stock_balances_warehouse_idx').on(t.warehouseId, t.productId),
    index('stock_balances_bin_idx').on(t.binId),
    check('stock_balances_on_hand_check', sql`${t.onHand} >= 0`),
    check('stock_balances_reserved_check', sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
  ],
);

/**
 * The moving average cost of each product, across its warehouses, kept by a trigger on the
 * ledger in the posting's own transaction: a receipt with a unit cost re-weighs it, everything
 * else leaves it as it is.
 */
export const stockCosts = pgTable('stock_costs', {
  productId: uuid('product_id')
    .primaryKey()
    .references(() => products.id),
  averageCost: numeric('average_cost', { precision: 18, scale: 6, mode: 'string' }),
  updatedAt: updatedAt(),
});

/** Stock held for an order or a transfer until it is consumed, released or expires. */
export const reservations = pgTable(
  'reservations',
  {
    id: id(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    lotId: uuid('lot_id').references(() => lots.id),
    quantity: qty('quantity').notNull(),
    /** active | released | consumed | expired */
    status: text('status').notNull().default('active'),
    reference: text('reference').notNull().default(''),
    referenceType: text('reference_type'),
    referenceId: uuid('reference_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    check('reservations_quantity_check', sql`${t.quantity} > 0`),
    index('reservations_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'active'`),
    index('reservations_reference_idx').on(t.referenceType, t.referenceId),
  ],
);

/** Which balance rows a reservation holds, and how much of each. */
export const reservationAllocations = pgTable(
  'reservation_allocations',
  {
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id),
    balanceId: uuid('balance_id')
      .notNull()
      .references(() => stockBalances.id),
    quantity: qty('quantity').notNull(),
  },
  (t) => [
    unique('reservation_allocations_key').on(t.reservationId, t.balanceId),
    check('reservation_allocations_quantity_check', sql`${t.quantity} > 0`),
  ],
);

export const stockTransfers = pgTable(
  'stock_transfers',
  {
    id: id(),
    transferNumber: text('transfer_number').notNull().unique(),
    /** pending | completed | cancelled */
    status: text('status').notNull().default('pending'),
    fromWarehouseId: uuid('from_warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    toWarehouseId: uuid('to_warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    fromBinId: uuid('from_bin_id').references(() => bins.id),
    toBinId: uuid('to_bin_id').references(() => bins.id),
    transferReference: text('transfer_reference').notNull().default(''),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [index('stock_transfers_status_idx').on(t.status, t.createdAt)],
);

export const stockTransferLines = pgTable('stock_transfer_lines', {
  id: id(),
  transferId: uuid('transfer_id')
    .notNull()
    .references(() => stockTransfers.id),
  productId: uuid('product_id')
    .notNull()
    .references(() => products.id),
  lotId: uuid('lot_id').references(() => lots.id),
  quantity: qty('quantity').notNull(),
  reservationId: uuid('reservation_id')
    .notNull()
    .references(() => reservations.id),
});
