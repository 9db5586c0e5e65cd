// Inputs the fuzzer found answered with a 5xx, replayed exactly: each must stay a 4xx. A new one
// goes in as `it.fails` (and into fuzz.test.ts's KNOWN_DEFECTS) until it is fixed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, loginAdmin, PASSWORD } from '../helpers/factories.js';
import { createProduct, createWarehouse, receive, type Warehouse } from '../helpers/stock.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const UNKNOWN = '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f';
let t: TestApp;
let token: string;
let admin: Record<string, string>;
let from: Warehouse;
let to: Warehouse;
let product: { id: string };

beforeAll(async () => {
  t = await buildTestApp();
  token = (await loginAdmin(t.app)).access_token;
  admin = bearer(token);
  [from, to] = [await createWarehouse(t.app, token), await createWarehouse(t.app, token)];
  product = await createProduct(t.app, token);
  await receive(t.app, token, product.id, from.id, 10);
});
afterAll(() => t?.close());

describe('inputs the fuzzer answered with a 5xx', () => {
  const post = (url: string, payload: object | string) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...admin, 'content-type': 'application/json' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it('a movement-list cursor of 36 hex digits and dashes that is no UUID is 422, not a failed query', async () => {
    for (const cursor of ['------------------------------------', '01936d3e8f2a7c4b9e1d5a6b7c8d9e0f-abc']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stock-movements?cursor=${cursor}`,
        headers: admin,
      });
      expect(res.statusCode, cursor).toBe(422);
    }
    const uuid = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stock-movements?cursor=01936D3E-8F2A-7C4B-9E1D-5A6B7C8D9E0F',
      headers: admin,
    });
    expect(uuid.statusCode).toBe(200);
  });

  it('a bin capacity too small for the column (1e-106) is 422, not a failed check constraint', async () => {
    for (const capacity of [1e-106, 0.00004]) {
      const res = await post(`/api/v1/warehouses/${from.id}/bins`, { code: `TINY-${capacity}`, capacity });
      expect(res.statusCode, String(capacity)).toBe(422);
    }
    const smallest = await post(`/api/v1/warehouses/${from.id}/bins`, { code: 'TINY-OK', capacity: 0.0001 });
    expect(smallest.statusCode).toBe(201);
  });

  it('an empty module key is 422 (UNKNOWN_MODULE or invalid), not a failed foreign key', async () => {
    const user = await createUser(t.app, token, { role: 'viewer' });
    const grant = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${user.id}/modules`,
      headers: admin,
      payload: { modules: [''] },
    });
    expect(grant.statusCode).toBe(422);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        username: 'empty-module',
        email: 'empty-module@raktar.test',
        password: PASSWORD,
        modules: [''],
      },
    });
    expect(create.statusCode).toBe(422);
  });

  it('a body nested 100,000 deep is refused with 422, not a stack overflow', async () => {
    const depth = 100_000;
    const res = await post(
      '/api/v1/products',
      `{"sku":"N-1","name":"n","x":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: '(root)', message: 'must not nest more than 32 levels deep' },
    ]);
  });

  it("an id written as 'urn:uuid:…' is 422, not a failed uuid cast", async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/products/urn:uuid:${UNKNOWN}`,
      headers: admin,
    });
    expect(res.statusCode).toBe(422);
  });

  it('a transfer from an unknown warehouse or bin is 404, not a foreign-key failure', async () => {
    const transfer = {
      product_id: product.id,
      quantity: 1,
      from_warehouse_id: from.id,
      to_warehouse_id: to.id,
    };
    const fromWarehouse = await post('/api/v1/stock-transfers', { ...transfer, from_warehouse_id: UNKNOWN });
    const fromBin = await post('/api/v1/stock-transfers', { ...transfer, from_bin_id: UNKNOWN });
    expect([fromWarehouse.statusCode, fromBin.statusCode]).toEqual([404, 404]);
  });

  it('a quantity that rounds to nothing in the ledger (8e-12) is 422, not a failed check constraint', async () => {
    const reservation = await post('/api/v1/reservations', {
      product_id: product.id,
      warehouse_id: from.id,
      quantity: 8.037033916393205e-12,
      ttl_minutes: 98,
      reference: 'WEB-ORDER-1001',
    });
    expect(reservation.statusCode).toBe(422);
    expect(reservation.json().errors).toEqual([{ field: 'quantity', message: 'must be at least 0.0001' }]);
  });

  it('a reservation or a transfer of an unknown lot is 422 naming lot_id, not a foreign-key failure', async () => {
    const reservation = await post('/api/v1/reservations', {
      product_id: product.id,
      warehouse_id: from.id,
      lot_id: UNKNOWN,
      quantity: 1,
      ttl_minutes: 5,
      reference: 'LOT-404',
    });
    const transfer = await post('/api/v1/stock-transfers', {
      product_id: product.id,
      quantity: 1,
      from_warehouse_id: from.id,
      to_warehouse_id: to.id,
      lot_id: UNKNOWN,
    });
    for (const res of [reservation, transfer]) {
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        { field: 'lot_id', message: 'refers to something that does not exist' },
      ]);
    }
  });
});
