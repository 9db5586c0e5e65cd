import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../db/columns.js';
import { products } from '../catalog/catalog.tables.js';
import { bioflocBatches, bioflocTanks, measure, money } from './biofloc.tables.js';

export const INPUT_TYPES = ['chemical', 'probiotic', 'carbon_source', 'mineral', 'other'] as const;
export const HARVEST_TYPES = ['partial', 'complete'] as const;

/** A feeding session: its items were issued from stock in the same transaction (`posting_id`). */
export const bioflocFeedings = pgTable(
  'biofloc_feedings',
  {
    id: id(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => bioflocBatches.id),
    tankId: uuid('tank_id')
      .notNull()
      .references(() => bioflocTanks.id),
    feedingDate: date('feeding_date').notNull(),
    sessionNumber: integer('session_number').notNull(),
    feedTime: text('feed_time'),
    totalKg: measure('total_kg').notNull(),
    cost: money('cost').notNull(),
    biomassKg: measure('biomass_kg').notNull(),
    feedingRatePct: numeric('feeding_rate_pct', { precision: 18, scale: 4, mode: 'string' }),
    postingId: uuid('posting_id').notNull(),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('biofloc_feedings_batch_idx').on(t.batchId, t.feedingDate)],
);

export const bioflocFeedingItems = pgTable(
  'biofloc_feeding_items',
  {
    id: id(),
    feedingId: uuid('feeding_id')
      .notNull()
      .references(() => bioflocFeedings.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    quantityKg: measure('quantity_kg').notNull(),
    /** The product's moving average cost when issued (null: never received at a cost). */
    unitCost: numeric('unit_cost', { precision: 18, scale: 6, mode: 'string' }),
    cost: money('cost').notNull(),
  },
  (t) => [index('biofloc_feeding_items_feeding_idx').on(t.feedingId)],
);

/** A chemical, probiotic, carbon source or mineral put into a tank, issued from stock with it. */
export const bioflocTankInputs = pgTable(
  'biofloc_tank_inputs',
  {
    id: id(),
    tankId: uuid('tank_id')
      .notNull()
      .references(() => bioflocTanks.id),
    batchId: uuid('batch_id').references(() => bioflocBatches.id),
    inputDate: date('input_date').notNull(),
    inputTime: text('input_time'),
    inputType: text('input_type').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    quantity: measure('quantity').notNull(),
    unit: text('unit').notNull(),
    unitCost: numeric('unit_cost', { precision: 18, scale: 6, mode: 'string' }),
    cost: money('cost').notNull(),
    reason: text('reason').notNull().default(''),
    postingId: uuid('posting_id').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('biofloc_tank_inputs_tank_idx').on(t.tankId, t.inputDate),
    check(
      'biofloc_tank_inputs_type_check',
      sql`${t.inputType} in ('chemical', 'probiotic', 'carbon_source', 'mineral', 'other')`,
    ),
  ],
);

/** One breach of a water test against its profile, as raised. */
export interface WaterBreach {
  parameter: string;
  value: number;
  threshold: number;
  breach: 'below' | 'above';
}

export const bioflocWaterTests = pgTable(
  'biofloc_water_tests',
  {
    id: id(),
    tankId: uuid('tank_id')
      .notNull()
      .references(() => bioflocTanks.id),
    batchId: uuid('batch_id').references(() => bioflocBatches.id),
    testDate: date('test_date').notNull(),
    testTime: text('test_time'),
    temperatureC: measure('temperature_c'),
    ph: measure('ph'),
    dissolvedOxygenMgl: measure('dissolved_oxygen_mgl'),
    salinityPpt: measure('salinity_ppt'),
    ammoniaNh3Mgl: measure('ammonia_nh3_mgl'),
    nitriteNo2Mgl: measure('nitrite_no2_mgl'),
    nitrateNo3Mgl: measure('nitrate_no3_mgl'),
    alkalinityMgl: measure('alkalinity_mgl'),
    hardnessMgl: measure('hardness_mgl'),
    turbidityNtu: measure('turbidity_ntu'),
    tdsMgl: measure('tds_mgl'),
    flocVolumeMll: measure('floc_volume_mll'),
    breaches: jsonb('breaches').$type<WaterBreach[]>().notNull().default([]),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('biofloc_water_tests_tank_idx').on(t.tankId, t.createdAt),
    check('biofloc_water_tests_ph_check', sql`${t.ph} between 0 and 14`),
  ],
);

/** Water-quality limits of one species; `default` applies to species without their own. */
export const bioflocWaterProfiles = pgTable('biofloc_water_profiles', {
  id: id(),
  species: text('species').notNull().unique(),
  doMin: measure('do_min'),
  nh3Max: measure('nh3_max'),
  no2Max: measure('no2_max'),
  phMin: measure('ph_min'),
  phMax: measure('ph_max'),
  flocMin: measure('floc_min'),
  flocMax: measure('floc_max'),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const bioflocSamplings = pgTable(
  'biofloc_samplings',
  {
    id: id(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => bioflocBatches.id),
    sampleDate: date('sample_date').notNull(),
    sampleSize: integer('sample_size').notNull(),
    avgWeightG: measure('avg_weight_g').notNull(),
    minWeightG: measure('min_weight_g'),
    maxWeightG: measure('max_weight_g'),
    avgLengthCm: measure('avg_length_cm'),
    conditionFactor: measure('condition_factor'),
    fishCount: integer('fish_count').notNull(),
    biomassKg: measure('biomass_kg').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('biofloc_samplings_batch_idx').on(t.batchId, t.sampleDate)],
);

export const bioflocMortalities = pgTable(
  'biofloc_mortalities',
  {
    id: id(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => bioflocBatches.id),
    mortalityDate: date('mortality_date').notNull(),
    count: integer('count').notNull(),
    cause: text('cause').notNull().default(''),
    avgWeightG: measure('avg_weight_g').notNull(),
    biomassKg: measure('biomass_kg').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('biofloc_mortalities_batch_idx').on(t.batchId, t.mortalityDate),
    check('biofloc_mortalities_count_check', sql`${t.count} > 0`),
  ],
);

/** A harvest: the fish went into stock as the harvest product, in kg, in a lot of its own. */
export const bioflocHarvests = pgTable(
  'biofloc_harvests',
  {
    id: id(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => bioflocBatches.id),
    harvestDate: date('harvest_date').notNull(),
    harvestType: text('harvest_type').notNull(),
    fishCount: integer('fish_count').notNull(),
    totalWeightKg: measure('total_weight_kg').notNull(),
    avgWeightG: measure('avg_weight_g').notNull(),
    grade: text('grade').notNull().default(''),
    buyer: text('buyer').notNull().default(''),
    pricePerKg: money('price_per_kg'),
    revenue: money('revenue').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    lotNumber: text('lot_number').notNull(),
    postingId: uuid('posting_id').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('biofloc_harvests_batch_idx').on(t.batchId),
    check('biofloc_harvests_type_check', sql`${t.harvestType} in ('partial', 'complete')`),
  ],
);
