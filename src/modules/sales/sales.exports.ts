import { defineExportColumns } from '../../platform/export/export-formats.js';

/** Sales orders as a file (`GET /sales-orders?format=csv|xlsx`), one row per order. */
export const salesOrderExportColumns = defineExportColumns('sales-orders', [
  { key: 'so_number', type: 'text', header: { en: 'SO number', hu: 'Vevői rendelésszám' } },
  { key: 'status', type: 'text', label: 'status', header: { en: 'Status', hu: 'Állapot' } },
  { key: 'customer_name', type: 'text', header: { en: 'Customer', hu: 'Vevő' } },
  { key: 'order_date', type: 'date', header: { en: 'Order date', hu: 'Rendelés dátuma' } },
  { key: 'warehouse_code', type: 'text', header: { en: 'Warehouse', hu: 'Raktár' } },
  { key: 'lines', type: 'number', header: { en: 'Lines', hu: 'Tételsorok' } },
  { key: 'subtotal', type: 'number', header: { en: 'Subtotal', hu: 'Nettó összeg' } },
  { key: 'tax_rate', type: 'number', header: { en: 'Tax rate (%)', hu: 'Adókulcs (%)' } },
  { key: 'tax_amount', type: 'number', header: { en: 'Tax', hu: 'Adó' } },
  { key: 'total', type: 'number', header: { en: 'Total', hu: 'Bruttó összeg' } },
  { key: 'notes', type: 'text', header: { en: 'Notes', hu: 'Megjegyzés' } },
  { key: 'created_at', type: 'datetime', header: { en: 'Created', hu: 'Létrehozva' } },
  { key: 'id', type: 'text', header: { en: 'Order ID', hu: 'Rendelés azonosító' } },
]);
