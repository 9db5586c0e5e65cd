import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { column, csvOf, onClock, xlsxOf } from '../../helpers/exports.js';
import { createUser } from '../../helpers/factories.js';
import { createPurchaseOrder, createSupplier, type PurchaseOrder } from '../../helpers/orders.js';
import { type ApiUser, type Fixture, setupApp, withApi } from '../../helpers/setup.js';
import { createProduct } from '../../helpers/stock.js';

let t: Fixture<['warehouse', 'viewer']>;
let worker: ApiUser;
let viewer: ApiUser;
let first: PurchaseOrder;
let second: PurchaseOrder;
let supplierName: string;

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse', 'viewer'] });
  [worker, viewer] = t.users;
  const supplier = await createSupplier(t.admin, { name: 'Kávé és Társa Kft.' });
  supplierName = supplier.name;
  const p = await createProduct(t.app, t.admin.token);
  first = await createPurchaseOrder(worker.api, {
    supplier_id: supplier.id,
    tax_rate: 27,
    notes: '+36 1 234 5678',
    lines: [
      { product_id: p.id, quantity: 3, unit_price: 1000 },
      { product_id: p.id, quantity: 1, unit_price: 250.5 },
    ],
  });
  second = await createPurchaseOrder(worker.api, {
    supplier_id: supplier.id,
    lines: [{ product_id: p.id, quantity: 1, unit_price: 10 }],
  });
  bodyOf(await worker.api.post(`/api/v1/purchase-orders/${second.id}/submit`));
});
afterAll(() => t.close());

describe('GET /purchase-orders?format=', () => {
  it('CSV: one row per order, newest number first, totals exact, dates and statuses as listed', async () => {
    const listed = bodyOf(await viewer.api.get('/api/v1/purchase-orders')).items;
    const rows = csvOf(await viewer.api.get('/api/v1/purchase-orders?format=csv'));
    expect(column(rows, 'PO number')).toEqual([second.po_number, first.po_number]);
    expect(column(rows, 'Status')).toEqual(['submitted', 'draft']);
    expect(column(rows, 'Supplier')).toEqual([supplierName, supplierName]);
    expect(column(rows, 'Lines')).toEqual(['1', '2']);
    expect(column(rows, 'Subtotal')).toEqual(['10', '3250.5']);
    expect(column(rows, 'Total')).toEqual(['10', String(listed[1].total)]);
    expect(column(rows, 'Created')).toEqual(listed.map((o: { created_at: string }) => onClock(o.created_at)));
    // A note starting with + would be a formula in a spreadsheet.
    expect(column(rows, 'Notes')[1]).toBe("'+36 1 234 5678");
  });

  it('XLSX in Hungarian, filtered by status: numbers as numbers, statuses in words', async () => {
    const rows = await xlsxOf(
      await viewer.api.get('/api/v1/purchase-orders?format=xlsx&status=draft', undefined, {
        'accept-language': 'hu',
      }),
    );
    expect(rows).toHaveLength(2);
    expect(column(rows, 'Rendelésszám')).toEqual([first.po_number]);
    expect(column(rows, 'Állapot')).toEqual(['piszkozat']);
    expect(column(rows, 'Nettó összeg')).toEqual([3250.5]);
    expect(column(rows, 'Adókulcs (%)')).toEqual([27]);
  });

  it('without the purchasing module: 403, as for the JSON list', async () => {
    const outsider = withApi(t, await createUser(t.app, t.admin.token, { modules: ['inventory'] }));
    expect((await outsider.api.get('/api/v1/purchase-orders')).statusCode).toBe(403);
    const res = await outsider.api.get('/api/v1/purchase-orders?format=csv');
    expect(res.statusCode).toBe(403);
    expect(res.json().error_code).toBe('FORBIDDEN');
  });
});
