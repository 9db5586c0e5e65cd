import { sql } from 'drizzle-orm';
import { boolean, check, index, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../db/columns.js';

export const warehouses = pgTable(
  'warehouses',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    isActive: boolean('is_active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('warehouses_code_key').on(sql`lower(${t.code})`)],
);

export const BIN_TYPES = ['storage', 'picking', 'receiving', 'shipping', 'quarantine'] as const;

export const bins = pgTable(
  'bins',
  {
    id: id(),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    code: text('code').notNull(),
    type: text('type').notNull().default('storage'),
    capacity: numeric('capacity', { precision: 18, scale: 4, mode: 'number' }),
    /** Where stock posted to the warehouse without a bin lands; one per warehouse. */
    isDefault: boolean('is_default').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bins_warehouse_code_key').on(t.warehouseId, sql`lower(${t.code})`),
    uniqueIndex('bins_one_default_key').on(t.warehouseId).where(sql`${t.isDefault}`),
    index('bins_code_trgm_idx').using('gin', sql`lower(${t.code}) gin_trgm_ops`),
    check('bins_type_check', sql`${t.type} in ('storage', 'picking', 'receiving', 'shipping', 'quarantine')`),
    check('bins_capacity_check', sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
);
