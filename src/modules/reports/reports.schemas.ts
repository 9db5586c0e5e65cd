import { type TProperties, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { AGE_BUCKETS } from './age-buckets.js';
import {
  abcExample,
  agingExample,
  dashboardExample,
  fefoExample,
  historyExample,
  lowStockExample,
  reconciliationExample,
  stockOnHandExample,
  turnoverExample,
  valuationExample,
} from './reports.examples.js';

const uuid = Type.String({ format: 'uuid' });
const day = Type.String({ format: 'date' });
const text = Type.Union([Type.String(), Type.Null()]);
const num = Type.Number();
const nullableNum = Type.Union([Type.Number(), Type.Null()]);
const moment = Type.String({ format: 'date-time' });

/** A paged query with the given filters. */
const paged = <T extends TProperties>(props: T) => Type.Intersect([PageQuery, Type.Object(props)]);

const productFields = { product_id: uuid, sku: Type.String(), product_name: Type.String() };

export const DashboardQuery = Type.Object({ warehouse_id: Type.Optional(uuid) });
export const Dashboard = Type.Object(
  {
    generated_at: moment,
    stock_value: Type.Number({ description: 'On hand at moving average cost (list price where none yet)' }),
    distinct_skus: Type.Integer(),
    stock_lines: Type.Integer({ description: 'Balances (product, warehouse, bin, lot) with stock' }),
    low_stock_count: Type.Integer({ description: 'Active products at or below their reorder point' }),
    expiring_7_days: Type.Integer({ description: 'Lots on hand expiring within 7 days (business days)' }),
    expiring_30_days: Type.Integer(),
    expired_lots: Type.Integer({ description: 'Expired lots still on hand' }),
    expired_quantity: num,
    open_purchase_orders: Type.Integer(),
    open_sales_orders: Type.Integer(),
    open_work_orders: Type.Integer(),
    open_transfers: Type.Integer(),
    receipts_today: Type.Integer({ description: 'Receipt postings since the start of the business day' }),
    received_quantity_today: num,
    issues_today: Type.Integer(),
    issued_quantity_today: num,
    units: Type.Array(Type.Object({ unit: Type.String(), quantity: num })),
    warehouses: Type.Array(
      Type.Object({
        warehouse_id: uuid,
        warehouse_code: Type.String(),
        warehouse_name: Type.String(),
        stock_value: num,
        distinct_skus: Type.Integer(),
        quantity: num,
        low_stock_count: Type.Integer(),
      }),
    ),
    total_items: Type.Integer({ description: 'Widget key: distinct SKUs on hand' }),
    low_stock_items: Type.Integer({ description: 'Widget key: low_stock_count' }),
    expiring_soon_items: Type.Integer({ description: 'Widget key: expiring_30_days' }),
    total_stock_value: Type.Number({ description: 'Widget key: stock_value' }),
    pending_pos: Type.Integer({ description: 'Widget key: open_purchase_orders' }),
  },
  { examples: [dashboardExample] },
);

export const FefoQuery = paged({
  warehouse_id: Type.Optional(uuid),
  product_id: Type.Optional(uuid),
  expiring_within_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 36_500 })),
  include_expired: Type.Optional(Type.Boolean({ default: true })),
  as_of: Type.Optional(
    Type.String({ format: 'date-time', description: 'Count days to expiry from this moment' }),
  ),
});
const FefoRow = Type.Object({
  ...productFields,
  warehouse_id: uuid,
  warehouse_code: Type.String(),
  bin_id: uuid,
  bin_code: Type.String(),
  lot_id: uuid,
  lot_number: Type.String(),
  expiry_date: Type.Union([day, Type.Null()]),
  days_to_expiry: Type.Union([Type.Integer(), Type.Null()]),
  expired: Type.Boolean(),
  quantity: num,
  reserved: num,
  value: num,
});
export const FefoReport = Type.Intersect([PageOf(FefoRow)], { examples: [fefoExample] });

export const StockOnHandQuery = paged({
  group_by: Type.Optional(Type.Enum(['product', 'warehouse', 'bin', 'lot'], { default: 'warehouse' })),
  as_of: Type.Optional(Type.String({ format: 'date-time', description: 'A past moment; now when absent' })),
  warehouse_id: Type.Optional(uuid),
  product_id: Type.Optional(uuid),
});
const OnHandRow = Type.Object({
  ...productFields,
  unit: Type.String(),
  warehouse_id: Type.Optional(uuid),
  warehouse_code: text,
  bin_id: Type.Optional(uuid),
  bin_code: text,
  lot_id: Type.Optional(Type.Union([uuid, Type.Null()])),
  lot_number: text,
  quantity: num,
  value: Type.Number({ description: 'At the current average cost' }),
});
export const StockOnHandReport = Type.Intersect(
  [PageOf(OnHandRow), Type.Object({ as_of: Type.Union([moment, Type.Null()]), total_quantity: num })],
  { examples: [stockOnHandExample] },
);

