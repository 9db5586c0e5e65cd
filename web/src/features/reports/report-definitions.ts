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
/** A report whose rows are `items`, paged by the API. */
const PAGED_ITEMS = {
  paged: true,
  rows: (d: { items: object[] }) => d.items,
  paging: pageOf,
} as const;

/** Columns of one kind, by key. */
const columnsOf =
  (kind?: ColumnKind) =>
  (...keys: string[]): ReportColumn[] =>
    keys.map((key) => (kind ? { key, kind } : { key }));
const text = columnsOf();
const quantity = columnsOf('quantity');
const money = columnsOf('money');
const number = columnsOf('number');
const PRODUCT = text('sku', 'product_name');
/** Where a stock row is: warehouse, bin and lot. */
const PLACE = text('warehouse_code', 'bin_code', 'lot_number');

const WAREHOUSE = { name: 'warehouse_id', kind: 'warehouse' } as const;
const AS_OF = { name: 'as_of', kind: 'end-of-day' } as const;
const PERIOD = [
  { name: 'date_from', kind: 'day' },
  { name: 'date_to', kind: 'day' },
] as const;
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
      WAREHOUSE,
      { name: 'group_by', kind: 'choice', choices: ['warehouse', 'product', 'bin', 'lot'], initial: 'bin' },
      AS_OF,
    ],
    columns: [...PRODUCT, ...PLACE, ...quantity('quantity'), ...text('unit'), ...money('value')],
    ...PAGED_ITEMS,
    totals: (d) => [{ key: 'total_quantity', value: d.total_quantity, kind: 'quantity' }],
  }),
  define({
    key: 'fefo',
    filters: [
      WAREHOUSE,
      { name: 'expiring_within_days', kind: 'number' },
      { name: 'include_expired', kind: 'boolean', initial: 'true' },
    ],
    columns: [
      ...PRODUCT,
      ...PLACE,
      { key: 'expiry_date', kind: 'date' },
      ...number('days_to_expiry'),
      ...quantity('quantity', 'reserved'),
      ...money('value'),
    ],
    ...PAGED_ITEMS,
  }),
  define({
    key: 'low-stock',
    filters: [WAREHOUSE, { name: 'lookback_days', kind: 'number' }, { name: 'cover_days', kind: 'number' }],
    columns: [
      ...PRODUCT,
      ...quantity('reorder_point', 'on_hand', 'available', 'on_order', 'average_daily_use'),
      ...number('days_of_supply'),
      ...quantity('suggested_order'),
    ],
    ...PAGED_ITEMS,
  }),
  define({
    key: 'movement-history',
    filters: [WAREHOUSE, { name: 'movement_type', kind: 'choice', choices: MOVEMENT_TYPES }, ...PERIOD],
    columns: [
      { key: 'occurred_at', kind: 'datetime' },
      { key: 'movement_type', kind: 'label' },
      ...text('sku'),
      ...PLACE,
      ...quantity('quantity'),
      ...money('unit_cost'),
      ...quantity('balance_after'),
      ...text('reference_number', 'reason'),
    ],
    ...PAGED_ITEMS,
  }),
  define({
    key: 'valuation',
    filters: [
      { name: 'group_by', kind: 'choice', choices: ['warehouse', 'category'], initial: 'warehouse' },
      WAREHOUSE,
      AS_OF,
    ],
    columns: [
      ...text('group_code', 'group_name'),
      ...quantity('quantity'),
      ...money('value_average', 'value_fifo'),
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
    filters: [WAREHOUSE, AS_OF],
    columns: [
      ...PRODUCT,
      ...quantity('quantity'),
      ...money('value'),
      ...number('oldest_days'),
      ...quantity('0_30', '31_90', '91_180', 'over_180'),
    ],
    ...PAGED_ITEMS,
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
    filters: [...PERIOD, WAREHOUSE, { name: 'category_id', kind: 'category' }],
    columns: [
      ...PRODUCT,
      ...quantity('opening_quantity', 'closing_quantity', 'consumed_quantity'),
      ...money('consumed_value'),
      ...number('turnover', 'days_of_supply'),
    ],
    ...PAGED_ITEMS,
    period: (d) => ({ from: d.date_from, to: d.date_to }),
    chart: { title: 'turnover', x: 'sku', bars: ['turnover'], data: (d) => d.items },
  }),
  define({
    key: 'reconciliation',
    filters: [{ name: 'mismatched_only', kind: 'boolean' }],
    columns: [
      { key: 'document_type', kind: 'label' },
      ...text('document_number', 'sku'),
      ...quantity('ordered_quantity', 'document_quantity', 'ledger_quantity'),
      { key: 'matches', kind: 'yes-no' },
    ],
    paged: true,
    rows: (d) => d.documents.items,
    paging: (d) => pageOf(d.documents),
    totals: (d) => [{ key: 'mismatched_documents', value: d.mismatched_documents, kind: 'number' }],
    extra: {
      title: 'warehouses',
      columns: [
        ...text('warehouse_code'),
        ...quantity('ledger_quantity', 'balance_quantity', 'difference'),
        ...number('movements'),
      ],
      rows: (d) => d.warehouses,
    },
  }),
  define({
    key: 'abc',
    filters: [...PERIOD, { name: 'a_percent', kind: 'number' }, { name: 'b_percent', kind: 'number' }],
    columns: [
      ...PRODUCT,
      ...quantity('consumed_quantity'),
      ...money('consumed_value'),
      ...columnsOf('percent')('share_percent', 'cumulative_percent'),
      ...text('class'),
    ],
    ...PAGED_ITEMS,
    period: (d) => ({ from: d.date_from, to: d.date_to }),
    chart: { title: 'abc', x: 'sku', bars: ['consumed_value'], money: true, data: (d) => d.items },
  }),
];

/** Where a report's screen is; stock on hand is the menu's Reports entry. */
export function reportPath(key: ReportKey): string {
  return key === 'stock-on-hand' ? '/reports' : `/reports/${key}`;
}
