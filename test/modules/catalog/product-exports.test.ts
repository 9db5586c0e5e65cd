import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { column, csvOf, onClock, xlsxOf } from '../../helpers/exports.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct, receive } from '../../helpers/stock.js';

let t: Fixture<['warehouse', 'viewer']>;
let viewer: ApiUser;
let coffee: { id: string; sku: string };
let gone: { id: string; sku: string };

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse', 'viewer'], warehouse: true });
  viewer = t.users[1];
  coffee = await createProduct(t.app, t.admin.token, {
    sku: 'EXP-KAVE',
    name: 'Kávé, pörkölt',
    unit_price: 4590.5,
    description: 'export',
  });
  await createProduct(t.app, t.admin.token, { sku: 'EXP-TEA', name: '=Tea', description: 'export' });
  gone = await createProduct(t.app, t.admin.token, { sku: 'EXP-GONE', name: 'Régi', description: 'export' });
  bodyOf(await t.admin.delete(`/api/v1/products/${gone.id}`));
  await receive(t.app, t.users[0].token, coffee.id, t.warehouse.id, 12);
});
afterAll(() => t.close());

describe('GET /products?format=', () => {
  it('CSV: the products the search finds, active only by default, in the list order, stock summed', async () => {
    const listed = bodyOf(await viewer.api.get('/api/v1/products?search=export&sort_by=sku_asc')).items;
    const rows = csvOf(await viewer.api.get('/api/v1/products?search=export&sort_by=sku_asc&format=csv'));
    expect(column(rows, 'SKU')).toEqual(['EXP-KAVE', 'EXP-TEA']);
    expect(column(rows, 'Name')).toEqual(['Kávé, pörkölt', "'=Tea"]);
    expect(column(rows, 'Unit price')).toEqual(['4590.5', '0']);
    expect(column(rows, 'On hand')).toEqual(['12', '0']);
    expect(column(rows, 'Product ID')).toEqual(listed.map((p: { id: string }) => p.id));
    expect(column(rows, 'Created')).toEqual(listed.map((p: { created_at: string }) => onClock(p.created_at)));
  });

  it('XLSX with include_inactive, in Hungarian: the deleted product too, numbers as numbers', async () => {
    const rows = await xlsxOf(
      await viewer.api.get(
        '/api/v1/products?search=export&include_inactive=true&sort_by=sku_desc&format=xlsx',
        undefined,
        {
          'accept-language': 'hu',
        },
      ),
    );
    const listed = bodyOf(
      await viewer.api.get('/api/v1/products?search=export&include_inactive=true&sort_by=sku_desc'),
    ).items;
    expect(column(rows, 'Cikkszám')).toEqual(['EXP-TEA', 'EXP-KAVE', 'EXP-GONE']);
    expect(column(rows, 'Termék azonosító')).toEqual(listed.map((p: { id: string }) => p.id));
    expect(column(rows, 'Egységár')).toEqual([0, 4590.5, 0]);
    expect(column(rows, 'Készleten')).toEqual([0, 12, 0]);
  });

  it('a format that is not offered: 422 VALIDATION_ERROR naming the field, nothing exported', async () => {
    const res = await viewer.api.get('/api/v1/products?format=xml');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error_code: 'VALIDATION_ERROR' });
    expect(res.json().errors[0]).toMatchObject({ field: 'format' });
  });
});
