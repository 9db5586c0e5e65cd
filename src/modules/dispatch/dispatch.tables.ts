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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../db/columns.js';
import { products } from '../catalog/catalog.tables.js';
import { warehouses } from '../locations/locations.tables.js';

export const PROJECT_STATUSES = ['active', 'inactive', 'completed'] as const;
export const DRILLHOLE_STATUSES = ['active', 'completed', 'abandoned'] as const;
export const DISPATCH_STATUSES = ['outstanding', 'partially_returned', 'returned'] as const;
export const RETURN_CONDITIONS = ['good', 'fair', 'damaged'] as const;
export const SAMPLE_TYPES = [
  'core',
  'assay',
  'geochemical',
  'mineralogy',
  'duplicate',
  'standard',
  'blank',
] as const;
export const SAMPLE_STATUSES = ['collected', 'processing', 'completed'] as const;

const metres = (name: string) => numeric(name, { precision: 10, scale: 2, mode: 'string' });
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const companies = pgTable(
  'companies',
  {
    id: id(),
    name: text('name').notNull(),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('companies_name_key').on(sql`lower(${t.name})`)],
);

export const projects = pgTable(
  'projects',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    location: text('location').notNull().default(''),
    status: text('status').notNull().default('active'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('projects_code_key').on(sql`lower(${t.code})`),
    index('projects_company_idx').on(t.companyId),
    check('projects_status_check', sql`${t.status} in (${inList(PROJECT_STATUSES)})`),
  ],
);

export const drillholes = pgTable(
  'drillholes',
  {
    id: id(),
    code: text('code').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    plannedDepth: metres('planned_depth'),
    actualDepth: metres('actual_depth'),
    collarEasting: numeric('collar_easting', { precision: 14, scale: 3, mode: 'string' }),
    collarNorthing: numeric('collar_northing', { precision: 14, scale: 3, mode: 'string' }),
    collarElevation: numeric('collar_elevation', { precision: 10, scale: 3, mode: 'string' }),
    status: text('status').notNull().default('active'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('drillholes_project_code_key').on(t.projectId, sql`lower(${t.code})`),
    check('drillholes_status_check', sql`${t.status} in (${inList(DRILLHOLE_STATUSES)})`),
    check(
      'drillholes_depth_check',
      sql`coalesce(${t.plannedDepth}, 0) >= 0 and coalesce(${t.actualDepth}, 0) >= 0`,
    ),
  ],
);

export const dispatches = pgTable(
  'dispatches',
  {
    id: id(),
    dispatchNumber: text('dispatch_number').notNull().unique(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    drillholeId: uuid('drillhole_id')
      .notNull()
      .references(() => drillholes.id),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    dispatchDate: date('dispatch_date').notNull(),
    driver: text('driver').notNull().default(''),
    technician: text('technician').notNull().default(''),
    samplesCollected: integer('samples_collected').notNull().default(0),
    sampleType: text('sample_type').notNull().default(''),
    notes: text('notes').notNull().default(''),
    status: text('status').notNull().default('outstanding'),
    returnDate: date('return_date'),
    returnCondition: text('return_condition'),
    returnNotes: text('return_notes').notNull().default(''),
    returnDriver: text('return_driver').notNull().default(''),
    returnTechnician: text('return_technician').notNull().default(''),
    writeOffReason: text('write_off_reason'),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('dispatches_status_idx').on(t.status, t.dispatchDate),
    index('dispatches_project_idx').on(t.projectId),
    index('dispatches_drillhole_idx').on(t.drillholeId),
    index('dispatches_company_idx').on(t.companyId),
    check('dispatches_status_check', sql`${t.status} in (${inList(DISPATCH_STATUSES)})`),
    check('dispatches_samples_check', sql`${t.samplesCollected} >= 0`),
  ],
);

/** The trays of one type a dispatch took, and what came back or was written off. */
export const dispatchTrays = pgTable(
  'dispatch_trays',
  {
    dispatchId: uuid('dispatch_id')
      .notNull()
      .references(() => dispatches.id, { onDelete: 'cascade' }),
    trayType: text('tray_type').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    dispatched: integer('dispatched').notNull(),
    returned: integer('returned').notNull().default(0),
    writtenOff: integer('written_off').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.dispatchId, t.trayType] }),
    check(
      'dispatch_trays_counts_check',
      sql`${t.dispatched} >= 0 and ${t.returned} >= 0 and ${t.writtenOff} >= 0
        and ${t.returned} + ${t.writtenOff} <= ${t.dispatched}`,
    ),
  ],
);

export const samples = pgTable(
  'samples',
  {
    id: id(),
    sampleCode: text('sample_code').notNull(),
    dispatchId: uuid('dispatch_id')
      .notNull()
      .references(() => dispatches.id),
    drillholeId: uuid('drillhole_id')
      .notNull()
      .references(() => drillholes.id),
    fromDepth: metres('from_depth').notNull(),
    toDepth: metres('to_depth').notNull(),
    sampleType: text('sample_type').notNull().default('core'),
    status: text('status').notNull().default('collected'),
    notes: text('notes').notNull().default(''),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('samples_code_key').on(sql`lower(${t.sampleCode})`),
    index('samples_drillhole_idx').on(t.drillholeId, t.fromDepth),
    index('samples_dispatch_idx').on(t.dispatchId),
    check('samples_depth_check', sql`${t.fromDepth} >= 0 and ${t.fromDepth} < ${t.toDepth}`),
    check('samples_type_check', sql`${t.sampleType} in (${inList(SAMPLE_TYPES)})`),
    check('samples_status_check', sql`${t.status} in (${inList(SAMPLE_STATUSES)})`),
  ],
);
