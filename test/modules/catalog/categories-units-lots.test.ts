import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, loginAdmin, type TestUser } from '../../helpers/factories.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let admin: string;
let worker: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await loginAdmin(t.app)).access_token;
  worker = await createUser(t.app, admin, { role: 'warehouse' });
  viewer = await createUser(t.app, admin, { role: 'viewer' });
});
afterAll(() => t.close());

const call = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  token: string,
  payload?: object,
) => t.app.inject({ method, url, payload, headers: bearer(token) });

describe('categories', () => {
  it('builds a tree and refuses cycles', async () => {
    const root = (await call('POST', '/api/v1/categories', worker.token, { name: 'Food' })).json();
    const child = (
      await call('POST', '/api/v1/categories', worker.token, { name: 'Coffee', parent_id: root.id })
    ).json();
    const grandchild = (
      await call('POST', '/api/v1/categories', worker.token, { name: 'Beans', parent_id: child.id })
    ).json();
    expect(grandchild.parent_id).toBe(child.id);
    const cycle = await call('PATCH', `/api/v1/categories/${root.id}`, worker.token, {
      parent_id: grandchild.id,
    });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().error_code).toBe('CATEGORY_CYCLE');
    const self = await call('PATCH', `/api/v1/categories/${child.id}`, worker.token, { parent_id: child.id });
    expect(self.statusCode).toBe(409);
    const move = await call('PATCH', `/api/v1/categories/${grandchild.id}`, worker.token, {
      parent_id: null,
      version: 1,
    });
    expect(move.json()).toMatchObject({ parent_id: null, version: 2 });
    const list = await call('GET', '/api/v1/categories', viewer.token);
    expect(list.json().map((c: { name: string }) => c.name)).toEqual(['Beans', 'Coffee', 'Food']);
  });

  it('refuses duplicate names and deleting a category in use', async () => {
    expect((await call('POST', '/api/v1/categories', worker.token, { name: 'FOOD' })).statusCode).toBe(409);
    const food = (await call('GET', '/api/v1/categories', viewer.token))
      .json()
      .find((c: { name: string }) => c.name === 'Food');
    const withChild = await call('DELETE', `/api/v1/categories/${food.id}`, worker.token);
    expect(withChild.statusCode).toBe(409);
    expect(withChild.json().error_code).toBe('CATEGORY_IN_USE');
    const used = (await call('POST', '/api/v1/categories', worker.token, { name: 'Used' })).json();
    await call('POST', '/api/v1/products', worker.token, {
      sku: 'U-1',
      name: 'Uses it',
      category_id: used.id,
    });
    expect((await call('DELETE', `/api/v1/categories/${used.id}`, worker.token)).statusCode).toBe(409);
    const free = (await call('POST', '/api/v1/categories', worker.token, { name: 'Free' })).json();
    expect((await call('DELETE', `/api/v1/categories/${free.id}`, worker.token)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/categories/${free.id}`, viewer.token)).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/categories', viewer.token, { name: 'Nope' })).statusCode).toBe(403);
  });
});

describe('units', () => {
  it('come seeded; managers add, rename and delete unused ones', async () => {
    const seeded = (await call('GET', '/api/v1/units', viewer.token))
      .json()
      .map((u: { code: string }) => u.code);
    expect(seeded).toEqual(['box', 'kg', 'l', 'm', 'pcs']);
    const created = await call('POST', '/api/v1/units', admin, { code: 'pal', name: 'Pallet' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ code: 'pal', name: 'Pallet', decimals: 0 });
    expect((await call('POST', '/api/v1/units', admin, { code: 'pal', name: 'Again' })).statusCode).toBe(409);
    expect((await call('POST', '/api/v1/units', admin, { code: 'Bad Code', name: 'X' })).statusCode).toBe(
      422,
    );
    expect((await call('POST', '/api/v1/units', worker.token, { code: 'w', name: 'W' })).statusCode).toBe(
      403,
    );
    expect((await call('PATCH', '/api/v1/units/pal', admin, { decimals: 2 })).json().decimals).toBe(2);
    expect((await call('PATCH', '/api/v1/units/none', admin, { decimals: 2 })).statusCode).toBe(404);
    await call('POST', '/api/v1/products', worker.token, {
      sku: 'PAL-1',
      name: 'On pallets',
      unit_of_measure: 'PAL',
    });
    const inUse = await call('DELETE', '/api/v1/units/pal', admin);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error_code).toBe('UNIT_IN_USE');
    await call('POST', '/api/v1/units', admin, { code: 'tmp', name: 'Temporary' });
    expect((await call('DELETE', '/api/v1/units/tmp', admin)).statusCode).toBe(204);
  });
});

describe('lots', () => {
  it('belong to lot-tracked products, unique per product, listed earliest expiry first', async () => {
    const tracked = (
      await call('POST', '/api/v1/products', worker.token, {
        sku: 'MILK',
        name: 'Milk',
        tracking: 'lot',
        shelf_life_days: 10,
      })
    ).json();
    const plain = (
      await call('POST', '/api/v1/products', worker.token, { sku: 'NAIL', name: 'Nail' })
    ).json();
    const refused = await call('POST', `/api/v1/products/${plain.id}/lots`, worker.token, {
      lot_number: 'L1',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error_code).toBe('PRODUCT_NOT_LOT_TRACKED');

    const late = await call('POST', `/api/v1/products/${tracked.id}/lots`, worker.token, {
      lot_number: 'L-LATE',
      expiry_date: '2027-03-01',
    });
    expect(late.statusCode).toBe(201);
    await call('POST', `/api/v1/products/${tracked.id}/lots`, worker.token, {
      lot_number: 'L-EARLY',
      expiry_date: '2027-01-01',
      manufactured_on: '2026-12-01',
    });
    const dup = await call('POST', `/api/v1/products/${tracked.id}/lots`, worker.token, {
      lot_number: 'l-late',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error_code).toBe('LOT_NUMBER_TAKEN');
    const dates = await call('POST', `/api/v1/products/${tracked.id}/lots`, worker.token, {
      lot_number: 'L-BAD',
      expiry_date: '2026-01-01',
      manufactured_on: '2026-02-01',
    });
    expect(dates.statusCode).toBe(422);
    expect(
      (
        await call('POST', `/api/v1/products/${tracked.id}/lots`, worker.token, {
          lot_number: 'X',
          expiry_date: '31/12/2026',
        })
      ).statusCode,
    ).toBe(422);

    const list = await call('GET', `/api/v1/products/${tracked.id}/lots`, viewer.token);
    expect(list.json().items.map((l: { lot_number: string }) => l.lot_number)).toEqual(['L-EARLY', 'L-LATE']);
    const one = await call('GET', `/api/v1/products/${tracked.id}/lots/${late.json().id}`, viewer.token);
    expect(one.json()).toMatchObject({ lot_number: 'L-LATE', expiry_date: '2027-03-01' });
    expect(
      (await call('GET', `/api/v1/products/${plain.id}/lots/${late.json().id}`, viewer.token)).statusCode,
    ).toBe(404);
    const locked = await call('PATCH', `/api/v1/products/${tracked.id}`, worker.token, { tracking: 'none' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error_code).toBe('TRACKING_LOCKED');
  });

  it('a supplier named on a lot cannot be hard-deleted', async () => {
    const supplier = (
      await call('POST', '/api/v1/suppliers', admin, { code: 'DAIRY', name: 'Dairy Co' })
    ).json();
    const product = (
      await call('POST', '/api/v1/products', worker.token, { sku: 'CHEESE', name: 'Cheese', tracking: 'lot' })
    ).json();
    const lot = await call('POST', `/api/v1/products/${product.id}/lots`, worker.token, {
      lot_number: 'C1',
      supplier_id: supplier.id,
    });
    expect(lot.statusCode).toBe(201);
    const unknownSupplier = await call('POST', `/api/v1/products/${product.id}/lots`, worker.token, {
      lot_number: 'C2',
      supplier_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
    });
    expect(unknownSupplier.statusCode).toBe(422);
    const hard = await call('DELETE', `/api/v1/suppliers/${supplier.id}?hard=true`, admin);
    expect(hard.statusCode).toBe(409);
    expect(hard.json().error_code).toBe('SUPPLIER_IN_USE');
  });
});
