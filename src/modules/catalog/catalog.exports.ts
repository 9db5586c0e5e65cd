import { defineExportColumns } from '../../platform/export/export-formats.js';

/** Products as a file (`GET /products?format=csv|xlsx`), in the list's order. */
export const productExportColumns = defineExportColumns('products', [
  { key: 'sku', type: 'text', header: { en: 'SKU', hu: 'Cikkszám' } },
  { key: 'name', type: 'text', header: { en: 'Name', hu: 'Megnevezés' } },
  { key: 'category', type: 'text', header: { en: 'Category', hu: 'Kategória' } },
  { key: 'unit_of_measure', type: 'text', header: { en: 'Unit', hu: 'Mértékegység' } },
  { key: 'unit_price', type: 'number', header: { en: 'Unit price', hu: 'Egységár' } },
  { key: 'barcode', type: 'text', header: { en: 'Barcode', hu: 'Vonalkód' } },
  { key: 'tracking', type: 'text', header: { en: 'Tracking', hu: 'Nyilvántartás' } },
  { key: 'shelf_life_days', type: 'number', header: { en: 'Shelf life (days)', hu: 'Eltarthatóság (nap)' } },
  { key: 'reorder_point', type: 'number', header: { en: 'Reorder point', hu: 'Rendelési pont' } },
  { key: 'on_hand', type: 'number', header: { en: 'On hand', hu: 'Készleten' } },
  { key: 'is_active', type: 'text', header: { en: 'Active', hu: 'Aktív' } },
  { key: 'created_at', type: 'datetime', header: { en: 'Created', hu: 'Létrehozva' } },
  { key: 'updated_at', type: 'datetime', header: { en: 'Updated', hu: 'Módosítva' } },
  { key: 'id', type: 'text', header: { en: 'Product ID', hu: 'Termék azonosító' } },
]);
