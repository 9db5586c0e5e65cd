import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { PostedMovementSchema } from '../stock/index.js';
import { SO_STATUSES } from './sales.tables.js';

const uuid = Type.String({ format: 'uuid' });
const day = Type.String({ format: 'date' });

const LineInput = Type.Object({
  product_id: Type.Optional(uuid),
  sku: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  material_code: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  material_name: Type.Optional(Type.String({ maxLength: 200 })),
  quantity: Type.Number({ minimum: 0.0001, maximum: 1e12 }),
  unit_price: Type.Number({ minimum: 0, maximum: 1e12 }),
});

export const SalesOrderCreate = Type.Object(
  {
    customer_id: Type.Optional(uuid),
    customer_code: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    warehouse_id: uuid,
    order_date: Type.Optional(day),
    tax_rate: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    lines: Type.Optional(Type.Array(LineInput, { minItems: 1, maxItems: 500 })),
    line_items: Type.Optional(Type.Array(LineInput, { minItems: 1, maxItems: 500 })),
  },
  {
    examples: [
      {
        customer_code: 'CUST-001',
        warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
        order_date: '2026-01-15',
        tax_rate: 27,
        lines: [{ sku: 'SHIRT-M', quantity: 12, unit_price: 4990 }],
      },
    ],
  },
);
export type SalesOrderCreate = Static<typeof SalesOrderCreate>;

const lineExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e91',
  line_no: 1,
  product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e20',
  sku: 'SHIRT-M',
  product_name: 'Shirt, size M',
  quantity: 12,
  unit_price: 4990,
  line_total: 59880,
  reserved_quantity: 12,
  shipped_quantity: 0,
  backorder_quantity: 0,
};
const LinePublic = Type.Object({
  id: uuid,
  line_no: Type.Integer(),
  product_id: uuid,
  sku: Type.String(),
  product_name: Type.String(),
  quantity: Type.Number(),
  unit_price: Type.Number(),
  line_total: Type.Number(),
  reserved_quantity: Type.Number(),
  shipped_quantity: Type.Number(),
  backorder_quantity: Type.Number(),
});
const orderFields = {
  id: uuid,
  so_number: Type.String(),
  customer_id: uuid,
  customer_name: Type.String(),
  warehouse_id: uuid,
  status: Type.String({ description: SO_STATUSES.join(' | ') }),
  order_date: day,
  tax_rate: Type.Number(),
  subtotal: Type.Number(),
  tax_amount: Type.Number(),
  total: Type.Number(),
  notes: Type.String(),
  lines: Type.Array(LinePublic),
  line_items: Type.Array(LinePublic),
  version: Type.Integer(),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
};
const orderExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e90',
  so_number: 'SO-000001',
  customer_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e92',
  customer_name: 'Divat Bt.',
  warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  status: 'confirmed',
  order_date: '2026-01-15',
  tax_rate: 27,
  subtotal: 59880,
  tax_amount: 16167.6,
  total: 76047.6,
  notes: '',
  lines: [lineExample],
  line_items: [lineExample],
  version: 2,
  created_at: '2026-01-15T09:30:00.000Z',
  updated_at: '2026-01-15T09:35:00.000Z',
};
export const SalesOrderPublic = Type.Object(orderFields, { examples: [orderExample] });
export const SalesOrderList = PageOf(SalesOrderPublic, orderExample);
export const ShipmentResult = Type.Object(
  {
    ...orderFields,
    shipment: Type.Object({ posting_id: uuid, movements: Type.Array(PostedMovementSchema) }),
  },
  {
    examples: [
      {
        ...orderExample,
        status: 'shipped',
        shipment: { posting_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e93', movements: [] },
      },
    ],
  },
);
export const ShipmentBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object({
        line_id: Type.Optional(uuid),
        product_id: Type.Optional(uuid),
        quantity: Type.Number({ minimum: 0.0001, maximum: 1e12 }),
      }),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { examples: [{ lines: [{ line_id: lineExample.id, quantity: 5 }] }] },
);
/** One line of a shipment: an order line by id, or by its product. */
export type ShipmentLine = Static<typeof ShipmentBody>['lines'][number];
export const ConfirmQuery = Type.Object({
  allow_backorder: Type.Optional(
    Type.Boolean({ default: false, description: 'Reserve what exists; record the rest as backorder' }),
  ),
});
export const SalesOrderQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    status: Type.Optional(Type.Enum([...SO_STATUSES])),
    customer_id: Type.Optional(uuid),
    date_from: Type.Optional(day),
    date_to: Type.Optional(day),
    search: Type.Optional(Type.String({ maxLength: 100 })),
  }),
]);
export const IdParams = Type.Object({ id: uuid });
