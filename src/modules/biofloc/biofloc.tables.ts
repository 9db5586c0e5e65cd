import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../db/columns.js';
import { products } from '../catalog/catalog.tables.js';
import { warehouses } from '../locations/locations.tables.js';

/** Counts of fish, weights in grams and kilograms, money: exact numerics. */
export const measure = (name: string) => numeric(name, { precision: 18, scale: 4, mode: 'string' });
export const money = (name: string) => numeric(name, { precision: 18, scale: 4, mode: 'string' });

export const TANK_TYPES = ['circular', 'rectangular', 'raceway'] as const;
export const TANK_STATUSES = ['available', 'in_use', 'maintenance', 'decommissioned'] as const;
export const BATCH_STATUSES = ['active', 'harvested', 'terminated', 'graded'] as const;
export const TRANSFER_REASONS = [
  'initial_stocking',
  'growth_transfer',
  'harvest',
  'maintenance',
  'manual',
  'other',
] as const;

/**
 * A culture tank. Its stock operations use its warehouse, or the configured default when it has
 * none. `in_use_since` dates the "no water test in 24 h" check from the stocking.
 */
export const bioflocTanks = pgTable(
  'biofloc_tanks',
  {
    id: id(),
    tankCode: text('tank_code').notNull().unique(),
    tankName: text('tank_name').notNull(),
    capacityLiters: measure('capacity_liters').notNull(),
    location: text('location').notNull().default(''),
    tankType: text('tank_type').notNull().default('circular'),
    status: text('status').notNull().default('available'),
    warehouseId: uuid('warehouse_id').references(() => warehouses.id),
    notes: text('notes').notNull().default(''),
    isActive: boolean('is_active').notNull().default(true),
    inUseSince: timestamp('in_use_since', { withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('biofloc_tanks_capacity_check', sql`${t.capacityLiters} > 0`),
    check('biofloc_tanks_type_check', sql`${t.tankType} in ('circular', 'rectangular', 'raceway')`),
    check(
      'biofloc_tanks_status_check',
      sql`${t.status} in ('available', 'in_use', 'maintenance', 'decommissioned')`,
    ),
  ],
);

/**
 * A batch of fish from stocking to harvest. Counts, weights and costs to date are kept on it in
 * the same transaction as each record that changes them; the results of a complete harvest too.
 */
export const bioflocBatches = pgTable(
  'biofloc_batches',
  {
    id: id(),
    batchCode: text('batch_code').notNull().unique(),
    species: text('species').notNull(),
    source: text('source').notNull().default(''),
    stockingDate: date('stocking_date').notNull(),
    initialCount: integer('initial_count').notNull(),
    initialAvgWeightG: measure('initial_avg_weight_g').notNull(),
    currentCount: integer('current_count').notNull(),
    currentAvgWeightG: measure('current_avg_weight_g').notNull(),
    totalMortality: integer('total_mortality').notNull().default(0),
    deadBiomassKg: measure('dead_biomass_kg').notNull().default('0'),
    totalFeedKg: measure('total_feed_kg').notNull().default('0'),
    feedCost: money('feed_cost').notNull().default('0'),
    inputCost: money('input_cost').notNull().default('0'),
    fingerlingCost: money('fingerling_cost').notNull().default('0'),
    /** The share of the parent's cost to date a graded group carries. */
    inheritedCost: money('inherited_cost').notNull().default('0'),
    harvestedCount: integer('harvested_count').notNull().default(0),
    harvestedKg: measure('harvested_kg').notNull().default('0'),
    revenue: money('revenue').notNull().default('0'),
    status: text('status').notNull().default('active'),
    currentTankId: uuid('current_tank_id')
      .notNull()
      .references(() => bioflocTanks.id),
    harvestProductId: uuid('harvest_product_id').references(() => products.id),
    stockProductId: uuid('stock_product_id').references(() => products.id),
    parentBatchId: uuid('parent_batch_id'),
    /** The day the current average weight was measured (stocking, sampling, harvest): SGR runs to it. */
    weighedOn: date('weighed_on').notNull(),
    endDate: date('end_date'),
    notes: text('notes').notNull().default(''),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One active batch per tank: a second stocking races into this index and loses.
    uniqueIndex('biofloc_batches_one_active_per_tank').on(t.currentTankId).where(sql`${t.status} = 'active'`),
    index('biofloc_batches_status_idx').on(t.status),
    check('biofloc_batches_counts_check', sql`${t.initialCount} > 0 and ${t.currentCount} >= 0`),
    check(
      'biofloc_batches_status_check',
      sql`${t.status} in ('active', 'harvested', 'terminated', 'graded')`,
    ),
  ],
);

/** Where a batch has been: one row per stocking and transfer. */
export const bioflocTankHistory = pgTable(
  'biofloc_tank_history',
  {
    id: id(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => bioflocBatches.id),
    tankId: uuid('tank_id')
      .notNull()
      .references(() => bioflocTanks.id),
    fromTankId: uuid('from_tank_id').references(() => bioflocTanks.id),
    transferDate: date('transfer_date').notNull(),
    reason: text('reason').notNull(),
    fishCount: integer('fish_count').notNull(),
    avgWeightG: measure('avg_weight_g').notNull(),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('biofloc_tank_history_batch_idx').on(t.batchId, t.createdAt)],
);