export const HistoryQuery = paged({
  product_id: Type.Optional(uuid),
  warehouse_id: Type.Optional(uuid),
  movement_type: Type.Optional(Type.String({ maxLength: 40 })),
  date_from: Type.Optional(day),
  date_to: Type.Optional(day),
});
export const HistoryReport = PageOf(
  Type.Object({
    id: uuid,
    occurred_at: moment,
    movement_type: Type.String(),
    product_id: uuid,
    sku: Type.String(),
    warehouse_id: uuid,
    warehouse_code: Type.String(),
    bin_code: Type.String(),
    lot_number: text,
    quantity: num,
    unit_cost: nullableNum,
    balance_after: Type.Number({ description: 'On hand of the product in the warehouse after this row' }),
    reference_type: text,
    reference_number: text,
    reason: text,
  }),
  historyExample.items[0],
);

export const ValuationQuery = Type.Object({
  group_by: Type.Optional(Type.Enum(['warehouse', 'category'], { default: 'warehouse' })),
  warehouse_id: Type.Optional(uuid),
  as_of: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'A past moment: its stock, FIFO from what had come in by then; averages are today’s',
    }),
  ),
});
const ValuationFigures = { quantity: num, value_average: num, value_fifo: num };
export const ValuationReport = Type.Object(
  {
    group_by: Type.String(),
    items: Type.Array(
      Type.Object({
        group_id: Type.Union([uuid, Type.Null()]),
        group_code: text,
        group_name: text,
        ...ValuationFigures,
      }),
    ),
    totals: Type.Object(ValuationFigures),
  },
  { examples: [valuationExample] },
);

export const AgingQuery = paged({
  warehouse_id: Type.Optional(uuid),
  product_id: Type.Optional(uuid),
  as_of: Type.Optional(
    Type.String({ format: 'date-time', description: 'Count ages as of this moment (default now)' }),
  ),
});
const bucketFields = Object.fromEntries(AGE_BUCKETS.map((bucket) => [bucket, num]));
export const AgingReport = Type.Intersect(
  [
    PageOf(
      Type.Object({
        ...productFields,
        quantity: num,
        value: num,
        oldest_days: Type.Integer(),
        ...bucketFields,
      }),
    ),
    Type.Object({ buckets: Type.Array(Type.String()) }),
  ],
  { examples: [agingExample] },
);

const PeriodQuery = {
  date_from: Type.Optional(day),
  date_to: Type.Optional(day),
};
export const TurnoverQuery = paged({
  ...PeriodQuery,
  warehouse_id: Type.Optional(uuid),
  category_id: Type.Optional(uuid),
});
export const TurnoverReport = Type.Intersect(
  [
    PageOf(
      Type.Object({
        ...productFields,
        category_id: Type.Union([uuid, Type.Null()]),
        opening_quantity: num,
        closing_quantity: num,
        consumed_quantity: num,
        consumed_value: num,
        turnover: Type.Union([Type.Number({ description: 'Consumed ÷ average stock' }), Type.Null()]),
        days_of_supply: nullableNum,
      }),
    ),
    Type.Object({ date_from: day, date_to: day, days: Type.Integer() }),
  ],
  { examples: [turnoverExample] },
);

export const LowStockQuery = paged({
  warehouse_id: Type.Optional(uuid),
  lookback_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, default: 30 })),
  cover_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, default: 30 })),
});
export const LowStockReport = PageOf(
  Type.Object({
    ...productFields,
    unit: Type.String(),
    reorder_point: num,
    on_hand: num,
    available: num,
    average_daily_use: num,
    on_order: Type.Number({ description: 'Still to come on open purchase orders' }),
    days_of_supply: nullableNum,
    suggested_order: num,
  }),
  lowStockExample.items[0],
);

export const ReconciliationQuery = paged({
  mismatched_only: Type.Optional(Type.Boolean({ default: false })),
});
export const ReconciliationReport = Type.Object(
  {
    ok: Type.Boolean({ description: 'Every warehouse and every document line agrees with the ledger' }),
    warehouses: Type.Array(
      Type.Object({
        warehouse_id: uuid,
        warehouse_code: Type.String(),
        ledger_quantity: num,
        balance_quantity: num,
        difference: num,
        movements: Type.Integer(),
      }),
    ),
    documents: PageOf(
      Type.Object({
        document_type: Type.String(),
        document_id: uuid,
        document_number: Type.String(),
        product_id: uuid,
        sku: Type.String(),
        ordered_quantity: num,
        document_quantity: Type.Number({ description: 'Received or shipped, as the document records it' }),
        ledger_quantity: num,
        matches: Type.Boolean(),
      }),
    ),
    mismatched_documents: Type.Integer(),
  },
  { examples: [reconciliationExample] },
);

export const AbcQuery = paged({
  ...PeriodQuery,
  a_percent: Type.Optional(Type.Number({ minimum: 1, maximum: 99, default: 80 })),
  b_percent: Type.Optional(Type.Number({ minimum: 1, maximum: 100, default: 95 })),
});
export const AbcReport = Type.Intersect(
  [
    PageOf(
      Type.Object({
        ...productFields,
        consumed_quantity: num,
        consumed_value: num,
        share_percent: num,
        cumulative_percent: num,
        class: Type.Enum(['A', 'B', 'C']),
      }),
    ),
    Type.Object({ date_from: day, date_to: day }),
  ],
  { examples: [abcExample] },
);
