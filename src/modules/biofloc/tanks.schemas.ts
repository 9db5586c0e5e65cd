import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { TANK_STATUSES, TANK_TYPES } from './biofloc.tables.js';
import { amount, orNull, stamp, text, uuid } from './common.schemas.js';

/** What a tank may be set to by hand: `in_use` comes with a stocking, and goes with the batch. */
const SETTABLE_STATUSES = ['available', 'maintenance', 'decommissioned'] as const;

const editable = {
  tank_name: Type.String({ minLength: 1, maxLength: 200 }),
  capacity_liters: amount({ exclusiveMinimum: 0 }),
  location: text(200),
  tank_type: Type.Enum([...TANK_TYPES]),
  status: Type.Enum([...SETTABLE_STATUSES]),
  warehouse_id: orNull(
    Type.String({ format: 'uuid', description: 'Default: the configured farm warehouse' }),
  ),
  notes: text(),
};

export const TankCreate = Type.Object(
  {
    tank_code: Type.String({ minLength: 1, maxLength: 64 }),
    tank_name: editable.tank_name,
    capacity_liters: editable.capacity_liters,
    location: Type.Optional(editable.location),
    tank_type: Type.Optional(editable.tank_type),
    status: Type.Optional(editable.status),
    warehouse_id: Type.Optional(editable.warehouse_id),
    notes: Type.Optional(editable.notes),
  },
  {
    examples: [
      {
        tank_code: 'T-01',
        tank_name: 'Tank 1',
        capacity_liters: 10000,
        location: 'Hall A',
        tank_type: 'circular',
      },
    ],
  },
);
export type TankCreate = Static<typeof TankCreate>;

export const TankUpdate = Type.Object(
  {
    tank_code: Type.Optional(TankCreate.properties.tank_code),
    tank_name: Type.Optional(editable.tank_name),
    capacity_liters: Type.Optional(editable.capacity_liters),
    location: Type.Optional(editable.location),
    tank_type: Type.Optional(editable.tank_type),
    status: Type.Optional(editable.status),
    warehouse_id: Type.Optional(editable.warehouse_id),
    notes: Type.Optional(editable.notes),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { examples: [{ status: 'maintenance', version: 1 }] },
);
export type TankChanges = Omit<Static<typeof TankUpdate>, 'version'>;

const tankExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f01',
  tank_code: 'T-01',
  tank_name: 'Tank 1',
  capacity_liters: 10000,
  location: 'Hall A',
  tank_type: 'circular',
  status: 'in_use',
  warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  notes: '',
  is_active: true,
  current_batch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f02',
  current_batch_code: 'B-2026-01',
  current_batch_count: 5000,
  version: 2,
  created_at: '2026-01-15T09:30:00.000Z',
  updated_at: '2026-01-15T09:30:00.000Z',
};
export const TankPublic = Type.Object(
  {
    id: uuid,
    tank_code: Type.String(),
    tank_name: Type.String(),
    capacity_liters: Type.Number(),
    location: Type.String(),
    tank_type: Type.String({ description: TANK_TYPES.join(' | ') }),
    status: Type.String({ description: TANK_STATUSES.join(' | ') }),
    warehouse_id: orNull(uuid),
    notes: Type.String(),
    is_active: Type.Boolean(),
    current_batch_id: orNull(uuid),
    current_batch_code: orNull(Type.String()),
    current_batch_count: orNull(Type.Integer()),
    version: Type.Integer(),
    created_at: stamp,
    updated_at: stamp,
  },
  { examples: [tankExample] },
);
export const TankList = PageOf(TankPublic, tankExample);
export const TankQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    status: Type.Optional(Type.Enum([...TANK_STATUSES])),
    tank_type: Type.Optional(Type.Enum([...TANK_TYPES])),
    include_inactive: Type.Optional(Type.Boolean({ default: false })),
    search: Type.Optional(Type.String({ maxLength: 200, description: 'In code, name and location' })),
  }),
]);
export type TankQuery = Static<typeof TankQuery>;
