import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { BIN_TYPES } from './locations.tables.js';

const uuid = Type.String({ format: 'uuid' });
const stamp = Type.String({ format: 'date-time' });
const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$' });
const Version = Type.Optional(Type.Integer({ minimum: 1, description: 'The version you read; stale → 412' }));
export const BinType = Type.Enum([...BIN_TYPES]);

const warehouseExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  code: 'BP1',
  name: 'Budapest központi raktár',
  address: '1097 Budapest, Gubacsi út 6.',
  is_active: true,
  default_bin_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e10',
  version: 1,
  created_at: '2026-01-02T08:00:00.000Z',
  updated_at: '2026-01-02T08:00:00.000Z',
};

export const WarehousePublic = Type.Object(
  {
    id: uuid,
    code: Type.String(),
    name: Type.String(),
    address: Type.String(),
    is_active: Type.Boolean(),
    default_bin_id: Type.Union([uuid, Type.Null()]),
    version: Type.Integer(),
    created_at: stamp,
    updated_at: stamp,
  },
  { examples: [warehouseExample] },
);
export const WarehouseList = PageOf(WarehousePublic, warehouseExample);

export const WarehouseCreate = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 2, maxLength: 200 }),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    is_active: Type.Optional(Type.Boolean()),
  },
  { examples: [{ code: 'BP1', name: 'Budapest központi raktár', address: '1097 Budapest, Gubacsi út 6.' }] },
);
export type WarehouseCreate = Static<typeof WarehouseCreate>;

export const WarehouseUpdate = Type.Object(
  {
    code: Type.Optional(Code),
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    is_active: Type.Optional(Type.Boolean()),
    version: Version,
  },
  { examples: [{ name: 'Budapest raktár 1', version: 1 }] },
);
/** The fields a warehouse update changes; the version travels beside them. */
export type WarehouseChanges = Omit<Static<typeof WarehouseUpdate>, 'version'>;

export const WarehouseQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    search: Type.Optional(Type.String({ maxLength: 100 })),
    is_active: Type.Optional(Type.Boolean()),
  }),
]);

export const WarehouseStatistics = Type.Object(
  {
    warehouse_id: uuid,
    bins_total: Type.Integer(),
    bins_active: Type.Integer(),
    bins_occupied: Type.Integer(),
    bins_empty: Type.Integer(),
    distinct_products: Type.Integer(),
    total_units: Type.Number({
      description: 'On hand across all units of measure (a plain count); see on_hand_by_unit',
    }),
    on_hand_by_unit: Type.Array(Type.Object({ unit: Type.String(), on_hand: Type.Number() }), {
      description: 'On hand per unit of measure: pieces and kilograms are never added together',
    }),
    stock_value: Type.Number(),
    total_capacity: Type.Union([Type.Number(), Type.Null()]),
    utilization_percent: Type.Union([Type.Number(), Type.Null()]),
  },
  {
    examples: [
      {
        warehouse_id: warehouseExample.id,
        bins_total: 601,
        bins_active: 601,
        bins_occupied: 120,
        bins_empty: 481,
        distinct_products: 87,
        total_units: 5230,
        on_hand_by_unit: [
          { unit: 'kg', on_hand: 230 },
          { unit: 'pcs', on_hand: 5000 },
        ],
        stock_value: 1250400.5,
        total_capacity: 60000,
        utilization_percent: 8.72,
      },
    ],
  },
);

const binExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e11',
  warehouse_id: warehouseExample.id,
  code: 'A-01-02-03',
  type: 'storage',
  capacity: 100,
  is_default: false,
  is_active: true,
  version: 1,
  created_at: '2026-01-02T08:00:00.000Z',
  updated_at: '2026-01-02T08:00:00.000Z',
};

export const BinPublic = Type.Object(
  {
    id: uuid,
    warehouse_id: uuid,
    code: Type.String(),
    type: Type.String(),
    capacity: Type.Union([Type.Number(), Type.Null()]),
    is_default: Type.Boolean(),
    is_active: Type.Boolean(),
    version: Type.Integer(),
    created_at: stamp,
    updated_at: stamp,
  },
  { examples: [binExample] },
);
export const BinList = PageOf(BinPublic, binExample);

const Capacity = Type.Union([Type.Number({ minimum: 0.0001, maximum: 1e12 }), Type.Null()]);

export const BinCreate = Type.Object(
  {
    code: Code,
    type: Type.Optional(BinType),
    capacity: Type.Optional(Capacity),
    is_active: Type.Optional(Type.Boolean()),
  },
  { examples: [{ code: 'A-01-02-03', type: 'storage', capacity: 100 }] },
);
export type BinCreate = Static<typeof BinCreate>;

export const BinUpdate = Type.Object(
  {
    code: Type.Optional(Code),
    type: Type.Optional(BinType),
    capacity: Type.Optional(Capacity),
    is_active: Type.Optional(Type.Boolean()),
    version: Version,
  },
  { examples: [{ capacity: 120, version: 1 }] },
);
export type BinChanges = Omit<Static<typeof BinUpdate>, 'version'>;

export const BinQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    search: Type.Optional(Type.String({ maxLength: 40, description: 'Part of the bin code' })),
    type: Type.Optional(BinType),
    is_active: Type.Optional(Type.Boolean()),
  }),
]);

const RangeBound = Type.Union([
  Type.Integer({ minimum: 0, maximum: 100000 }),
  Type.String({ minLength: 1, maxLength: 1 }),
]);

/** Two bounds, first and last (an array of exactly two: OpenAPI 3.1 has no `items` tuples). */
const RangePair = Type.Unsafe<[Static<typeof RangeBound>, Static<typeof RangeBound>]>(
  Type.Array(RangeBound, { minItems: 2, maxItems: 2 }),
);

export const BinBulkBody = Type.Object(
  {
    pattern: Type.String({
      minLength: 3,
      maxLength: 80,
      description: 'e.g. {aisle}-{rack:02}-{level}; :02 pads numbers',
    }),
    ranges: Type.Record(Type.String({ pattern: '^\\w+$' }), RangePair, {
      description: 'Inclusive range per placeholder: two numbers or two letters',
    }),
    type: Type.Optional(BinType),
    capacity: Type.Optional(Capacity),
  },
  {
    examples: [
      {
        pattern: '{aisle}-{rack:02}-{level}-{position:02}',
        ranges: { aisle: ['A', 'C'], rack: [1, 10], level: [1, 4], position: [1, 5] },
        type: 'storage',
        capacity: 100,
      },
    ],
  },
);
export type BinBulkBody = Static<typeof BinBulkBody>;

export const BinBulkQuery = Type.Object({ dry_run: Type.Optional(Type.Boolean({ default: false })) });

export const BinBulkResult = Type.Object(
  {
    dry_run: Type.Boolean(),
    count: Type.Integer(),
    codes: Type.Array(Type.String(), { description: 'The codes created (or that would be)' }),
  },
  { examples: [{ dry_run: false, count: 600, codes: ['A-01-1-01', 'A-01-1-02', '…', 'C-10-4-05'] }] },
);

export const IdParams = Type.Object({ id: uuid });
