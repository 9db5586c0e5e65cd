import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, loginAdmin } from '../helpers/factories.js';
import { createProduct, createWarehouse, move } from '../helpers/stock.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await loginAdmin(t.app)).access_token;
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...bearer(admin), ...headers } });
const productCount = async () => (await get('/api/v1/products?page_size=1')).json().total as number;

describe('hostile input gets 422, never a 5xx, and changes nothing', () => {
  it('refuses NUL and broken Unicode in a body, a query, a path parameter or a key, on every route', async () => {
    const before = await productCount();
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ad\u0000min', password: 'x' },
    });
    expect(login.statusCode).toBe(422);
    expect(login.json()).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      errors: [{ field: 'username', message: 'must not contain NUL or invalid Unicode characters' }],
    });
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: { ...bearer(admin), 'accept-language': 'hu' },
      payload: { sku: 'NUL-1', name: 'Kávé\u0000', tags: { 'x\u0000': 1 } },
    });
    expect(body.statusCode).toBe(422);
    expect(body.json().errors).toEqual([
      { field: 'name', message: 'nem tartalmazhat NUL vagy érvénytelen Unicode karaktert' },
      { field: 'tags.(key)', message: 'nem tartalmazhat NUL vagy érvénytelen Unicode karaktert' },
    ]);
    // A lone surrogate, as JSON allows it to be written.
    const surrogate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: { ...bearer(admin), 'content-type': 'application/json' },
      payload: '{"sku": "SUR-1", "name": "half \\ud800 a pair"}',
    });
    expect(surrogate.statusCode).toBe(422);
    expect((await get('/api/v1/products?search=k%00ve')).statusCode).toBe(422);
    const param = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/units/p%00c',
      headers: bearer(admin),
      payload: { name: 'piece' },
    });
    expect(param.statusCode).toBe(422);
    expect(param.json().errors[0].field).toBe('code');
    expect(await productCount()).toBe(before);
    // A pair is fine.
    const pair = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: bearer(admin),
      payload: { sku: 'EMOJI-1', name: 'Doboz 📦' },
    });
    expect(pair.statusCode).toBe(201);
  });

  it('bounds paging: page and skip beyond the documented limits are 422', async () => {
    for (const query of ['page=1e308', 'skip=1e20', 'page=10000001', 'skip=1000000001']) {
      const res = await get(`/api/v1/products?${query}`);
      expect(res.statusCode, query).toBe(422);
      expect(res.json().error_code).toBe('VALIDATION_ERROR');
    }
    const deepest = await get('/api/v1/products?page=10000000&page_size=100');
    expect(deepest.statusCode).toBe(200);
    expect(deepest.json().items).toEqual([]);
  });

  it('keeps dates within 1900–9999', async () => {
    for (const day of ['0000-01-01', '1899-12-31']) {
      const res = await get(`/api/v1/purchase-orders?date_from=${day}`);
      expect(res.statusCode, day).toBe(422);
    }
    expect((await get('/api/v1/purchase-orders?date_from=1900-01-01')).statusCode).toBe(200);
    const moment = await get('/api/v1/stock-movements?from=0000-01-01T00:00:00Z');
    expect(moment.statusCode).toBe(422);
  });

  it('refuses quantities that round to nothing, capacities past the column and empty updates', async () => {
    const wh = await createWarehouse(t.app, admin, 'HOSTILE');
    const flour = await createProduct(t.app, admin, { unit: 'kg' });
    for (const quantity of [1e-7, 5e-324]) {
      const res = await move(t.app, admin, {
        product_id: flour.id,
        warehouse_id: wh.id,
        movement_type: 'receipt',
        quantity,
      });
      expect(res.statusCode, String(quantity)).toBe(422);
    }
    const hu = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stock-movements',
      headers: { ...bearer(admin), 'accept-language': 'hu' },
      payload: { product_id: flour.id, warehouse_id: wh.id, movement_type: 'receipt', quantity: 5e-324 },
    });
    expect(hu.json().errors).toEqual([{ field: 'quantity', message: '0 vagy legalább 1e-20 kell legyen' }]);
    expect((await get(`/api/v1/products/${flour.id}`)).json().on_hand).toBe(0);
    const bin = await t.app.inject({
      method: 'POST',
      url: `/api/v1/warehouses/${wh.id}/bins`,
      headers: bearer(admin),
      payload: { code: 'HUGE', capacity: 1e308 },
    });
    expect(bin.statusCode).toBe(422);
    expect(bin.json().errors[0].field).toBe('capacity');
    const empty = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/units/pcs',
      headers: bearer(admin),
      payload: {},
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error_code).toBe('VALIDATION_ERROR');
  });
});
