import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, loginAdmin, type TestUser } from '../../helpers/factories.js';
import { createProduct, createWarehouse, receive } from '../../helpers/stock.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let admin: string;
let manager: TestUser;
let worker: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await loginAdmin(t.app)).access_token;
  manager = await createUser(t.app, admin, { role: 'manager' });
  worker = await createUser(t.app, admin, { role: 'warehouse' });
  viewer = await createUser(t.app, admin, { role: 'viewer' });
});
afterAll(() => t.close());

const call = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  token: string,
  payload?: object,
  headers = {},
) => t.app.inject({ method, url, payload, headers: { ...bearer(token), ...headers } });

describe('warehouses', () => {
  it('a manager creates one, with a default bin where unbinned stock lands', async () => {
    const res = await call('POST', '/api/v1/warehouses', manager.token, {
      code: 'BP1',
      name: 'Budapest',
      address: 'Gubacsi út 6.',
    });
    expect(res.statusCode).toBe(201);
    const warehouse = res.json();
    expect(warehouse).toMatchObject({ code: 'BP1', name: 'Budapest', is_active: true, version: 1 });
    const bin = await call('GET', `/api/v1/bins/${warehouse.default_bin_id}`, viewer.token);
    expect(bin.json()).toMatchObject({ code: 'DEFAULT', is_default: true, warehouse_id: warehouse.id });
  });

  it('refuses a duplicate code (case-insensitive), bad input, and writers without the role', async () => {
    const dup = await call('POST', '/api/v1/warehouses', admin, { code: 'bp1', name: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error_code).toBe('WAREHOUSE_CODE_TAKEN');
    const bad = await call('POST', '/api/v1/warehouses', admin, { code: 'has space', name: 'X' });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['code', 'name']);
    expect(
      (await call('POST', '/api/v1/warehouses', worker.token, { code: 'W9', name: 'Worker made' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('POST', '/api/v1/warehouses', viewer.token, { code: 'V9', name: 'Viewer made' }))
        .statusCode,
    ).toBe(403);
  });

  it('lists with search and paging for every role; gets one; 404 for unknown', async () => {
    await call('POST', '/api/v1/warehouses', admin, { code: 'DEB', name: 'Debrecen' });
    const list = await call('GET', '/api/v1/warehouses?search=debr', viewer.token);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((w: { code: string }) => w.code)).toEqual(['DEB']);
    const page = await call('GET', '/api/v1/warehouses?page_size=1', worker.token);
    expect(page.json()).toMatchObject({ total: 2, pages: 2 });
    const missing = await call(
      'GET',
      '/api/v1/warehouses/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
      viewer.token,
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error_code).toBe('WAREHOUSE_NOT_FOUND');
  });

  it('updates with optimistic concurrency and deactivates on DELETE', async () => {
    const created = (await call('POST', '/api/v1/warehouses', admin, { code: 'SZ', name: 'Szeged' })).json();
    const ok = await call('PATCH', `/api/v1/warehouses/${created.id}`, manager.token, {
      name: 'Szeged 2',
      version: 1,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Szeged 2', version: 2 });
    const stale = await call(
      'PUT',
      `/api/v1/warehouses/${created.id}`,
      manager.token,
      { name: 'Lost' },
      { 'if-match': '1' },
    );
    expect(stale.statusCode).toBe(412);
    const gone = await call('DELETE', `/api/v1/warehouses/${created.id}`, manager.token);
    expect(gone.statusCode).toBe(200);
    expect(gone.json().is_active).toBe(false);
    const active = await call('GET', '/api/v1/warehouses?is_active=true', admin);
    expect(active.json().items.map((w: { code: string }) => w.code)).not.toContain('SZ');
  });

  it('reports statistics', async () => {
    const created = (await call('POST', '/api/v1/warehouses', admin, { code: 'STAT', name: 'Stats' })).json();
    await call('POST', `/api/v1/warehouses/${created.id}/bins/bulk`, worker.token, {
      pattern: 'S-{n:02}',
      ranges: { n: [1, 4] },
      capacity: 50,
    });
    const res = await call('GET', `/api/v1/warehouses/${created.id}/statistics`, viewer.token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      bins_total: 5,
      bins_active: 5,
      bins_occupied: 0,
      bins_empty: 5,
      distinct_products: 0,
      total_units: 0,
      total_capacity: 200,
      utilization_percent: 0,
    });
  });

  it('reports stock per unit of measure, never adding pieces to kilograms', async () => {
    const wh = await createWarehouse(t.app, admin, 'UNITS');
    const bolts = await createProduct(t.app, admin);
    const flour = await createProduct(t.app, admin, { unit_of_measure: 'kg' });
    await receive(t.app, admin, bolts.id, wh.id, 3);
    await receive(t.app, admin, flour.id, wh.id, 2.5);
    const res = await call('GET', `/api/v1/warehouses/${wh.id}/statistics`, viewer.token);
    expect(res.statusCode).toBe(200);
    expect(res.json().on_hand_by_unit).toEqual([
      { unit: 'kg', on_hand: 2.5 },
      { unit: 'pcs', on_hand: 3 },
    ]);
    expect(res.json()).toMatchObject({ distinct_products: 2, bins_occupied: 1 });
  });

  it('records audit rows for warehouse changes', async () => {
    const res = await call('GET', '/api/v1/audit-log?entity_type=warehouse&action=warehouse.update', admin);
    expect(res.json().items[0]).toMatchObject({ before: { name: 'Szeged' }, after: { name: 'Szeged 2' } });
  });
});
