import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { nullable } from '../../platform/schemas.js';
import { PO_STATUSES } from './purchasing.tables.js';

const uuid = Type.String({ format: 'uuid' });
const day = Type.String({ format: 'date' });

const LineInput = Type.Object({
  product_id: Type.Optional(uuid),
  sku: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  material_code: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'The product by SKU, instead of product_id' }),
  ),
  material_name: Type.Optional(Type.String({ maxLength: 200 })),
  quantity: Type.Number({ minimum: 0.0001, maximum: 1e12 }),
  unit_price: Type.Number({ minimum: 0, maximum: 1e12 }),
  notes: Type.Optional(Type.String({ maxLength: 1000 })),
});
/** One order line as a client sends it. */
export type OrderLineCreate = Static<typeof LineInput>;

const header = {
  supplier_id: Type.Optional(uuid),
  supplier_code: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  po_date: Type.Optional(day),
  due_date: Type.Optional(nullable(day)),
  tax_rate: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  notes: Type.Optional(Type.String({ maxLength: 2000 })),
  lines: Type.Optional(Type.Array(LineInput, { minItems: 1, maxItems: 500 })),
  line_items: Type.Optional(
    Type.Array(LineInput, { minItems: 1, maxItems: 500, description: 'Another name for lines' }),
  ),
};

export const OrderCreate = Type.Object(header, {
  examples: [
    {
      supplier_code: 'SUP-001',
      po_date: '2026-01-15',
      due_date: '2026-01-31',
      tax_rate: 27,
      lines: [{ sku: 'FABRIC-COTTON', quantity: 120, unit_price: 1450.5 }],
    },
  ],
});
export type OrderCreate = Static<typeof OrderCreate>;
export const OrderUpdate = Type.Object(
  { ...header, version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { examples: [{ due_date: '2026-02-15', version: 1 }] },
);
/** The fields an order update changes; the version travels beside them. */
export type OrderChanges = Omit<Static<typeof OrderUpdate>, 'version'>;

const lineExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e81',
  line_no: 1,
  product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e20',
  sku: 'FABRIC-COTTON',
  barcode: '5901234123457',
  material_code: 'FABRIC-COTTON',
  material_name: 'Cotton fabric',
  quantity: 120,
  unit_price: 1450.5,
  line_total: 174060,
  received_quantity: 0,
  notes: '',
};
const LinePublic = Type.Object({
  id: uuid,
  line_no: Type.Integer(),
  product_id: uuid,
  sku: Type.String(),
  barcode: nullable(Type.String({ description: 'The product’s barcode now, for scanning a delivery' })),
  material_code: Type.String(),
  material_name: Type.String(),
  quantity: Type.Number(),
  unit_price: Type.Number(),
  line_total: Type.Number(),
  received_quantity: Type.Number(),
  notes: Type.String(),
});
const ReceiptPublic = Type.Object({
  movement_id: uuid,
  posting_id: uuid,
  product_id: uuid,
  warehouse_id: uuid,
  bin_id: uuid,
  lot_id: nullable(uuid),
  quantity: Type.Number(),
  unit_cost: nullable(Type.Number()),
  occurred_at: Type.String({ format: 'date-time' }),
});
const orderExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e80',
  po_number: 'PO-000001',
  supplier_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e82',
  supplier_name: 'Textil Kft.',
  status: 'draft',
  po_date: '2026-01-15',
  due_date: '2026-01-31',
  tax_rate: 27,
  subtotal: 174060,
  tax_amount: 46996.2,
  total: 221056.2,
  notes: '',
  lines: [lineExample],
  line_items: [lineExample],
  receipts: [],
  version: 1,
  created_by: null,
  created_at: '2026-01-15T09:30:00.000Z',
  updated_at: '2026-01-15T09:30:00.000Z',
};
export const OrderPublic = Type.Object(
  {
    id: uuid,
    po_number: Type.String(),
    supplier_id: uuid,
    supplier_name: Type.String(),
    status: Type.String({ description: PO_STATUSES.join(' | ') }),
    po_date: day,
    due_date: nullable(day),
    tax_rate: Type.Number(),
    subtotal: Type.Number(),
    tax_amount: Type.Number(),
    total: Type.Number(),
    notes: Type.String(),
    lines: Type.Array(LinePublic),
    line_items: Type.Array(LinePublic),
    receipts: Type.Array(ReceiptPublic),
    version: Type.Integer(),
    created_by: nullable(uuid),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { examples: [orderExample] },
);
export const OrderList = PageOf(OrderPublic, orderExample);
export const OrderQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    status: Type.Optional(Type.Enum([...PO_STATUSES])),
    supplier_id: Type.Optional(uuid),
    date_from: Type.Optional(day),
    date_to: Type.Optional(day),
    search: Type.Optional(Type.String({ maxLength: 100, description: 'PO number or supplier name' })),
  }),
]);
export const ReceiveBody = Type.Object(
  {
    warehouse_id: uuid,
    lines: Type.Array(
      Type.Object({
        line_id: uuid,
        quantity: Type.Number({ minimum: 0.0001, maximum: 1e12 }),
        bin_id: Type.Optional(nullable(uuid)),
        lot_number: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 64 }))),
        expiry_date: Type.Optional(nullable(day)),
        unit_cost: Type.Optional(nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
      }),
      { minItems: 1, maxItems: 500 },
    ),
  },
  {
    examples: [
      {
        warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
        lines: [{ line_id: lineExample.id, quantity: 60 }],
      },
    ],
  },
);
export type ReceiveBody = Static<typeof ReceiveBody>;
export const IdParams = Type.Object({ id: uuid });
