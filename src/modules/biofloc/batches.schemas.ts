import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { BATCH_STATUSES, TRANSFER_REASONS } from './biofloc.tables.js';
import { amount, day, fishCount, orNull, stamp, text, uuid } from './common.schemas.js';

export const BatchCreate = Type.Object(
  {
    batch_code: Type.String({ minLength: 1, maxLength: 64 }),
    species: Type.String({ minLength: 1, maxLength: 100 }),
    source: Type.Optional(text(200)),
    stocking_date: day,
    initial_count: fishCount(),
    initial_avg_weight_g: amount({ exclusiveMinimum: 0, maximum: 1e6 }),
    tank_id: uuid,
    harvest_product_id: Type.Optional(
      Type.String({ format: 'uuid', description: 'The product the harvest becomes (kg, lot-tracked)' }),
    ),
    harvest_sku: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'Or its SKU. Neither: one product per species, created at the first harvest',
      }),
    ),
    stock_product_id: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Fingerlings bought as stock: initial_count of them are issued from the farm warehouse',
      }),
    ),
    notes: Type.Optional(text()),
  },
  {
    examples: [
      {
        batch_code: 'B-2026-01',
        species: 'Tilapia',
        source: 'Hatchery Kft.',
        stocking_date: '2026-01-01',
        initial_count: 5000,
        initial_avg_weight_g: 10,
        tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f01',
      },
    ],
  },
);
export type BatchCreate = Static<typeof BatchCreate>;

export const batchExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f02',
  batch_code: 'B-2026-01',
  species: 'Tilapia',
  source: 'Hatchery Kft.',
  stocking_date: '2026-01-01',
  initial_count: 5000,
  initial_avg_weight_g: 10,
  initial_biomass_kg: 50,
  current_count: 4800,
  current_avg_weight_g: 50,
  current_biomass_kg: 240,
  total_mortality: 200,
  mortality_pct: 4,
  total_feed_kg: 2.5,
  feed_cost: 5,
  input_cost: 0,
  fingerling_cost: 0,
  inherited_cost: 0,
  total_cost: 5,
  harvested_count: 0,
  harvested_kg: 0,
  revenue: 0,
  survival_pct: 96,
  fcr: null,
  sgr: null,
  cost_per_kg: null,
  status: 'active',
  current_tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f01',
  current_tank_name: 'Tank 1',
  harvest_product_id: null,
  stock_product_id: null,
  parent_batch_id: null,
  weighed_on: '2026-02-01',
  end_date: null,
  notes: '',
  version: 4,
  created_at: '2026-01-01T08:00:00.000Z',
  updated_at: '2026-02-01T08:00:00.000Z',
};
const num = Type.Number();
const ratio = (description: string) => orNull(Type.Number({ description }));
export const BatchPublic = Type.Object(
  {
    id: uuid,
    batch_code: Type.String(),
    species: Type.String(),
    source: Type.String(),
    stocking_date: day,
    initial_count: Type.Integer(),
    initial_avg_weight_g: num,
    initial_biomass_kg: num,
    current_count: Type.Integer(),
    current_avg_weight_g: num,
    current_biomass_kg: Type.Number({ description: 'current_count × current_avg_weight_g ÷ 1000' }),
    total_mortality: Type.Integer(),
    mortality_pct: Type.Number({ description: 'total_mortality ÷ initial_count × 100' }),
    total_feed_kg: num,
    feed_cost: num,
    input_cost: num,
    fingerling_cost: num,
    inherited_cost: Type.Number({
      description: 'A graded group: its share (by biomass) of the parent’s cost',
    }),
    total_cost: num,
    harvested_count: Type.Integer(),
    harvested_kg: num,
    revenue: num,
    survival_pct: ratio('(current + harvested) ÷ initial × 100'),
    fcr: ratio('feed ÷ (harvested + dead + standing − initial biomass)'),
    sgr: ratio('(ln W2 − ln W1) ÷ days × 100, W2 as weighed on weighed_on'),
    cost_per_kg: ratio('total cost ÷ harvested kg'),
    status: Type.String({ description: BATCH_STATUSES.join(' | ') }),
    current_tank_id: uuid,
    current_tank_name: Type.String(),
    harvest_product_id: orNull(uuid),
    stock_product_id: orNull(uuid),
    parent_batch_id: orNull(uuid),
    weighed_on: day,
    end_date: orNull(day),
    notes: Type.String(),
    version: Type.Integer(),
    created_at: stamp,
    updated_at: stamp,
  },
  { examples: [batchExample] },
);
export const BatchList = PageOf(BatchPublic, batchExample);
export const BatchQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    status: Type.Optional(Type.Enum([...BATCH_STATUSES])),
    species: Type.Optional(Type.String({ maxLength: 100 })),
    tank_id: Type.Optional(uuid),
    search: Type.Optional(Type.String({ maxLength: 200, description: 'In batch code and species' })),
  }),
]);
export type BatchQuery = Static<typeof BatchQuery>;

