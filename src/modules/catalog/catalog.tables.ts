import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../db/columns.js';
import { suppliers } from '../partners/partners.tables.js';

export const units = pgTable(
  'units',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    /** Decimal places a quantity in this unit may have (0 for pieces). */
    decimals: integer('decimals').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [check('units_decimals_check', sql`${t.decimals} between 0 and 6`)],
);

export const categories = pgTable(
  'categories',
  {
    id: id(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    parentId: uuid('parent_id').references((): AnyPgColumn => categories.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('categories_name_key').on(sql`lower(${t.name})`),
    index('categories_parent_idx').on(t.parentId),
  ],
);

export const products = pgTable(
  'products',
  {
    id: id(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    categoryId: uuid('category_id').references(() => categories.id),
    unitCode: text('unit_code')
      .notNull()
      .default('pcs')
      .references(() => units.code),
    unitPrice: numeric('unit_price', { precision: 18, scale: 4, mode: 'number' }).notNull().default(0),
    barcode: text('barcode'),
    tracking: text('tracking').notNull().default('none'),
    shelfLifeDays: integer('shelf_life_days'),
    reorderPoint: numeric('reorder_point', { precision: 18, scale: 4, mode: 'number' }).notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    /**
     * Name, SKU, barcode, description and category name, lower-cased and accent-free: kept by
     * triggers (products_search_text_trg, categories_search_text_trg), never written by the app.
     */
    searchText: text('search_text').notNull().default(''),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // SKUs stay taken after a soft delete: the index covers inactive products too.
    uniqueIndex('products_sku_key').on(sql`lower(${t.sku})`),
    uniqueIndex('products_barcode_key').on(t.barcode).where(sql`${t.barcode} is not null`),
    index('products_search_text_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('products_category_idx').on(t.categoryId),
    index('products_created_idx').on(t.createdAt),
    index('products_name_idx').on(t.name),
    // Lists in SKU order (products by SKU, balances) walk this and stop at the page.
    index('products_sku_idx').on(t.sku),
    check('products_tracking_check', sql`${t.tracking} in ('none', 'lot')`),
    check('products_unit_price_check', sql`${t.unitPrice} >= 0`),
    check('products_reorder_point_check', sql`${t.reorderPoint} >= 0`),
    check('products_shelf_life_check', sql`${t.shelfLifeDays} is null or ${t.shelfLifeDays} > 0`),
  ],
);

export const lots = pgTable(
  'lots',
  {
    id: id(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    lotNumber: text('lot_number').notNull(),
    expiryDate: date('expiry_date'),
    manufacturedOn: date('manufactured_on'),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('lots_product_number_key').on(t.productId, sql`lower(${t.lotNumber})`),
    index('lots_product_expiry_idx').on(t.productId, t.expiryDate),
    check(
      'lots_dates_check',
      sql`${t.manufacturedOn} is null or ${t.expiryDate} is null or ${t.manufacturedOn} <= ${t.expiryDate}`,
    ),
  ],
);
