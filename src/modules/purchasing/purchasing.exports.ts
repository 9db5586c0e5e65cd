import { defineExportColumns } from '../../platform/export/export-formats.js';

/** Purchase orders as a file (`GET /purchase-orders?format=csv|xlsx`), one row per order. */
export const purchaseOrderExportColumns = defineExportColumns('purchase-orders', [
  { key: 'po_number', type: 'text', header: { en: 'PO number', hu: 'Rendelésszám' } },
  { key: 'status', type: 'text', label: 'status', header: { en: 'Status', hu: 'Állapot' } },
  { key: 'supplier_name', type: 'text', header: { en: 'Supplier', hu: 'Szállító' } },
  { key: 'po_date', type: 'date', header: { en: 'Order date', hu: 'Rendelés dátuma' } },
  { key: 'due_date', type: 'date', header: { en: 'Due date', hu: 'Határidő' } },
  { key: 'lines', type: 'number', header: { en: 'Lines', hu: 'Tételsorok' } },
  { key: 'subtotal', type: 'number', header: { en: 'Subtotal', hu: 'Nettó összeg' } },
  { key: 'tax_rate', type: 'number', header: { en: 'Tax rate (%)', hu: 'Adókulcs (%)' } },
  { key: 'tax_amount', type: 'number', header: { en: 'Tax', hu: 'Adó' } },
  { key: 'total', type: 'number', header: { en: 'Total', hu: 'Bruttó összeg' } },
  { key: 'notes', type: 'text', header: { en: 'Notes', hu: 'Megjegyzés' } },
  { key: 'created_at', type: 'datetime', header: { en: 'Created', hu: 'Létrehozva' } },
  { key: 'id', type: 'text', header: { en: 'Order ID', hu: 'Rendelés azonosító' } },
]);
