import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { nullable } from '../../platform/schemas.js';
import { DIRECT_TYPE_INPUTS, MOVEMENT_TYPES, TYPE_ALIASES } from './movement-types.js';

const uuid = Type.String({ format: 'uuid' });
const day = Type.String({ format: 'date' });
const Quantity = Type.Number({
  minimum: -1e12,
  maximum: 1e12,
  description: 'Positive; the type gives the direction',
});

const movementExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e40',
  posting_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e41',
  movement_type: 'issue',
  product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e20',
  warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  bin_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e11',
  lot_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e30',
  quantity: -5,
  unit_cost: null,
  reference_type: null,
  reference_id: null,
  reference_number: 'SO-2026-001',
  reason: null,
  notes: '',
  reverses_id: null,
  reversed_by_id: null,
  actor_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e50',
  request_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e51',
  occurred_at: '2026-01-15T09:30:00.000Z',
  created_at: '2026-01-15T09:30:00.000Z',
};

const movementFields = {
  id: uuid,
  posting_id: uuid,
  movement_type: Type.String(),
  product_id: uuid,
  warehouse_id: uuid,
  bin_id: uuid,
  lot_id: nullable(uuid),
  quantity: Type.Number({ description: 'Signed: + into stock, − out of it' }),
  unit_cost: nullable(Type.Number()),
  reference_type: nullable(Type.String()),
  reference_id: nullable(uuid),
  reference_number: nullable(Type.String()),
  reason: nullable(Type.String()),
  notes: Type.String(),
  reverses_id: nullable(uuid),
  reversed_by_id: nullable(uuid, {
    description: 'The movement that reversed this one; null while it stands',
  }),
  sku: Type.Optional(Type.String({ description: 'On reads of the ledger: the product it moved' })),
  product_name: Type.Optional(Type.String({ description: 'On reads of the ledger' })),
  warehouse_code: Type.Optional(Type.String({ description: 'On reads of the ledger' })),
  bin_code: Type.Optional(Type.String({ description: 'On reads of the ledger' })),
  lot_number: Type.Optional(nullable(Type.String(), { description: 'On reads of the ledger' })),
  expiry_date: Type.Optional(nullable(day, { description: 'On reads of the ledger' })),
  actor_id: nullable(uuid),
  request_id: nullable(Type.String()),
  occurred_at: Type.String({ format: 'date-time' }),
  created_at: Type.String({
    format: 'date-time',
    description:
      'When the row was recorded: the same instant as occurred_at, as ledger rows are never backdated',
  }),
};

/** A ledger row as a read shows it: with what it points at by name. */
const movementReadExample = {
  ...movementExample,
  sku: 'SKU-001',
  product_name: 'Milk 1 l',
  warehouse_code: 'MAIN',
  bin_code: 'A-01',
  lot_number: 'L2026-001',
  expiry_date: '2026-12-31',
};

export const MovementPublic = Type.Object(movementFields, { examples: [movementReadExample] });
export const MovementList = PageOf(MovementPublic, movementReadExample);
export const MovementCursorPage = Type.Object(
  { items: Type.Array(MovementPublic), next_cursor: nullable(uuid) },
  { examples: [{ items: [movementReadExample], next_cursor: movementExample.id }] },
);
/** A page by number, or by keyset when `cursor` is given. */
export const MovementListResponse = Type.Union([MovementList, MovementCursorPage], {
  examples: [{ items: [movementReadExample], total: 1, page: 1, page_size: 20, pages: 1 }],
});

export const Allocation = Type.Object({
  movement_id: uuid,
  bin_id: uuid,
  bin_code: Type.String({ description: 'The bin to pick from or put away to' }),
  lot_id: nullable(uuid),
  lot_number: nullable(Type.String()),
  expiry_date: nullable(day),
  quantity: Type.Number(),
});

const allocationExample = {
  movement_id: movementExample.id,
  bin_id: movementExample.bin_id,
  bin_code: 'A-01',
  lot_id: movementExample.lot_id,
  lot_number: 'L2026-001',
  expiry_date: '2026-12-31',
  quantity: -5,
};

export const postedMovementExample = { ...movementExample, allocations: [allocationExample] };

export const PostedMovement = Type.Object(
  { ...movementFields, allocations: Type.Array(Allocation) },
  { examples: [postedMovementExample] },
);

export const MovementCreate = Type.Object(
  {
    product_id: uuid,
    warehouse_id: uuid,
    bin_id: Type.Optional(nullable(uuid)),
    lot_id: Type.Optional(nullable(uuid)),
    lot_number: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    expiry_date: Type.Optional(nullable(day)),
    movement_type: Type.Enum(DIRECT_TYPE_INPUTS, {
      description: 'purchase and sale are aliases of receipt and issue',
    }),
    quantity: Quantity,
    unit_cost: Type.Optional(nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
    reference_number: Type.Optional(nullable(Type.String({ maxLength: 100 }))),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    reason: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
    force_expired: Type.Optional(
      Type.Boolean({ description: 'Issue expired lots too (manager or admin only)' }),
    ),
  },
  {
    examples: [
      {
        product_id: movementExample.product_id,
        warehouse_id: movementExample.warehouse_id,
        movement_type: 'purchase',
        quantity: 50,
        unit_cost: 100,
        reference_number: 'PO-2023-001',
        notes: 'Initial stock purchase',
      },
    ],
  },
);
export type MovementCreate = Static<typeof MovementCreate>;

export const MovementQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    product_id: Type.Optional(uuid),
    warehouse_id: Type.Optional(uuid),
    bin_id: Type.Optional(uuid),
    lot_id: Type.Optional(uuid),
    movement_type: Type.Optional(Type.Enum([...Object.keys(MOVEMENT_TYPES), ...Object.keys(TYPE_ALIASES)])),
    reference_number: Type.Optional(Type.String({ maxLength: 100 })),
    actor_id: Type.Optional(uuid),
    from: Type.Optional(
      Type.String({ format: 'date-time', description: 'Rows that occurred at or after this moment' }),
    ),
    to: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Rows that occurred at or before this moment, to the millisecond rows show',
      }),
    ),
    cursor: Type.Optional(
      Type.String({
        pattern: '^(first|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
        description: 'Keyset paging: `first` for the newest page, then the next_cursor of the previous page',
      }),
    ),
  }),
]);

