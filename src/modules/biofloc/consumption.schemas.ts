import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { amount, clock, day, orNull, stamp, text, uuid } from './common.schemas.js';
import { INPUT_TYPES } from './records.tables.js';

const sku = Type.String({ minLength: 1, maxLength: 64 });
const quantity = amount({ exclusiveMinimum: 0, maximum: 1e9 });

export const FeedingCreate = Type.Object(
  {
    tank_id: uuid,
    feeding_date: day,
    session_number: Type.Integer({ minimum: 1, maximum: 24 }),
    feed_time: Type.Optional(clock),
    feed_items: Type.Array(
      Type.Object({ sku: Type.Optional(sku), product_id: Type.Optional(uuid), quantity_kg: quantity }),
      { minItems: 1, maxItems: 20 },
    ),
    notes: Type.Optional(text()),
  },
  {
    examples: [
      {
        tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f01',
        feeding_date: '2026-01-02',
        session_number: 1,
        feed_time: '07:30',
        feed_items: [{ sku: 'FEED-32', quantity_kg: 2.5 }],
      },
    ],
  },
);
export type FeedingCreate = Static<typeof FeedingCreate>;

const feedingExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f10',
  batch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f02',
  batch_code: 'B-2026-01',
  tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f01',
  feeding_date: '2026-01-02',
  session_number: 1,
  feed_time: '07:30',
  total_kg: 2.5,
  cost: 5,
  biomass_kg: 50,
  feeding_rate_pct: 5,
  posting_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f11',
  items: [
    {
      product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f12',
      sku: 'FEED-32',
      quantity_kg: 2.5,
      unit_cost: 2,
      cost: 5,
    },
  ],
  notes: '',
  created_at: '2026-01-02T06:30:00.000Z',
};
export const FeedingPublic = Type.Object(
  {
    id: uuid,
    batch_id: uuid,
    batch_code: Type.String(),
    tank_id: uuid,
    feeding_date: day,
    session_number: Type.Integer(),
    feed_time: orNull(Type.String()),
    total_kg: Type.Number(),
    cost: Type.Number({ description: 'Σ quantity × the moving average cost each feed left stock at' }),
    biomass_kg: Type.Number({ description: 'The batch’s biomass when fed' }),
    feeding_rate_pct: orNull(Type.Number({ description: 'total_kg ÷ biomass_kg × 100' })),
    posting_id: uuid,
    items: Type.Array(
      Type.Object({
        product_id: uuid,
        sku: Type.String(),
        quantity_kg: Type.Number(),
        unit_cost: orNull(Type.Number()),
        cost: Type.Number(),
      }),
    ),
    notes: Type.String(),
    created_at: stamp,
  },
  { examples: [feedingExample] },
);
export const FeedingList = PageOf(FeedingPublic, feedingExample);

/** Lists of what happened to a tank or batch, in a date range. */
export const RecordQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    tank_id: Type.Optional(uuid),
    batch_id: Type.Optional(uuid),
    date_from: Type.Optional(day),
    date_to: Type.Optional(day),
  }),
]);
export type RecordQuery = Static<typeof RecordQuery>;

export const TankInputCreate = Type.Object(
  {
    tank_id: uuid,
    input_date: day,
    input_time: Type.Optional(clock),
    input_type: Type.Enum([...INPUT_TYPES]),
    item_sku: Type.Optional(sku),
    product_id: Type.Optional(uuid),
    quantity,
    unit: Type.String({
      minLength: 1,
      maxLength: 20,
      description: 'As the operator says it; stock moves in the product’s unit',
    }),
    reason: Type.Optional(text(500)),
  },
  {
    examples: [
      {
        tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f01',
        input_date: '2026-01-02',
        input_type: 'carbon_source',
        item_sku: 'MOLASSES',
        quantity: 5.5,
        unit: 'kg',
        reason: 'C:N 15',
      },
    ],
  },
);
export type TankInputCreate = Static<typeof TankInputCreate>;

const inputExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f13',
  tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f01',
  batch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f02',
  input_date: '2026-01-02',
  input_time: null,
  input_type: 'carbon_source',
  product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f14',
  sku: 'MOLASSES',
  quantity: 5.5,
  unit: 'kg',
  unit_cost: 0.8,
  cost: 4.4,
  reason: 'C:N 15',
  posting_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f15',
  created_at: '2026-01-02T06:30:00.000Z',
};
export const TankInputPublic = Type.Object(
  {
    id: uuid,
    tank_id: uuid,
    batch_id: orNull(uuid),
    input_date: day,
    input_time: orNull(Type.String()),
    input_type: Type.String({ description: INPUT_TYPES.join(' | ') }),
    product_id: uuid,
    sku: Type.String(),
    quantity: Type.Number(),
    unit: Type.String(),
    unit_cost: orNull(Type.Number()),
    cost: Type.Number(),
    reason: Type.String(),
    posting_id: uuid,
    created_at: stamp,
  },
  { examples: [inputExample] },
);
export const TankInputList = PageOf(TankInputPublic, inputExample);

export const CarbonDoseQuery = Type.Object({
  feed_kg: amount({ exclusiveMinimum: 0, maximum: 1e6 }),
  protein_pct: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
  target_cn: Type.Number({ exclusiveMinimum: 0, maximum: 100, default: 15 }),
  carbon_pct: Type.Number({
    exclusiveMinimum: 0,
    maximum: 100,
    default: 40,
    description: 'Carbon content of the source, % (molasses: about 40)',
  }),
});
export const CarbonDose = Type.Object(
  {
    feed_kg: Type.Number(),
    protein_pct: Type.Number(),
    target_cn: Type.Number(),
    carbon_pct: Type.Number(),
    nitrogen_kg: Type.Number({ description: 'feed × protein % × 16 %' }),
    feed_carbon_kg: Type.Number({ description: 'feed × 50 %' }),
    carbon_needed_kg: Type.Number({ description: 'nitrogen × target C:N − feed carbon (not below 0)' }),
    molasses_kg: Type.Number({ description: 'carbon needed ÷ carbon % × 100' }),
  },
  {
    examples: [
      {
        feed_kg: 10,
        protein_pct: 30,
        target_cn: 15,
        carbon_pct: 40,
        nitrogen_kg: 0.48,
        feed_carbon_kg: 5,
        carbon_needed_kg: 2.2,
        molasses_kg: 5.5,
      },
    ],
  },
);
