import type { ResponseOf } from '../../api/client';
import type { paths } from '../../api/schema';

/** Every report of `GET /api/v1/reports/{key}` this screen shows (the dashboard has its own page). */
export const REPORT_KEYS = [
  'stock-on-hand',
  'fefo',
  'low-stock',
  'movement-history',
  'valuation',
  'aging',
  'turnover',
  'reconciliation',
  'abc',
] as const;
export type ReportKey = (typeof REPORT_KEYS)[number];
export type ReportPath = `/api/v1/reports/${ReportKey}`;
export type ReportData<K extends ReportKey> = ResponseOf<`/api/v1/reports/${K}`, 'get'>;
type QueryOf<K extends ReportKey> = NonNullable<paths[`/api/v1/reports/${K}`]['get']['parameters']['query']>;

/**
 * A filter, by the query parameter it sets. `day` sends the date; `end-of-day` sends the instant
 * the day ends in the business zone (an "as of" moment); `choice` offers `choices`.
 */
export interface ReportFilter {
  name: string;
  kind: 'warehouse' | 'category' | 'day' | 'end-of-day' | 'number' | 'boolean' | 'choice';
  choices?: readonly string[];
  initial?: string;
}

/** How a column's values read: `label` is translated by `reports.values.<column>.<value>`. */
export type ColumnKind =
  | 'text'
  | 'label'
  | 'quantity'
  | 'number'
  | 'money'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'yes-no';

export interface ReportColumn {
  key: string;
  kind?: ColumnKind;
}

/** A bar chart of some of the report's figures: one bar (or stacked segment) per `bars` key. */
export interface ReportChart {
  title: string;
  x: string;
  bars: readonly string[];
  stacked?: boolean;
  money?: boolean;
  data: (data: unknown) => Record<string, unknown>[];
}

export interface ReportDefinition {
  key: ReportKey;
  /** The route whose roles and module grants decide who sees the report. */
  route: `GET ${ReportPath}`;
  filters: readonly ReportFilter[];
  columns: readonly ReportColumn[];
  /** Whether the API pages the rows (`page`, `page_size`). */
  paged: boolean;
  rows: (data: unknown) => Record<string, unknown>[];
  paging?: (data: unknown) => { page: number; pages: number; total: number };
  /** Totals or other figures shown above the rows. */
  totals?: (data: unknown) => { key: string; value: number; kind: ColumnKind }[];
  /** The days the report covers, when the API chose them (turnover, ABC). */
  period?: (data: unknown) => { from: string; to: string };
  chart?: ReportChart;
  /** A second table of whole-report figures (reconciliation's warehouses). */
  extra?: {
    title: string;
    columns: readonly ReportColumn[];
    rows: (data: unknown) => Record<string, unknown>[];
  };
}

/**
 * One report's definition, typed against its route's answer and query; the screen reads every
 * report through the same shape.
 */
function define<K extends ReportKey>(definition: {
  key: K;
  filters: readonly (ReportFilter & { name: keyof QueryOf<K> & string })[];
  columns: readonly ReportColumn[];
  paged: boolean;
  rows: (data: ReportData<K>) => object[];
  paging?: (data: ReportData<K>) => { page: number; pages: number; total: number };
  totals?: (data: ReportData<K>) => { key: string; value: number; kind: ColumnKind }[];
  period?: (data: ReportData<K>) => { from: string; to: string };
  chart?: Omit<ReportChart, 'data'> & { data: (data: ReportData<K>) => object[] };
  extra?: { title: string; columns: readonly ReportColumn[]; rows: (data: ReportData<K>) => object[] };
}): ReportDefinition {
  return { ...definition, route: `GET /api/v1/reports/${definition.key}` } as unknown as ReportDefinition;
}

const pageOf = (data: { page: number; pages: number; total: number }) => ({
  page: data.page,
  pages: data.pages,
  total: data.total,
});
const MOVEMENT_TYPES = [
  'receipt',
  'issue',
  'adjustment',
  'damaged',
  'return',
  'transfer_out',
  'transfer_in',
  'production_consume',
  'production_output',
  'dispatch',
  'dispatch_return',
  'count',
] as const;