/** Seed clients write the reasons in words: `growth transfer` is `growth_transfer`. */
const REASONS = [...TRANSFER_REASONS, ...TRANSFER_REASONS.map((reason) => reason.replace('_', ' '))];
export const TransferBody = Type.Object(
  {
    to_tank_id: uuid,
    transfer_date: day,
    transfer_reason: Type.Enum([...new Set(REASONS)]),
    fish_count: Type.Optional(fishCount()),
    avg_weight_g: Type.Optional(amount({ exclusiveMinimum: 0, maximum: 1e6 })),
    notes: Type.Optional(text()),
  },
  {
    examples: [
      {
        to_tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f03',
        transfer_date: '2026-02-01',
        transfer_reason: 'growth_transfer',
      },
    ],
  },
);
export type TransferBody = Static<typeof TransferBody>;

const historyExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f04',
  batch_id: batchExample.id,
  tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f01',
  tank_code: 'T-01',
  tank_name: 'Tank 1',
  from_tank_id: null,
  transfer_date: '2026-01-01',
  transfer_reason: 'initial_stocking',
  fish_count: 5000,
  avg_weight_g: 10,
  notes: '',
  created_at: '2026-01-01T08:00:00.000Z',
};
export const HistoryEntry = Type.Object(
  {
    id: uuid,
    batch_id: uuid,
    tank_id: uuid,
    tank_code: Type.String(),
    tank_name: Type.String(),
    from_tank_id: orNull(uuid),
    transfer_date: day,
    transfer_reason: Type.String({ description: TRANSFER_REASONS.join(' | ') }),
    fish_count: Type.Integer(),
    avg_weight_g: num,
    notes: Type.String(),
    created_at: stamp,
  },
  { examples: [historyExample] },
);
export const HistoryList = Type.Object(
  { items: Type.Array(HistoryEntry) },
  { examples: [{ items: [historyExample] }] },
);

export const GradingBody = Type.Object(
  {
    source_batch_id: uuid,
    grading_date: day,
    size_groups: Type.Array(
      Type.Object({
        size_label: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_.-]+$' }),
        fish_count: fishCount(),
        avg_weight_g: amount({ exclusiveMinimum: 0, maximum: 1e6 }),
        destination_tank_id: uuid,
      }),
      { minItems: 2, maxItems: 3 },
    ),
    notes: Type.Optional(text()),
  },
  {
    examples: [
      {
        source_batch_id: batchExample.id,
        grading_date: '2026-03-01',
        size_groups: [
          {
            size_label: 'L',
            fish_count: 3000,
            avg_weight_g: 56,
            destination_tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f01',
          },
          {
            size_label: 'S',
            fish_count: 1800,
            avg_weight_g: 40,
            destination_tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f03',
          },
        ],
      },
    ],
  },
);
export type GradingBody = Static<typeof GradingBody>;
export const GradingResult = Type.Object(
  { source: BatchPublic, batches: Type.Array(BatchPublic) },
  { examples: [{ source: { ...batchExample, status: 'graded' }, batches: [batchExample] }] },
);
