// Examples for the OpenAPI document, one per report.
const product = {
  product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e20',
  sku: 'MILK-1L',
  product_name: 'Milk 1 l',
};
const warehouse = {
  warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e30',
  warehouse_code: 'BUD',
};
const page = { total: 1, page: 1, page_size: 20, pages: 1 };

export const dashboardExample = {
  generated_at: '2026-01-15T09:30:00.000Z',
  stock_value: 125_400.5,
  distinct_skus: 812,
  stock_lines: 1_940,
  low_stock_count: 14,
  expiring_7_days: 3,
  expiring_30_days: 11,
  expired_lots: 1,
  expired_quantity: 12,
  open_purchase_orders: 6,
  open_sales_orders: 9,
  open_work_orders: 2,
  open_transfers: 1,
  receipts_today: 18,
  received_quantity_today: 960,
  issues_today: 42,
  issued_quantity_today: 310,
  units: [{ unit: 'pcs', quantity: 48_200 }],
  warehouses: [
    {
      ...warehouse,
      warehouse_name: 'Budapest',
      stock_value: 125_400.5,
      distinct_skus: 812,
      quantity: 48_200,
      low_stock_count: 14,
    },
  ],
  total_items: 812,
  low_stock_items: 14,
  expiring_soon_items: 11,
  total_stock_value: 125_400.5,
  pending_pos: 6,
};

export const fefoExample = {
  items: [
    {
      ...product,
      ...warehouse,
      bin_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e31',
      bin_code: 'A-01-02',
      lot_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e40',
      lot_number: 'L-2026-001',
      expiry_date: '2026-01-20',
      days_to_expiry: 5,
      expired: false,
      quantity: 24,
      reserved: 4,
      value: 43.2,
    },
  ],
  ...page,
};

export const stockOnHandExample = {
  items: [
    { ...product, unit: 'pcs', ...warehouse, bin_code: null, lot_number: null, quantity: 120, value: 216 },
  ],
  ...page,
  as_of: '2025-12-31T23:00:00.000Z',
  total_quantity: 120,
};

export const historyExample = {
  items: [
    {
      id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e50',
      occurred_at: '2026-01-15T09:30:00.000Z',
      movement_type: 'issue',
      product_id: product.product_id,
      sku: product.sku,
      ...warehouse,
      bin_code: 'A-01-02',
      lot_number: null,
      quantity: -5,
      unit_cost: null,
      balance_after: 115,
      reference_type: 'sales_order',
      reference_number: 'SO-000042',
      reason: null,
    },
  ],
  ...page,
};

export const valuationExample = {
  group_by: 'warehouse',
  items: [
    {
      group_id: warehouse.warehouse_id,
      group_code: 'BUD',
      group_name: 'Budapest',
      quantity: 120,
      value_average: 216,
      value_fifo: 228,
    },
  ],
  totals: { quantity: 120, value_average: 216, value_fifo: 228 },
};

export const agingExample = {
  items: [
    {
      ...product,
      quantity: 120,
      value: 216,
      oldest_days: 95,
      '0_30': 80,
      '31_90': 30,
      '91_180': 10,
      over_180: 0,
    },
  ],
  ...page,
  buckets: ['0_30', '31_90', '91_180', 'over_180'],
};

export const turnoverExample = {
  items: [
    {
      ...product,
      category_id: null,
      opening_quantity: 100,
      closing_quantity: 60,
      consumed_quantity: 240,
      consumed_value: 432,
      turnover: 3,
      days_of_supply: 7.5,
    },
  ],
  ...page,
  date_from: '2026-01-01',
  date_to: '2026-01-30',
  days: 30,
};

export const lowStockExample = {
  items: [
    {
      ...product,
      unit: 'pcs',
      reorder_point: 10,
      on_hand: 4,
      available: 4,
      average_daily_use: 1,
      on_order: 0,
      days_of_supply: 4,
      suggested_order: 36,
    },
  ],
  ...page,
};

export const reconciliationExample = {
  ok: true,
  warehouses: [
    { ...warehouse, ledger_quantity: 48_200, balance_quantity: 48_200, difference: 0, movements: 90_210 },
  ],
  documents: {
    items: [
      {
        document_type: 'purchase_order',
        document_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e60',
        document_number: 'PO-000007',
        product_id: product.product_id,
        sku: product.sku,
        ordered_quantity: 100,
        document_quantity: 60,
        ledger_quantity: 60,
        matches: true,
      },
    ],
    ...page,
  },
  mismatched_documents: 0,
};

export const abcExample = {
  items: [
    {
      ...product,
      consumed_quantity: 240,
      consumed_value: 432,
      share_percent: 62.5,
      cumulative_percent: 62.5,
      class: 'A',
    },
  ],
  ...page,
  date_from: '2026-01-01',
  date_to: '2026-01-30',
};
