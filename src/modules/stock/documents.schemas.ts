import { type Static, Type } from 'typebox';
import { nullable } from '../../platform/schemas.js';
import { PostedMovement } from './stock.schemas.js';

const uuid = Type.String({ format: 'uuid' });
const Positive = Type.Number({ minimum: 0.0001, maximum: 1e12 });

const lineFields = {
  product_id: uuid,
  bin_id: Type.Optional(nullable(uuid)),
  lot_id: Type.Optional(nullable(uuid)),
  lot_number: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 64 }))),
};

const productId = '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e20';
const warehouseId = '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f';

export const ReceiptBody = Type.Object(
  {
    warehouse_id: uuid,
    reference_number: Type.Optional(nullable(Type.String({ maxLength: 100 }))),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    lines: Type.Array(
      Type.Object({
        ...lineFields,
        quantity: Positive,
        expiry_date: Type.Optional(nullable(Type.String({ format: 'date' }))),
        unit_cost: Type.Optional(nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
      }),
      { minItems: 1, maxItems: 2000 },
    ),
  },
  {
    examples: [
      {
        warehouse_id: warehouseId,
        reference_number: 'SZL-2026-0042',
        lines: [
          {
            product_id: productId,
            quantity: 24,
            lot_number: 'L2026-001',
            expiry_date: '2026-12-31',
            unit_cost: 450,
          },
        ],
      },
    ],
  },
);
export type ReceiptBody = Static<typeof ReceiptBody>;

export const IssueBody = Type.Object(
  {
    warehouse_id: uuid,
    reference_number: Type.Optional(nullable(Type.String({ maxLength: 100 }))),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    force_expired: Type.Optional(
      Type.Boolean({ description: 'Issue expired lots too (manager or admin only)' }),
    ),
    lines: Type.Array(Type.Object({ ...lineFields, quantity: Positive }), { minItems: 1, maxItems: 2000 }),
  },
  {
    examples: [
      {
        warehouse_id: warehouseId,
        reference_number: 'KI-2026-0007',
        lines: [{ product_id: productId, quantity: 5 }],
      },
    ],
  },
);
export type IssueBody = Static<typeof IssueBody>;

export const AdjustmentBody = Type.Object(
  {
    warehouse_id: uuid,
    reason_code: Type.Enum(['damage', 'loss', 'found', 'correction', 'expiry']),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    lines: Type.Array(
      Type.Object({
        ...lineFields,
        quantity: Type.Number({ minimum: -1e12, maximum: 1e12, description: 'Signed: + adds, − removes' }),
        expiry_date: Type.Optional(nullable(Type.String({ format: 'date' }))),
      }),
      { minItems: 1, maxItems: 2000 },
    ),
  },
  {
    examples: [
      { warehouse_id: warehouseId, reason_code: 'damage', lines: [{ product_id: productId, quantity: -2 }] },
    ],
  },
);
export type AdjustmentBody = Static<typeof AdjustmentBody>;

export const CountBody = Type.Object(
  {
    warehouse_id: uuid,
    reference_number: Type.Optional(nullable(Type.String({ maxLength: 100 }))),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    lines: Type.Array(
      Type.Object({ ...lineFields, counted_quantity: Type.Number({ minimum: 0, maximum: 1e12 }) }),
      { minItems: 1, maxItems: 2000 },
    ),
  },
  {
    examples: [
      {
        warehouse_id: warehouseId,
        reference_number: 'LELTAR-2026-Q1',
        lines: [{ product_id: productId, counted_quantity: 38 }],
      },
    ],
  },
);
export type CountBody = Static<typeof CountBody>;

export const DocumentResult = Type.Object(
  { posting_id: uuid, movements: Type.Array(PostedMovement) },
  { examples: [{ posting_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e41', movements: [] }] },
);

export const CountResult = Type.Object(
  {
    posting_id: uuid,
    lines: Type.Array(
      Type.Object({
        product_id: uuid,
        bin_id: uuid,
        bin_code: Type.String(),
        lot_id: nullable(uuid),
        previous_quantity: Type.Number(),
        counted_quantity: Type.Number(),
        difference: Type.Number(),
      }),
    ),
    movements: Type.Array(PostedMovement),
  },
  {
    examples: [
      {
        posting_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e41',
        lines: [
          {
            product_id: productId,
            bin_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e11',
            bin_code: 'A-01-02',
            lot_id: null,
            previous_quantity: 40,
            counted_quantity: 38,
            difference: -2,
          },
        ],
        movements: [],
      },
    ],
  },
);
