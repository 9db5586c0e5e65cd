import { defineExportColumns } from '../../platform/export/export-formats.js';
import { ORDER_TOTAL_EXPORT_COLUMNS } from '../orders/index.js';

/** Sales orders as a file (`GET /sales-orders?format=csv|xlsx`), one row per order. */
export const salesOrderExportColumns = defineExportColumns('sales-orders', [
  { key: 'so_number', type: 'text', header: { en: 'SO number', hu: 'Vevői rendelésszám' } },
  { key: 'status', type: 'text', label: 'status', header: { en: 'Status', hu: 'Állapot' } },
  { key: 'customer_name', type: 'text', header: { en: 'Customer', hu: 'Vevő' } },
  { key: 'order_date', type: 'date', header: { en: 'Order date', hu: 'Rendelés dátuma' } },
  { key: 'warehouse_code', type: 'text', header: { en: 'Warehouse', hu: 'Raktár' } },
  ...ORDER_TOTAL_EXPORT_COLUMNS,
]);
