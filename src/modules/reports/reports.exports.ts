import { defineExportColumns, type ExportColumn } from '../../platform/export/export-formats.js';

// Every report as a file (`?format=csv|xlsx`): the same rows as its pages, all of them.

const sku: ExportColumn = { key: 'sku', type: 'text', header: { en: 'SKU', hu: 'Cikkszám' } };
const productName: ExportColumn = {
  key: 'product_name',
  type: 'text',
  header: { en: 'Product', hu: 'Termék' },
};
const warehouse: ExportColumn = {
  key: 'warehouse_code',
  type: 'text',
  header: { en: 'Warehouse', hu: 'Raktár' },
};
const bin: ExportColumn = { key: 'bin_code', type: 'text', header: { en: 'Bin', hu: 'Tárhely' } };
const lot: ExportColumn = { key: 'lot_number', type: 'text', header: { en: 'Lot', hu: 'Tétel' } };
const quantity: ExportColumn = {
  key: 'quantity',
  type: 'number',
  header: { en: 'Quantity', hu: 'Mennyiség' },
};
const value: ExportColumn = { key: 'value', type: 'number', header: { en: 'Value', hu: 'Érték' } };
const unit: ExportColumn = { key: 'unit', type: 'text', header: { en: 'Unit', hu: 'Mértékegység' } };

export const fefoExportColumns = defineExportColumns('report-fefo', [
  sku,
  productName,
  warehouse,
  bin,
  lot,
  { key: 'expiry_date', type: 'date', header: { en: 'Expiry date', hu: 'Lejárat' } },
  { key: 'days_to_expiry', type: 'number', header: { en: 'Days to expiry', hu: 'Napok a lejáratig' } },
  quantity,
  { key: 'reserved', type: 'number', header: { en: 'Reserved', hu: 'Foglalt' } },
  value,
]);

export const stockOnHandExportColumns = defineExportColumns('report-stock-on-hand', [
  sku,
  productName,
  warehouse,
  bin,
  lot,
  quantity,
  unit,
  value,
]);

export const historyExportColumns = defineExportColumns('report-movement-history', [
  { key: 'occurred_at', type: 'datetime', header: { en: 'Time', hu: 'Időpont' } },
  { key: 'movement_type', type: 'text', label: 'movement_type', header: { en: 'Type', hu: 'Típus' } },
  sku,
  warehouse,
  bin,
  lot,
  quantity,
  { key: 'unit_cost', type: 'number', header: { en: 'Unit cost', hu: 'Egységköltség' } },
  { key: 'balance_after', type: 'number', header: { en: 'Balance after', hu: 'Egyenleg utána' } },
  { key: 'reference_number', type: 'text', header: { en: 'Document', hu: 'Bizonylat' } },
  { key: 'reason', type: 'text', header: { en: 'Reason', hu: 'Ok' } },
]);

export const lowStockExportColumns = defineExportColumns('report-low-stock', [
  sku,
  productName,
  unit,
  { key: 'reorder_point', type: 'number', header: { en: 'Reorder point', hu: 'Rendelési pont' } },
  { key: 'on_hand', type: 'number', header: { en: 'On hand', hu: 'Készleten' } },
  { key: 'average_daily_use', type: 'number', header: { en: 'Daily use', hu: 'Napi felhasználás' } },
  { key: 'on_order', type: 'number', header: { en: 'On order', hu: 'Megrendelve' } },
  { key: 'days_of_supply', type: 'number', header: { en: 'Days of supply', hu: 'Fedezet (nap)' } },
  { key: 'suggested_order', type: 'number', header: { en: 'Suggested order', hu: 'Javasolt rendelés' } },
]);

export const valuationExportColumns = defineExportColumns('report-valuation', [
  { key: 'group_code', type: 'text', header: { en: 'Code', hu: 'Kód' } },
  { key: 'group_name', type: 'text', header: { en: 'Name', hu: 'Név' } },
  quantity,
  {
    key: 'value_average',
    type: 'number',
    header: { en: 'Value (moving average)', hu: 'Érték (mozgóátlag)' },
  },
  { key: 'value_fifo', type: 'number', header: { en: 'Value (FIFO)', hu: 'Érték (FIFO)' } },
]);

