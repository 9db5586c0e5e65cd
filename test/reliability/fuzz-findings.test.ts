// Inputs the fuzzer found answered with a 5xx, replayed exactly: fixed ones must stay 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, loginAdmin, PASSWORD } from '../helpers/factories.js';
import { createWarehouse, type Warehouse } from '../helpers/stock.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let token: string;
let admin: Record<string, string>;
let from: Warehouse;

beforeAll(async () => {
  t = await buildTestApp();
  token = (await loginAdmin(t.app)).access_token;
  admin = bearer(token);
  from = await createWarehouse(t.app, token);
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
});
