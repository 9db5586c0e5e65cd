import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { column, csvOf, xlsxOf } from '../../helpers/exports.js';
import { createWorkOrder, type WorkOrder } from '../../helpers/orders.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct } from '../../helpers/stock.js';

let t: Fixture<['warehouse', 'viewer']>;
let viewer: ApiUser;
let urgent: WorkOrder;
let item: { id: string; sku: string };

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse', 'viewer'], warehouse: 'WO-WH' });
  const worker = t.users[0];
  viewer = t.users[1];
  item = await createProduct(t.app, t.admin.token, { name: 'Kész termék' });
  const part = await createProduct(t.app, t.admin.token);
  const order = (priority: string, quantity: number) =>
    createWorkOrder(worker.api, {
      product_id: item.id,
      quantity,
      warehouse_id: t.warehouse.id,
      components: [{ product_id: part.id, quantity_per_unit: 2 }],
      ...{ priority },
    } as Parameters<typeof createWorkOrder>[1]);
  urgent = await order('urgent', 7);
  await order('low', 3);
});
afterAll(() => t.close());

describe('GET /work-orders?format=', () => {
  it('CSV filtered by priority: the product, warehouse and quantities of the matching order only', async () => {
    const rows = csvOf(await viewer.api.get('/api/v1/work-orders?format=csv&priority=urgent'));
    expect(rows).toHaveLength(2);
    expect(column(rows, 'WO number')).toEqual([urgent.wo_number]);
    expect(column(rows, 'SKU')).toEqual([item.sku]);
    expect(column(rows, 'Product')).toEqual(['Kész termék']);
    expect(column(rows, 'Warehouse')).toEqual(['WO-WH']);
    expect(column(rows, 'Quantity')).toEqual(['7']);
    expect(column(rows, 'Status')).toEqual(['planned']);
  });

  it('XLSX: both orders, quantities as numbers', async () => {
    const rows = await xlsxOf(await viewer.api.get('/api/v1/work-orders?format=xlsx'));
    expect(column(rows, 'Quantity')).toEqual([3, 7]);
    expect(column(rows, 'Produced')).toEqual([0, 0]);
  });

  it('an empty set is a header row alone', async () => {
    const rows = csvOf(await viewer.api.get('/api/v1/work-orders?format=csv&status=completed'));
    expect(rows).toEqual([expect.arrayContaining(['WO number', 'Status'])]);
  });
});
