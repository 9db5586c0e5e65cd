import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { nullable } from '../../platform/schemas.js';

const uuid = Type.String({ format: 'uuid' });
const Quantity = Type.Number({ minimum: 0.0001, maximum: 1e12 });

const example = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e70',
  transfer_number: 'TR-000001',
  status: 'pending',
  from_warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  from_warehouse_code: 'MAIN',
  to_warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e71',
  to_warehouse_code: 'SECOND',
  from_bin_id: null,
  from_bin_code: null,
  to_bin_id: null,
  to_bin_code: null,
  product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e20',
  sku: 'LAPTOP-001',
  product_name: 'Laptop',
  quantity: 10,
  transfer_reference: 'TRANS-001',
  notes: 'Moving to secondary warehouse',
  lines: [
    {
      id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e72',
      product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e20',
      sku: 'LAPTOP-001',
      product_name: 'Laptop',
      lot_id: null,
      lot_number: null,
      quantity: 10,
      reservation_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e73',
    },
  ],
  created_by: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e50',
  version: 1,
  created_at: '2026-01-15T09:30:00.000Z',
  updated_at: '2026-01-15T09:30:00.000Z',
  completed_at: null,
  cancelled_at: null,
};

export const TransferPublic = Type.Object(
  {
    id: uuid,
    transfer_number: Type.String(),
    status: Type.String({ description: 'pending | completed | cancelled' }),
    from_warehouse_id: uuid,
    from_warehouse_code: Type.String(),
    to_warehouse_id: uuid,
    to_warehouse_code: Type.String(),
    from_bin_id: nullable(uuid),
    from_bin_code: nullable(Type.String()),
    to_bin_id: nullable(uuid),
    to_bin_code: nullable(Type.String()),
    product_id: nullable(uuid, {
      description: 'The first line’s product: a transfer of one product names it here',
    }),
    sku: nullable(Type.String()),
    product_name: nullable(Type.String()),
    quantity: nullable(Type.Number()),
    transfer_reference: Type.String(),
    notes: Type.String(),
    lines: Type.Array(
      Type.Object({
        id: uuid,
        product_id: uuid,
        sku: Type.String(),
        product_name: Type.String(),
        lot_id: nullable(uuid),
        lot_number: nullable(Type.String()),
        quantity: Type.Number(),
        reservation_id: uuid,
      }),
    ),
    created_by: nullable(uuid),
    version: Type.Integer(),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
    completed_at: nullable(Type.String({ format: 'date-time' })),
    cancelled_at: nullable(Type.String({ format: 'date-time' })),
  },
  { examples: [example] },
);
export const TransferList = PageOf(TransferPublic, example);

export const TransferCreate = Type.Object(
  {
    from_warehouse_id: uuid,
    to_warehouse_id: uuid,
    from_bin_id: Type.Optional(nullable(uuid)),
    to_bin_id: Type.Optional(nullable(uuid)),
    product_id: Type.Optional(uuid),
    lot_id: Type.Optional(nullable(uuid)),
    quantity: Type.Optional(Quantity),
    lines: Type.Optional(
      Type.Array(
        Type.Object({ product_id: uuid, lot_id: Type.Optional(nullable(uuid)), quantity: Quantity }),
        { minItems: 1, maxItems: 500 },
      ),
    ),
    transfer_reference: Type.Optional(Type.String({ maxLength: 100 })),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  {
    description: 'One product (`product_id`, `quantity`), or several `lines`',
    examples: [
      {
        product_id: example.product_id,
        from_warehouse_id: example.from_warehouse_id,
        to_warehouse_id: example.to_warehouse_id,
        quantity: 10,
        transfer_reference: 'TRANS-001',
        notes: 'Moving to secondary warehouse',
      },
    ],
  },
);
export type TransferCreate = Static<typeof TransferCreate>;

export const TransferQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    status: Type.Optional(Type.Enum(['pending', 'completed', 'cancelled'])),
    warehouse_id: Type.Optional(uuid),
  }),
]);
