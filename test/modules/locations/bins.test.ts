import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, loginAdmin, type TestUser } from '../../helpers/factories.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let admin: string;
let worker: TestUser;
let viewer: TestUser;
let warehouseId: string;

beforeAll(async () => {
  t = await buildTestApp({ binBulkMax: 10_000 });
  admin = (await loginAdmin(t.app)).access_token;
  worker = await createUser(t.app, admin, { role: 'warehouse' });
  viewer = await createUser(t.app, admin, { role: 'viewer' });
  warehouseId = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/warehouses',
      headers: bearer(admin),
      payload: { code: 'W1', name: 'Main' },
    })
  ).json().id;
});
afterAll(() => t.close());

const call = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  token: string,
  payload?: object,
) => t.app.inject({ method, url, payload, headers: bearer(token) });
const bulk = (payload: object, query = '') =>
  call('POST', `/api/v1/warehouses/${warehouseId}/bins/bulk${query}`, worker.token, payload);

const example = {
  pattern: '{aisle}-{rack:02}-{level}-{position:02}',
  ranges: { aisle: ['A', 'C'], rack: [1, 10], level: [1, 4], position: [1, 5] },
  type: 'storage',
  capacity: 100,
};

describe('bins', () => {
  it('creates, reads, updates and deletes a bin', async () => {
    const created = await call('POST', `/api/v1/warehouses/${warehouseId}/bins`, worker.token, {
      code: 'R-01',
      type: 'receiving',
    });
    expect(created.statusCode).toBe(201);
    const bin = created.json();
    expect(bin).toMatchObject({ code: 'R-01', type: 'receiving', capacity: null, is_default: false });
    const patched = await call('PATCH', `/api/v1/bins/${bin.id}`, worker.token, { capacity: 40, version: 1 });
    expect(patched.json()).toMatchObject({ capacity: 40, version: 2 });
    expect(
      (await call('PATCH', `/api/v1/bins/${bin.id}`, worker.token, { capacity: 1, version: 1 })).statusCode,
    ).toBe(412);
    expect((await call('DELETE', `/api/v1/bins/${bin.id}`, worker.token)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/bins/${bin.id}`, viewer.token)).statusCode).toBe(404);
  });

  it('refuses duplicates in the warehouse, bad types and capacities, and viewers writing', async () => {
    await call('POST', `/api/v1/warehouses/${warehouseId}/bins`, worker.token, { code: 'DUP-1' });
    const dup = await call('POST', `/api/v1/warehouses/${warehouseId}/bins`, worker.token, { code: 'dup-1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error_code).toBe('BIN_CODE_TAKEN');
    const bad = await call('POST', `/api/v1/warehouses/${warehouseId}/bins`, worker.token, {
      code: 'X',
      type: 'attic',
      capacity: -1,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['type', 'capacity']),
    );
    expect(
      (await call('POST', `/api/v1/warehouses/${warehouseId}/bins`, viewer.token, { code: 'V-1' }))
        .statusCode,
    ).toBe(403);
    const unknown = await call(
      'POST',
      '/api/v1/warehouses/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f/bins',
      worker.token,
      { code: 'Z' },
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('protects the default bin', async () => {
    const warehouse = (await call('GET', `/api/v1/warehouses/${warehouseId}`, viewer.token)).json();
    const del = await call('DELETE', `/api/v1/bins/${warehouse.default_bin_id}`, worker.token);
    expect(del.statusCode).toBe(409);
    expect(del.json().error_code).toBe('DEFAULT_BIN');
    const off = await call('PATCH', `/api/v1/bins/${warehouse.default_bin_id}`, worker.token, {
      is_active: false,
    });
    expect(off.statusCode).toBe(409);
  });
});

describe('bulk bin generation', () => {
  it('a dry run lists the 600 codes of the example and creates nothing', async () => {
    const res = await bulk(example, '?dry_run=true');
    expect(res.statusCode).toBe(200);
    expect(res.json().count).toBe(600);
    expect(res.json().codes[0]).toBe('A-01-1-01');
    expect(res.json().codes.at(-1)).toBe('C-10-4-05');
    const list = await call('GET', `/api/v1/warehouses/${warehouseId}/bins?search=A-01-1`, viewer.token);
    expect(list.json().total).toBe(0);
  });

  it('creates the 600 bins with the given attributes', async () => {
    const res = await bulk(example);
    expect(res.statusCode).toBe(201);
    expect(res.json().count).toBe(600);
    const list = await call(
      'GET',
      `/api/v1/warehouses/${warehouseId}/bins?search=B-03-2&page_size=100`,
      viewer.token,
    );
    expect(list.json().total).toBe(5);
    expect(list.json().items[0]).toMatchObject({ code: 'B-03-2-01', type: 'storage', capacity: 100 });
    const typed = await call(
      'GET',
      `/api/v1/warehouses/${warehouseId}/bins?type=storage&page_size=1`,
      viewer.token,
    );
    expect(typed.json().total).toBeGreaterThanOrEqual(600);
  });

  it('is all or nothing: one clash creates nothing and the 409 lists it', async () => {
    const res = await bulk({ pattern: 'C-10-4-{p:02}', ranges: { p: [5, 7] } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error_code: 'BIN_CODES_TAKEN', clashes: ['C-10-4-05'] });
    const list = await call('GET', `/api/v1/warehouses/${warehouseId}/bins?search=C-10-4-06`, viewer.token);
    expect(list.json().total).toBe(0);
  });

  it('refuses requests over the cap, bad patterns and bad ranges with 422', async () => {
    const tooMany = await bulk({ pattern: 'Z-{a}-{b:03}', ranges: { a: ['A', 'Z'], b: [1, 1000] } });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error_code).toBe('BULK_TOO_LARGE');
    for (const body of [
      { pattern: 'no-placeholder', ranges: {} },
      { pattern: 'X-{a}', ranges: {} },
      { pattern: 'X-{a}', ranges: { a: [1, 2], b: [1, 2] } },
      { pattern: 'X-{a}', ranges: { a: [5, 1] } },
      { pattern: 'X-{a}', ranges: { a: ['A', 3] } },
      { pattern: 'X {a}', ranges: { a: [1, 2] } },
    ]) {
      const res = await bulk(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().error_code, JSON.stringify(body)).toBe('INVALID_BIN_PATTERN');
    }
    expect((await bulk({ pattern: 'X-{a}' })).statusCode).toBe(422);
  });

  it('creates 10,000 bins in one request', async () => {
    const res = await bulk({
      pattern: 'M{a:02}-{b:02}-{c:02}',
      ranges: { a: [1, 25], b: [1, 20], c: [1, 20] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().count).toBe(10_000);
    const list = await call(
      'GET',
      `/api/v1/warehouses/${warehouseId}/bins?search=M25-20-&page_size=100`,
      viewer.token,
    );
    expect(list.json().total).toBe(20);
  });
});
