import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { BatchPublic, batchExample } from './batches.schemas.js';
import { amount, day, fishCount, orNull, stamp, text, uuid } from './common.schemas.js';
import { HARVEST_TYPES } from './records.tables.js';

export const HarvestCreate = Type.Object(
  {
    batch_id: uuid,
    harvest_date: day,
    harvest_type: Type.Enum([...HARVEST_TYPES]),
    fish_count: fishCount(),
    total_weight_kg: amount({ exclusiveMinimum: 0, maximum: 1e9 }),
    grade: Type.Optional(text(50)),
    buyer: Type.Optional(text(200)),
    buyer_name: Type.Optional(text(200)),
    price_per_kg: Type.Optional(amount({ maximum: 1e9 })),
  },
  {
    examples: [
      {
        batch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f02',
        harvest_date: '2026-04-11',
        harvest_type: 'complete',
        fish_count: 4700,
        total_weight_kg: 940,
        grade: 'A',
        buyer_name: 'Halpiac Kft.',
        price_per_kg: 4.5,
      },
    ],
  },
);
export type HarvestCreate = Static<typeof HarvestCreate>;

const harvestExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f30',
  batch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f02',
  harvest_date: '2026-04-11',
  harvest_type: 'complete',
  fish_count: 4700,
  total_weight_kg: 940,
  avg_weight_g: 200,
  grade: 'A',
  buyer: 'Halpiac Kft.',
  price_per_kg: 4.5,
  revenue: 4230,
  product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f31',
  lot_number: 'B-2026-01-2026-04-11',
  posting_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f32',
  created_at: '2026-04-11T08:00:00.000Z',
};
const harvestFields = {
  id: uuid,
  batch_id: uuid,
  harvest_date: day,
  harvest_type: Type.String({ description: HARVEST_TYPES.join(' | ') }),
  fish_count: Type.Integer(),
  total_weight_kg: Type.Number(),
  avg_weight_g: Type.Number(),
  grade: Type.String(),
  buyer: Type.String(),
  price_per_kg: orNull(Type.Number()),
  revenue: Type.Number({ description: 'total_weight_kg × price_per_kg' }),
  product_id: Type.String({ format: 'uuid', description: 'The harvest product received into stock (kg)' }),
  lot_number: Type.String({ description: '<batch code>-<harvest date>' }),
  posting_id: uuid,
  created_at: stamp,
};
export const HarvestPublic = Type.Object(harvestFields, { examples: [harvestExample] });
export const HarvestList = PageOf(HarvestPublic, harvestExample);
export const HarvestResult = Type.Object(
  { ...harvestFields, batch: BatchPublic },
  {
    description: 'The harvest, and the batch after it (a complete harvest: closed, with its results)',
    examples: [{ ...harvestExample, batch: batchExample }],
  },
);
export const HarvestQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    batch_id: Type.Optional(uuid),
    date_from: Type.Optional(day),
    date_to: Type.Optional(day),
  }),
]);
