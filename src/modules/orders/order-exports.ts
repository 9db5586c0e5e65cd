import type { ExportColumn } from '../../platform/export/export-formats.js';

/** The columns every order's file ends with: its lines, totals, notes, when it was made, its id. */
export const ORDER_TOTAL_EXPORT_COLUMNS: ExportColumn[] = [
  { key: 'lines', type: 'number', header: { en: 'Lines', hu: 'Tételsorok' } },
  { key: 'subtotal', type: 'number', header: { en: 'Subtotal', hu: 'Nettó összeg' } },
  { key: 'tax_rate', type: 'number', header: { en: 'Tax rate (%)', hu: 'Adókulcs (%)' } },
  { key: 'tax_amount', type: 'number', header: { en: 'Tax', hu: 'Adó' } },
  { key: 'total', type: 'number', header: { en: 'Total', hu: 'Bruttó összeg' } },
  { key: 'notes', type: 'text', header: { en: 'Notes', hu: 'Megjegyzés' } },
  { key: 'created_at', type: 'datetime', header: { en: 'Created', hu: 'Létrehozva' } },
  { key: 'id', type: 'text', header: { en: 'Order ID', hu: 'Rendelés azonosító' } },
];
