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
  headers = {},
) => t.app.inject({ method, url, payload, headers: { ...bearer(token), ...headers } });
const create = (payload: object, token = worker.token) => call('POST', '/api/v1/products/', token, payload);

describe('creating products', () => {
  it("accepts seed 004's body: category by name (created), unit 'piece', trailing slash", async () => {
    const res = await create({
      name: 'Laptop Computer',
      sku: ' LAPTOP-001 ',
      description: 'High-performance laptop',
      unit_price: 999.99,
      unit_of_measure: 'piece',
      category: 'Electronics',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      sku: 'LAPTOP-001',
      unit_of_measure: 'pcs',
      unit_price: 999.99,
      category: 'Electronics',
      tracking: 'none',
      is_active: true,
      on_hand: 0,
      version: 1,
    });
    const again = await create({ name: 'Mouse', sku: 'MOUSE-1', category: 'electronics' });
    expect(again.json().category_id).toBe(res.json().category_id);
  });

  it('refuses a duplicate SKU regardless of case and spaces', async () => {
    const res = await create({ name: 'Other', sku: 'laptop-001' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error_code).toBe('SKU_TAKEN');
  });

  it('validates barcodes by check digit and refuses a barcode already in use', async () => {
    const valid = await create({ name: 'Chocolate', sku: 'CHOC-1', barcode: '5901234123457' });
    expect(valid.statusCode).toBe(201);
    for (const barcode of ['5901234123458', '12345', 'abcdefgh']) {
      const bad = await create({ name: 'Bad', sku: `BAD-${barcode}`, barcode });
      expect(bad.statusCode, barcode).toBe(422);
      expect(bad.json().errors[0].field, barcode).toBe('barcode');
    }
    expect((await create({ name: 'EAN-8', sku: 'E8', barcode: '96385074' })).statusCode).toBe(201);
    expect((await create({ name: 'UPC-A', sku: 'UPC', barcode: '036000291452' })).statusCode).toBe(201);
    const taken = await create({ name: 'Copy', sku: 'CHOC-2', barcode: '5901234123457' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error_code).toBe('BARCODE_TAKEN');
  });

  it('refuses unknown units and categories, bad numbers, and viewers', async () => {
    const unit = await create({ name: 'X', sku: 'X-1', unit_of_measure: 'furlong' });
    expect(unit.statusCode).toBe(422);
    expect(unit.json().error_code).toBe('UNKNOWN_UNIT');
    const category = await create({
      name: 'X',
      sku: 'X-2',
      category_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
    });
    expect(category.statusCode).toBe(404);
    const numbers = await create({
      name: '',
      sku: 'X-3',
      unit_price: -1,
      shelf_life_days: 0,
      tracking: 'serial',
    });
    expect(numbers.statusCode).toBe(422);
    expect(
      numbers
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['name', 'shelf_life_days', 'tracking', 'unit_price']);
    expect((await create({ name: 'V', sku: 'V-1' }, viewer.token)).statusCode).toBe(403);
  });
});

describe('reading products', () => {
  it('GET /products/{id} shows the stock distribution (empty before any stock)', async () => {
    const { id } = (await create({ name: 'Kave', sku: 'COFFEE-1', description: 'Arabica' })).json();
    const res = await call('GET', `/api/v1/products/${id}`, viewer.token);
    expect(res.statusCode).toBe(200);
    expect(res.json().stock).toEqual({ on_hand: 0, reserved: 0, available: 0, warehouses: [] });
    expect(
      (await call('GET', '/api/v1/products/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f', viewer.token)).statusCode,
    ).toBe(404);
  });

  it('searches name, SKU, description and category, accent- and case-insensitively', async () => {
    const names = async (query: string) =>
      (await call('GET', `/api/v1/products?search=${encodeURIComponent(query)}`, viewer.token))
        .json()
        .items.map((p: { sku: string }) => p.sku);
    expect(await names('kavé')).toEqual(['COFFEE-1']);
    expect(await names('ARABICA')).toEqual(['COFFEE-1']);
    expect(await names('coffee')).toEqual(['COFFEE-1']);
    expect((await names('electr')).sort()).toEqual(['LAPTOP-001', 'MOUSE-1']);
    expect(await names('100%')).toEqual([]);
  });

  it('finds a product by its scanned barcode', async () => {
    const names = async (query: string) =>
      (await call('GET', `/api/v1/products?search=${encodeURIComponent(query)}`, viewer.token))
        .json()
        .items.map((p: { sku: string }) => p.sku);
    expect(await names('5901234123457')).toEqual(['CHOC-1']);
    expect(await names(' 5901234123457 ')).toEqual(['CHOC-1']);
    expect(await names('5901234123450')).toEqual([]);
  });

  it('sorts and pages; filters by dates and category', async () => {
    const bySku = await call('GET', '/api/v1/products?sort_by=sku_desc&page_size=2', viewer.token);
    expect(bySku.json().items.map((p: { sku: string }) => p.sku)).toEqual(['UPC', 'MOUSE-1']);
    expect(bySku.json().total).toBe(6);
    const byStock = await call('GET', '/api/v1/products?sort_by=stock_desc', viewer.token);
    expect(byStock.statusCode).toBe(200);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const none = await call(
      'GET',
      `/api/v1/products?created_from_date=${encodeURIComponent(future)}`,
      viewer.token,
    );
    expect(none.json().total).toBe(0);
    const laptop = (await call('GET', '/api/v1/products?search=laptop', viewer.token)).json().items[0];
    const inCategory = await call('GET', `/api/v1/products?category_id=${laptop.category_id}`, viewer.token);
    expect(inCategory.json().total).toBe(2);
    expect((await call('GET', '/api/v1/products?sort_by=price_asc', viewer.token)).statusCode).toBe(422);
    expect((await call('GET', '/api/v1/products?page_size=101', viewer.token)).statusCode).toBe(422);
  });
});

describe('changing products', () => {
  it('PUT takes a partial body; stale versions are 412 and change nothing', async () => {
    const { id } = (await create({ name: 'Desk', sku: 'DESK-1', unit_price: 100 })).json();
    const put = await call('PUT', `/api/v1/products/${id}`, worker.token, { unit_price: 120.5 });
    expect(put.json()).toMatchObject({ name: 'Desk', unit_price: 120.5, version: 2 });
    const stale = await call('PATCH', `/api/v1/products/${id}`, worker.token, { name: 'Old', version: 1 });
    expect(stale.statusCode).toBe(412);
    const header = await call(
      'PATCH',
      `/api/v1/products/${id}`,
      worker.token,
      { name: 'Old' },
      { 'if-match': '"1"' },
    );
    expect(header.statusCode).toBe(412);
    expect((await call('GET', `/api/v1/products/${id}`, viewer.token)).json().name).toBe('Desk');
  });

  it('soft delete hides the product, keeps its SKU taken, and restore brings it back', async () => {
    const { id } = (await create({ name: 'Chair', sku: 'CHAIR-1' })).json();
    const del = await call('DELETE', `/api/v1/products/${id}`, worker.token);
    expect(del.statusCode).toBe(200);
    expect(del.json().is_active).toBe(false);
    const listed = await call('GET', '/api/v1/products?search=chair', viewer.token);
    expect(listed.json().total).toBe(0);
    const all = await call('GET', '/api/v1/products?search=chair&include_inactive=true', viewer.token);
    expect(all.json().total).toBe(1);
    expect((await create({ name: 'Chair again', sku: 'chair-1' })).statusCode).toBe(409);
    const restored = await call('POST', `/api/v1/products/${id}/restore`, worker.token);
    expect(restored.json().is_active).toBe(true);
    const audit = await call('GET', `/api/v1/audit-log?entity_id=${id}`, admin);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual([
      'product.restore',
      'product.delete',
      'product.create',
    ]);
  });

  it('concurrent updates with the same version: exactly one wins', async () => {
    const { id } = (await create({ name: 'Race', sku: 'RACE-1' })).json();
    const results = await Promise.all(
      ['A', 'B', 'C'].map((name) =>
        call('PATCH', `/api/v1/products/${id}`, worker.token, { name, version: 1 }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412, 412]);
    const final = (await call('GET', `/api/v1/products/${id}`, viewer.token)).json();
    expect(final.version).toBe(2);
  });
});
