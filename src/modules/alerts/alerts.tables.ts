import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, version } from '../../db/columns.js';
import { warehouses } from '../locations/locations.tables.js';

/**
 * Alerts raised by the scheduled checks, with the figures that raised them (as they were then).
 * One per kind, product, lot, warehouse, subject, source and parameter per business day: the
 * unique key makes a second run, or a second instance, raise nothing new.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: id(),
    /** lot_expiring | lot_expired | low_stock | water_quality | water_test_overdue */
    kind: text('kind').notNull(),
    /** Stock alerts name a product; water alerts name a tank (`subject_*`) instead. */
    productId: uuid('product_id'),
    sku: text('sku'),
    productName: text('product_name'),
    /** What a non-stock alert is about (a biofloc tank), and its code as it was then. */
    subjectId: uuid('subject_id'),
    subjectLabel: text('subject_label'),
    /** The record that raised it (a water test): each one raises its own. */
    sourceId: uuid('source_id'),
    /** A water-quality alert's parameter, measured value and the limit it breached. */
    parameter: text('parameter'),
    value: numeric('value', { precision: 18, scale: 4, mode: 'number' }),
    threshold: numeric('threshold', { precision: 18, scale: 4, mode: 'number' }),
    lotId: uuid('lot_id'),
    lotNumber: text('lot_number'),
    expiryDate: date('expiry_date'),
    daysToExpiry: integer('days_to_expiry'),
    /** Null for a low-stock alert over all warehouses. */
    warehouseId: uuid('warehouse_id'),
    warehouseCode: text('warehouse_code'),
    onHand: numeric('on_hand', { precision: 18, scale: 4, mode: 'number' }),
    reorderPoint: numeric('reorder_point', { precision: 18, scale: 4, mode: 'number' }),
    /** The day (in the business time zone) the check ran for. */
    businessDay: date('business_day').notNull(),
    createdAt: createdAt(),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [
    unique('alerts_once_a_day_key')
      .on(t.kind, t.businessDay, t.productId, t.lotId, t.warehouseId, t.subjectId, t.sourceId, t.parameter)
      .nullsNotDistinct(),
    index('alerts_created_idx').on(t.createdAt),
    check(
      'alerts_kind_check',
      sql`${t.kind} in ('lot_expiring', 'lot_expired', 'low_stock', 'water_quality', 'water_test_overdue')`,
    ),
  ],
);

/**
 * Who is mailed which alerts: one user, everyone with a role, or everyone granted a module;
 * narrowed to alert kinds and optionally to one warehouse.
 */
export const alertSubscriptions = pgTable(
  'alert_subscriptions',
  {
    id: id(),
    userId: uuid('user_id'),
    role: text('role'),
    module: text('module'),
    kinds: text('kinds').array().notNull(),
    // A subscription to an unknown warehouse would never be mailed: refused (422) instead.
    warehouseId: uuid('warehouse_id').references(() => warehouses.id, { onDelete: 'cascade' }),
    /** The language the mails are written in. */
    locale: text('locale').notNull(),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    index('alert_subscriptions_user_idx').on(t.userId),
    check(
      'alert_subscriptions_one_audience_check',
      sql`num_nonnulls(${t.userId}, ${t.role}, ${t.module}) = 1`,
    ),
    check('alert_subscriptions_locale_check', sql`${t.locale} in ('en', 'hu')`),
  ],
);

/**
 * The monthly report mailed to a user: one row per month (its first day) and user, so a second
 * run of the month, or a second instance, mails nobody twice.
 */
export const monthlyReportSends = pgTable(
  'monthly_report_sends',
  {
    month: date('month').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.month, t.userId] })],
);