export const REPORTS: readonly ReportDefinition[] = [
  define({
    key: 'stock-on-hand',
    filters: [
      { name: 'warehouse_id', kind: 'warehouse' },
      { name: 'group_by', kind: 'choice', choices: ['warehouse', 'product', 'bin', 'lot'], initial: 'bin' },
      { name: 'as_of', kind: 'end-of-day' },
    ],
    columns: [
      { key: 'sku' },
      { key: 'product_name' },
      { key: 'warehouse_code' },
      { key: 'bin_code' },
      { key: 'lot_number' },
      { key: 'quantity', kind: 'quantity' },
      { key: 'unit' },
      { key: 'value', kind: 'money' },
    ],
    paged: true,
    rows: (d) => d.items,
    paging: pageOf,
    totals: (d) => [{ key: 'total_quantity', value: d.total_quantity, kind: 'quantity' }],
  }),
  define({
    key: 'fefo',
    filters: [
      { name: 'warehouse_id', kind: 'warehouse' },
      { name: 'expiring_within_days', kind: 'number' },
      { name: 'include_expired', kind: 'boolean', initial: 'true' },
    ],
    columns: [
      { key: 'sku' },
      { key: 'product_name' },
      { key: 'warehouse_code' },
      { key: 'bin_code' },
      { key: 'lot_number' },
      { key: 'expiry_date', kind: 'date' },
      { key: 'days_to_expiry', kind: 'number' },
      { key: 'quantity', kind: 'quantity' },
      { key: 'reserved', kind: 'quantity' },
      { key: 'value', kind: 'money' },
    ],
    paged: true,
    rows: (d) => d.items,
    paging: pageOf,
  }),
  define({
    key: 'low-stock',
    filters: [
      { name: 'warehouse_id', kind: 'warehouse' },
      { name: 'lookback_days', kind: 'number' },
      { name: 'cover_days', kind: 'number' },
    ],
    columns: [
      { key: 'sku' },
      { key: 'product_name' },
      { key: 'reorder_point', kind: 'quantity' },
      { key: 'on_hand', kind: 'quantity' },
      { key: 'available', kind: 'quantity' },
      { key: 'on_order', kind: 'quantity' },
      { key: 'average_daily_use', kind: 'quantity' },
      { key: 'days_of_supply', kind: 'number' },
      { key: 'suggested_order', kind: 'quantity' },
    ],
    paged: true,
    rows: (d) => d.items,
    paging: pageOf,
  }),
  define({
    key: 'movement-history',
    filters: [
      { name: 'warehouse_id', kind: 'warehouse' },
      { name: 'movement_type', kind: 'choice', choices: MOVEMENT_TYPES },
      { name: 'date_from', kind: 'day' },
      { name: 'date_to', kind: 'day' },
    ],
    columns: [
      { key: 'occurred_at', kind: 'datetime' },
      { key: 'movement_type', kind: 'label' },
      { key: 'sku' },
      { key: 'warehouse_code' },
      { key: 'bin_code' },
      { key: 'lot_number' },
      { key: 'quantity', kind: 'quantity' },
      { key: 'unit_cost', kind: 'money' },
      { key: 'balance_after', kind: 'quantity' },
      { key: 'reference_number' },
      { key: 'reason' },
    ],
    paged: true,
    rows: (d) => d.items,
    paging: pageOf,
  }),
  define({
    key: 'valuation',
    filters: [
      { name: 'group_by', kind: 'choice', choices: ['warehouse', 'category'], initial: 'warehouse' },
      { name: 'warehouse_id', kind: 'warehouse' },
      { name: 'as_of', kind: 'end-of-day' },
    ],
    columns: [
      { key: 'group_code' },
      { key: 'group_name' },
      { key: 'quantity', kind: 'quantity' },
      { key: 'value_average', kind: 'money' },
      { key: 'value_fifo', kind: 'money' },
    ],
    paged: false,
    rows: (d) => d.items,
    totals: (d) => [
      { key: 'quantity', value: d.totals.quantity, kind: 'quantity' },
      { key: 'value_average', value: d.totals.value_average, kind: 'money' },
      { key: 'value_fifo', value: d.totals.value_fifo, kind: 'money' },
    ],
    chart: {
      title: 'valuation',
      x: 'group',
      bars: ['value_average', 'value_fifo'],
      money: true,
      data: (d) => d.items.map((row) => ({ ...row, group: row.group_code ?? row.group_name ?? '—' })),
    },
  }),
  define({
    key: 'aging',
    filters: [
      { name: 'warehouse_id', kind: 'warehouse' },
      { name: 'as_of', kind: 'end-of-day' },
    ],
    columns: [
      { key: 'sku' },
      { key: 'product_name' },
      { key: 'quantity', kind: 'quantity' },
      { key: 'value', kind: 'money' },
      { key: 'oldest_days', kind: 'number' },
      { key: '0_30', kind: 'quantity' },
      { key: '31_90', kind: 'quantity' },
      { key: '91_180', kind: 'quantity' },
      { key: 'over_180', kind: 'quantity' },
    ],
    paged: true,
    rows: (d) => d.items,
    paging: pageOf,
    chart: {
      title: 'aging',
      x: 'sku',
      bars: ['0_30', '31_90', '91_180', 'over_180'],
      stacked: true,
      data: (d) => d.items,
    },
  }),
  define({
    key: 'turnover',
    filters: [
      { name: 'date_from', kind: 'day' },
      { name: 'date_to', kind: 'day' },
      { name: 'warehouse_id', kind: 'warehouse' },
      { name: 'category_id', kind: 'category' },
    ],
    columns: [
      { key: 'sku' },
      { key: 'product_name' },
      { key: 'opening_quantity', kind: 'quantity' },
      { key: 'closing_quantity', kind: 'quantity' },
      { key: 'consumed_quantity', kind: 'quantity' },
      { key: 'consumed_value', kind: 'money' },
      { key: 'turnover', kind: 'number' },
      { key: 'days_of_supply', kind: 'number' },
    ],
    paged: true,
    rows: (d) => d.items,
    paging: pageOf,
    period: (d) => ({ from: d.date_from, to: d.date_to }),
    chart: { title: 'turnover', x: 'sku', bars: ['turnover'], data: (d) => d.items },
  }),
  define({
    key: 'reconciliation',
    filters: [{ name: 'mismatched_only', kind: 'boolean' }],
    columns: [
      { key: 'document_type', kind: 'label' },
      { key: 'document_number' },
      { key: 'sku' },
      { key: 'ordered_quantity', kind: 'quantity' },
      { key: 'document_quantity', kind: 'quantity' },
      { key: 'ledger_quantity', kind: 'quantity' },
      { key: 'matches', kind: 'yes-no' },
    ],
    paged: true,
    rows: (d) => d.documents.items,
    paging: (d) => pageOf(d.documents),
    totals: (d) => [{ key: 'mismatched_documents', value: d.mismatched_documents, kind: 'number' }],
    extra: {
      title: 'warehouses',
      columns: [
        { key: 'warehouse_code' },
        { key: 'ledger_quantity', kind: 'quantity' },
        { key: 'balance_quantity', kind: 'quantity' },
        { key: 'difference', kind: 'quantity' },
        { key: 'movements', kind: 'number' },
      ],
      rows: (d) => d.warehouses,
    },
  }),
  define({
    key: 'abc',
    filters: [
      { name: 'date_from', kind: 'day' },
      { name: 'date_to', kind: 'day' },
      { name: 'a_percent', kind: 'number' },
      { name: 'b_percent', kind: 'number' },
    ],
    columns: [
      { key: 'sku' },
      { key: 'product_name' },
      { key: 'consumed_quantity', kind: 'quantity' },
      { key: 'consumed_value', kind: 'money' },
      { key: 'share_percent', kind: 'percent' },
      { key: 'cumulative_percent', kind: 'percent' },
      { key: 'class' },
    ],
    paged: true,
    rows: (d) => d.items,
    paging: pageOf,
    period: (d) => ({ from: d.date_from, to: d.date_to }),
    chart: { title: 'abc', x: 'sku', bars: ['consumed_value'], money: true, data: (d) => d.items },
  }),
];
