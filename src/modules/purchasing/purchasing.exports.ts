import { defineExportColumns } from '../../platform/export/export-formats.js';
import { ORDER_TOTAL_EXPORT_COLUMNS } from '../orders/index.js';

/** Purchase orders as a file (`GET /purchase-orders?format=csv|xlsx`), one row per order. */
export const purchaseOrderExportColumns = defineExportColumns('purchase-orders', [
  { key: 'po_number', type: 'text', header: { en: 'PO number', hu: 'Rendelésszám' } },
  { key: 'status', type: 'text', label: 'status', header: { en: 'Status', hu: 'Állapot' } },
  { key: 'supplier_name', type: 'text', header: { en: 'Supplier', hu: 'Szállító' } },
  { key: 'po_date', type: 'date', header: { en: 'Order date', hu: 'Rendelés dátuma' } },
  { key: 'due_date', type: 'date', header: { en: 'Due date', hu: 'Határidő' } },
  ...ORDER_TOTAL_EXPORT_COLUMNS,
]);