export const ReverseBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 200 }) },
  { examples: [{ reason: 'Posted to the wrong product' }] },
);

const balanceExample = {
  product_id: movementExample.product_id,
  sku: 'MILK-1L',
  product_name: 'Milk 1 l',
  warehouse_id: movementExample.warehouse_id,
  warehouse_code: 'BP1',
  bin_id: movementExample.bin_id,
  bin_code: 'A-01-1-01',
  lot_id: movementExample.lot_id,
  lot_number: 'L2026-001',
  expiry_date: '2026-12-31',
  on_hand: 40,
  reserved: 10,
  available: 30,
};
export const BalancePublic = Type.Object(
  {
    product_id: uuid,
    sku: Type.String(),
    product_name: Type.String(),
    warehouse_id: uuid,
    warehouse_code: Type.String(),
    bin_id: uuid,
    bin_code: Type.String(),
    lot_id: nullable(uuid),
    lot_number: nullable(Type.String()),
    expiry_date: nullable(Type.String()),
    on_hand: Type.Number(),
    reserved: Type.Number(),
    available: Type.Number(),
  },
  { examples: [balanceExample] },
);
export const BalanceList = PageOf(BalancePublic, balanceExample);
export const BalanceQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    product_id: Type.Optional(uuid),
    warehouse_id: Type.Optional(uuid),
    bin_id: Type.Optional(uuid),
    lot_id: Type.Optional(uuid),
    as_of: Type.Optional(
      Type.String({ format: 'date-time', description: 'Answer from the ledger for this moment' }),
    ),
    include_zero: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Also list balances at zero now (emptied bins and lots); `as_of` lists non-zero ones',
      }),
    ),
  }),
]);

export const VerifyQuery = Type.Object({
  mode: Type.Optional(
    Type.Enum(['full', 'incremental'], {
      default: 'full',
      description:
        '`full`: from the whole ledger, and the latest snapshot against a recount up to its cut. `incremental`: from the latest verified snapshot plus the ledger since (full when there is none)',
    }),
  ),
});

export const VerifyResult = Type.Object(
  {
    ok: Type.Boolean(),
    mode: Type.Enum(['full', 'incremental'], { description: 'How the balances were recomputed' }),
    since: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'Incremental: the cut of the snapshot the recount started from',
    }),
    balances_checked: Type.Integer(),
    mismatches: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    snapshot_checked: Type.Union(
      [Type.Object({ cut_at: Type.String({ format: 'date-time' }), ok: Type.Boolean() }), Type.Null()],
      { description: 'Full: the latest snapshot, recounted from the ledger up to its cut' },
    ),
  },
  {
    examples: [
      {
        ok: true,
        mode: 'full',
        since: null,
        balances_checked: 1200,
        mismatches: [],
        snapshot_checked: { cut_at: '2026-01-01T00:00:00.000Z', ok: true },
      },
    ],
  },
);

const snapshotExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e70',
  cut_at: '2026-01-01T00:00:00.000Z',
  movements: 284_112,
  balances: 12_408,
  based_on: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e71',
  taken_by: null,
  verified_at: '2026-01-01T00:15:02.120Z',
  created_at: '2026-01-01T00:15:02.120Z',
};

export const SnapshotPublic = Type.Object(
  {
    id: uuid,
    cut_at: Type.String({ format: 'date-time', description: 'The balances are those of this moment' }),
    movements: Type.Integer({ description: 'Ledger rows up to the cut' }),
    balances: Type.Integer({ description: 'Non-zero balances the snapshot holds' }),
    based_on: Type.Union([uuid, Type.Null()], {
      description: 'The snapshot it was built from, with the ledger between; null: from the ledger alone',
    }),
    taken_by: Type.Union([uuid, Type.Null()], { description: 'Null when the scheduler took it' }),
    verified_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description:
        'When a recount of the ledger (or a verified snapshot plus the ledger since) last matched it',
    }),
    created_at: Type.String({ format: 'date-time' }),
  },
  { examples: [snapshotExample] },
);

export const SnapshotCreate = Type.Object(
  {
    cut_at: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'The moment to snapshot, not in the future; default now',
      }),
    ),
  },
  { examples: [{ cut_at: '2026-01-01T00:00:00+01:00' }, {}] },
);

export const SnapshotList = PageOf(SnapshotPublic, snapshotExample);

export const SnapshotFillResult = Type.Object(
  {
    items: Type.Array(SnapshotPublic, { description: 'The snapshots taken now, oldest cut first' }),
  },
  { examples: [{ items: [snapshotExample] }] },
);

export const IdParams = Type.Object({ id: uuid });
