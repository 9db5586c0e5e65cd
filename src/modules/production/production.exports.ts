import { defineExportColumns } from '../../platform/export/export-formats.js';

/** Work orders as a file (`GET /work-orders?format=csv|xlsx`), one row per order. */
export const workOrderExportColumns = defineExportColumns('work-orders', [
  { key: 'wo_number', type: 'text', header: { en: 'WO number', hu: 'Gyártási rendelésszám' } },
  { key: 'status', type: 'text', label: 'status', header: { en: 'Status', hu: 'Állapot' } },
  { key: 'priority', type: 'text', label: 'priority', header: { en: 'Priority', hu: 'Prioritás' } },
  { key: 'sku', type: 'text', header: { en: 'SKU', hu: 'Cikkszám' } },
  { key: 'product_name', type: 'text', header: { en: 'Product', hu: 'Termék' } },
  { key: 'warehouse_code', type: 'text', header: { en: 'Warehouse', hu: 'Raktár' } },
  { key: 'quantity', type: 'number', header: { en: 'Quantity', hu: 'Mennyiség' } },
  { key: 'produced_quantity', type: 'number', header: { en: 'Produced', hu: 'Legyártva' } },
  { key: 'progress', type: 'number', header: { en: 'Progress (%)', hu: 'Készültség (%)' } },
  { key: 'due_date', type: 'date', header: { en: 'Due date', hu: 'Határidő' } },
  { key: 'notes', type: 'text', header: { en: 'Notes', hu: 'Megjegyzés' } },
  { key: 'created_at', type: 'datetime', header: { en: 'Created', hu: 'Létrehozva' } },
  { key: 'id', type: 'text', header: { en: 'Order ID', hu: 'Rendelés azonosító' } },
]);
