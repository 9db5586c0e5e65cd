import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { column, csvOf, xlsxOf } from '../../helpers/exports.js';
import { createCustomer, createSalesOrder, type SalesOrder } from '../../helpers/orders.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct } from '../../helpers/stock.js';

let t: Fixture<['warehouse', 'viewer']>;
let viewer: ApiUser;
let mine: SalesOrder;
let theirs: SalesOrder;
let customerId: string;

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse', 'viewer'], warehouse: 'SO-WH' });
  const worker = t.users[0];
  viewer = t.users[1];
  const p = await createProduct(t.app, t.admin.token);
  const one = await createCustomer(t.admin, { name: '@Résztvevő Bt.' });
  const two = await createCustomer(t.admin);
  customerId = one.id;
  mine = await createSalesOrder(worker.api, {
    customer_id: one.id,
    warehouse_id: t.warehouse.id,
    lines: [{ product_id: p.id, quantity: 2, unit_price: 99.99 }],
  });
  theirs = await createSalesOrder(worker.api, {
    customer_id: two.id,
    warehouse_id: t.warehouse.id,
    lines: [{ product_id: p.id, quantity: 1, unit_price: 5 }],
  });
  bodyOf(await viewer.api.get('/api/v1/sales-orders'));
});
afterAll(() => t.close());

describe('GET /sales-orders?format=', () => {
  it('CSV filtered by customer: only its orders, customer name guarded, warehouse code shown', async () => {
    const rows = csvOf(await viewer.api.get(`/api/v1/sales-orders?format=csv&customer_id=${customerId}`));
    expect(column(rows, 'SO number')).toEqual([mine.so_number]);
    expect(column(rows, 'Customer')).toEqual(["'@Résztvevő Bt."]);
    expect(column(rows, 'Warehouse')).toEqual(['SO-WH']);
    expect(column(rows, 'Subtotal')).toEqual(['199.98']);
  });

  it('XLSX: every order, numbers as numbers, headers in Hungarian', async () => {
    const rows = await xlsxOf(
      await viewer.api.get('/api/v1/sales-orders?format=xlsx', undefined, { 'accept-language': 'hu' }),
    );
    expect(column(rows, 'Vevői rendelésszám')).toEqual([theirs.so_number, mine.so_number]);
    expect(column(rows, 'Nettó összeg')).toEqual([5, 199.98]);
    expect(column(rows, 'Állapot')).toEqual(['piszkozat', 'piszkozat']);
  });

  it('needs a token: 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sales-orders?format=xlsx' });
    expect(res.statusCode).toBe(401);
  });
});
