import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { nullable } from '../../platform/schemas.js';
import { PostedMovementSchema, postedMovementExample } from '../stock/index.js';
import { WO_PRIORITIES, WO_STATUSES } from './production.tables.js';

const uuid = Type.String({ format: 'uuid' });
const day = Type.String({ format: 'date' });

export const WorkOrderCreate = Type.Object(
  {
    product_id: uuid,
    quantity: Type.Number({ minimum: 0.0001, maximum: 1e12 }),
    priority: Type.Optional(Type.Enum([...WO_PRIORITIES])),
    due_date: Type.Optional(nullable(day)),
    warehouse_id: uuid,
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    components: Type.Array(
      Type.Object({
        product_id: uuid,
        quantity_per_unit: Type.Number({ minimum: 0.0001, maximum: 1e9 }),
      }),
      {
        maxItems: 200,
      },
    ),
  },
  {
    examples: [
      {
        product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9ea0',
        quantity: 100,
        priority: 'high',
        due_date: '2026-02-01',
        warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
        components: [{ product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9ea1', quantity_per_unit: 1.5 }],
      },
    ],
  },
);
export type WorkOrderCreate = Static<typeof WorkOrderCreate>;

const componentExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9ea2',
  product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9ea1',
  sku: 'FABRIC-COTTON',
  product_name: 'Cotton fabric',
  quantity_per_unit: 1.5,
  required_quantity: 150,
  consumed_quantity: 0,
  reservation_id: null,
};
const orderFields = {
  id: uuid,
  wo_number: Type.String(),
  product_id: uuid,
  sku: Type.String({ description: 'The product made' }),
  product_name: Type.String(),
  warehouse_id: uuid,
  warehouse_code: Type.String(),
  quantity: Type.Number(),
  produced_quantity: Type.Number(),
  priority: Type.String(),
  due_date: nullable(day),
  status: Type.String({ description: WO_STATUSES.join(' | ') }),
  progress: Type.Integer(),
  notes: Type.String(),
  components: Type.Array(
    Type.Object({
      id: uuid,
      product_id: uuid,
      sku: Type.String(),
      product_name: Type.String(),
      quantity_per_unit: Type.Number(),
      required_quantity: Type.Number(),
      consumed_quantity: Type.Number(),
      reservation_id: nullable(uuid),
    }),
  ),
  version: Type.Integer(),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
};
const orderExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9ea3',
  wo_number: 'WO-000001',
  product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9ea0',
  sku: 'SHIRT-M',
  product_name: 'Cotton shirt, M',
  warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  warehouse_code: 'MAIN',
  quantity: 100,
  produced_quantity: 0,
  priority: 'high',
  due_date: '2026-02-01',
  status: 'planned',
  progress: 0,
  notes: '',
  components: [componentExample],
  version: 1,
  created_at: '2026-01-15T09:30:00.000Z',
  updated_at: '2026-01-15T09:30:00.000Z',
};
export const WorkOrderPublic = Type.Object(orderFields, { examples: [orderExample] });
export const WorkOrderList = PageOf(WorkOrderPublic, orderExample);
export const ProduceBody = Type.Object(
  {
    quantity: Type.Optional(
      Type.Number({ minimum: 0.0001, maximum: 1e12, description: 'Default: all that is left' }),
    ),
    lot_number: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    expiry_date: Type.Optional(nullable(day)),
    bin_id: Type.Optional(nullable(uuid)),
  },
  { examples: [{ quantity: 40, lot_number: 'WO1-A', expiry_date: '2027-01-31' }] },
);
export type ProduceBody = Static<typeof ProduceBody>;
export const ProductionResult = Type.Object(
  {
    ...orderFields,
    production: Type.Object({
      posting_id: uuid,
      consumed: Type.Array(PostedMovementSchema),
      output: PostedMovementSchema,
    }),
  },
  {
    examples: [
      {
        ...orderExample,
        status: 'completed',
        production: {
          posting_id: postedMovementExample.posting_id,
          consumed: [{ ...postedMovementExample, movement_type: 'production_consume' }],
          output: {
            ...postedMovementExample,
            movement_type: 'production_output',
            quantity: 40,
            allocations: [],
          },
        },
      },
    ],
  },
);
export const ProgressBody = Type.Object(
  { progress: Type.Integer({ minimum: 0, maximum: 100 }) },
  { examples: [{ progress: 40 }] },
);
export const WorkOrderQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    status: Type.Optional(Type.Enum([...WO_STATUSES])),
    priority: Type.Optional(Type.Enum([...WO_PRIORITIES])),
    product_id: Type.Optional(uuid),
  }),
]);
export const IdParams = Type.Object({ id: uuid });
