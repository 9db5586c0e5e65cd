import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { nullable } from '../../platform/schemas.js';

const uuid = Type.String({ format: 'uuid' });

const example = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e60',
  product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e20',
  sku: 'LAPTOP-001',
  product_name: 'Laptop',
  warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  warehouse_code: 'MAIN',
  lot_id: null,
  lot_number: null,
  quantity: 5,
  status: 'active',
  reference: 'WEB-ORDER-1001',
  reference_type: null,
  reference_id: null,
  expires_at: '2026-01-15T10:30:00.000Z',
  created_by: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e50',
  created_at: '2026-01-15T09:30:00.000Z',
  closed_at: null,
  allocations: [
    {
      bin_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e11',
      bin_code: 'A-01-01',
      lot_id: null,
      lot_number: null,
      expiry_date: null,
      quantity: 5,
    },
  ],
};

export const ReservationPublic = Type.Object(
  {
    id: uuid,
    product_id: uuid,
    sku: Type.String(),
    product_name: Type.String(),
    warehouse_id: uuid,
    warehouse_code: Type.String(),
    lot_id: nullable(uuid),
    lot_number: nullable(Type.String({ description: 'The lot asked for, if one was' })),
    quantity: Type.Number(),
    status: Type.String({ description: 'active | released | consumed | expired' }),
    reference: Type.String(),
    reference_type: nullable(Type.String()),
    reference_id: nullable(uuid),
    expires_at: nullable(Type.String({ format: 'date-time' })),
    created_by: nullable(uuid),
    created_at: Type.String({ format: 'date-time' }),
    closed_at: nullable(Type.String({ format: 'date-time' })),
    allocations: Type.Array(
      Type.Object({
        bin_id: uuid,
        bin_code: Type.String(),
        lot_id: nullable(uuid),
        lot_number: nullable(Type.String()),
        expiry_date: nullable(Type.String({ format: 'date' })),
        quantity: Type.Number(),
      }),
      { description: 'Where the stock is held, in bin-code order: the pick path' },
    ),
  },
  { examples: [example] },
);
export const ReservationList = PageOf(ReservationPublic, example);

export const ReservationCreate = Type.Object(
  {
    product_id: uuid,
    warehouse_id: uuid,
    bin_id: Type.Optional(nullable(uuid)),
    lot_id: Type.Optional(nullable(uuid)),
    quantity: Type.Number({ minimum: 0.0001, maximum: 1e12 }),
    expires_at: Type.Optional(Type.String({ format: 'date-time' })),
    ttl_minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 525_600 })),
    reference: Type.String({ minLength: 1, maxLength: 100 }),
  },
  {
    examples: [
      {
        product_id: example.product_id,
        warehouse_id: example.warehouse_id,
        quantity: 5,
        ttl_minutes: 60,
        reference: 'WEB-ORDER-1001',
      },
    ],
  },
);
export type ReservationCreate = Static<typeof ReservationCreate>;

export const ReservationQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    status: Type.Optional(Type.Enum(['active', 'released', 'consumed', 'expired'])),
    product_id: Type.Optional(uuid),
    warehouse_id: Type.Optional(uuid),
    reference_type: Type.Optional(
      Type.String({ minLength: 1, maxLength: 50, description: 'e.g. `sales_order`: what holds the stock' }),
    ),
    reference_id: Type.Optional(
      Type.String({ format: 'uuid', description: 'The holding document, e.g. a sales order: its pick list' }),
    ),
  }),
]);