export const agingExportColumns = defineExportColumns('report-aging', [
  sku,
  productName,
  quantity,
  value,
  { key: '0_30', type: 'number', header: { en: '0–30 days', hu: '0–30 nap' } },
  { key: '31_90', type: 'number', header: { en: '31–90 days', hu: '31–90 nap' } },
  { key: '91_180', type: 'number', header: { en: '91–180 days', hu: '91–180 nap' } },
  { key: 'over_180', type: 'number', header: { en: 'Over 180 days', hu: '180 napon túl' } },
  { key: 'oldest_days', type: 'number', header: { en: 'Oldest (days)', hu: 'Legrégebbi (nap)' } },
]);

export const turnoverExportColumns = defineExportColumns('report-turnover', [
  sku,
  productName,
  { key: 'opening_quantity', type: 'number', header: { en: 'Opening', hu: 'Nyitó' } },
  { key: 'closing_quantity', type: 'number', header: { en: 'Closing', hu: 'Záró' } },
  { key: 'consumed_quantity', type: 'number', header: { en: 'Consumed', hu: 'Felhasznált' } },
  { key: 'consumed_value', type: 'number', header: { en: 'Consumed value', hu: 'Felhasznált érték' } },
  { key: 'turnover', type: 'number', header: { en: 'Turnover', hu: 'Forgási sebesség' } },
  { key: 'days_of_supply', type: 'number', header: { en: 'Days of supply', hu: 'Fedezet (nap)' } },
]);

export const reconciliationExportColumns = defineExportColumns('report-reconciliation', [
  { key: 'document_type', type: 'text', header: { en: 'Document type', hu: 'Bizonylattípus' } },
  { key: 'document_number', type: 'text', header: { en: 'Document', hu: 'Bizonylat' } },
  sku,
  { key: 'ordered_quantity', type: 'number', header: { en: 'Ordered', hu: 'Rendelt' } },
  {
    key: 'document_quantity',
    type: 'number',
    header: { en: 'Received or shipped', hu: 'Beérkezett vagy kiszállított' },
  },
  { key: 'ledger_quantity', type: 'number', header: { en: 'In the ledger', hu: 'A főkönyvben' } },
  { key: 'matches', type: 'text', header: { en: 'Matches', hu: 'Egyezik' } },
]);

export const abcExportColumns = defineExportColumns('report-abc', [
  sku,
  productName,
  { key: 'consumed_quantity', type: 'number', header: { en: 'Consumed', hu: 'Felhasznált' } },
  { key: 'consumed_value', type: 'number', header: { en: 'Consumed value', hu: 'Felhasznált érték' } },
  { key: 'share_percent', type: 'number', header: { en: 'Share (%)', hu: 'Részesedés (%)' } },
  { key: 'cumulative_percent', type: 'number', header: { en: 'Cumulative (%)', hu: 'Halmozott (%)' } },
  { key: 'class', type: 'text', header: { en: 'Class', hu: 'Osztály' } },
]);

const count = (key: string, en: string, hu: string): ExportColumn => ({
  key,
  type: 'number',
  header: { en, hu },
});

/** The dashboard as a file: its per-warehouse breakdown, a row per warehouse. */
export const dashboardExportColumns = defineExportColumns('report-dashboard', [
  warehouse,
  { key: 'warehouse_name', type: 'text', header: { en: 'Warehouse name', hu: 'Raktár neve' } },
  { key: 'stock_value', type: 'number', header: { en: 'Stock value', hu: 'Készletérték' } },
  count('distinct_skus', 'SKUs on hand', 'Készleten lévő cikkek'),
  quantity,
  count('low_stock_count', 'Low stock', 'Alacsony készlet'),
  count('expiring_7_days', 'Lots expiring in 7 days', '7 napon belül lejáró tételek'),
  count('expiring_30_days', 'Lots expiring in 30 days', '30 napon belül lejáró tételek'),
  count('expired_lots', 'Expired lots on hand', 'Lejárt tételek készleten'),
]);
