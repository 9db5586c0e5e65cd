import { defineExportColumns } from '../../platform/export/export-formats.js';

/** The ledger as a file (`GET /stock-movements?format=csv|xlsx`), newest first as listed. */
export const movementExportColumns = defineExportColumns('stock-movements', [
  { key: 'occurred_at', type: 'datetime', header: { en: 'Time', hu: 'Időpont' } },
  {
    key: 'movement_type',
    type: 'text',
    label: 'movement_type',
    header: { en: 'Movement type', hu: 'Mozgásnem' },
  },
  { key: 'sku', type: 'text', header: { en: 'SKU', hu: 'Cikkszám' } },
  { key: 'product_name', type: 'text', header: { en: 'Product', hu: 'Termék' } },
  { key: 'warehouse_code', type: 'text', header: { en: 'Warehouse', hu: 'Raktár' } },
  { key: 'bin_code', type: 'text', header: { en: 'Bin', hu: 'Tárolóhely' } },
  { key: 'lot_number', type: 'text', header: { en: 'Lot', hu: 'Tétel' } },
  { key: 'expiry_date', type: 'date', header: { en: 'Expiry date', hu: 'Lejárat' } },
  { key: 'quantity', type: 'number', header: { en: 'Quantity', hu: 'Mennyiség' } },
  { key: 'unit_cost', type: 'number', header: { en: 'Unit cost', hu: 'Egységár' } },
  { key: 'reference_type', type: 'text', header: { en: 'Reference type', hu: 'Hivatkozás típusa' } },
  { key: 'reference_number', type: 'text', header: { en: 'Reference', hu: 'Hivatkozás' } },
  { key: 'reason', type: 'text', header: { en: 'Reason', hu: 'Ok' } },
  { key: 'notes', type: 'text', header: { en: 'Notes', hu: 'Megjegyzés' } },
  { key: 'actor', type: 'text', header: { en: 'User', hu: 'Felhasználó' } },
  { key: 'id', type: 'text', header: { en: 'Movement ID', hu: 'Mozgás azonosító' } },
  { key: 'posting_id', type: 'text', header: { en: 'Posting ID', hu: 'Könyvelés azonosító' } },
]);
