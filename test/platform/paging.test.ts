import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageRequest } from '../../src/platform/pagination.js';
import { bearer, loginAdmin } from '../helpers/factories.js';
import { createProduct, createWarehouse } from '../helpers/stock.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await loginAdmin(t.app)).access_token;
  for (const name of ['Alma', 'Banán', 'Citrom', 'Datolya', 'Eper']) {
    await createProduct(t.app, admin, { name, sku: `PAGE-${name.slice(0, 3).toUpperCase()}` });
  }
  for (const code of ['PG-A', 'PG-B', 'PG-C', 'PG-D']) await createWarehouse(t.app, admin, code);
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...bearer(admin), ...headers } });
const names = (res: { json: () => { items: { name: string }[] } }) => res.json().items.map((i) => i.name);
const products = '/api/v1/products?sort_by=name_asc&search=';
const codes = (res: { json: () => { items: { code: string }[] } }) => res.json().items.map((i) => i.code);

describe('pageRequest', () => {
  it('pages by page and page_size when neither skip nor limit is given', () => {
    expect(pageRequest({ page: 3, page_size: 10 })).toEqual({ page: 3, pageSize: 10, offset: 20 });
    expect(pageRequest({})).toEqual({ page: 1, pageSize: 20, offset: 0 });
  });

  it('lets skip and limit win, and reports the page the first item falls on', () => {
    expect(pageRequest({ page: 7, page_size: 50, skip: 10, limit: 5 })).toEqual({
      page: 3,
      pageSize: 5,
      offset: 10,
    });
    expect(pageRequest({ page: 7, limit: 5 })).toEqual({ page: 1, pageSize: 5, offset: 0 });
    expect(pageRequest({ page: 7, page_size: 4, skip: 6 })).toEqual({ page: 2, pageSize: 4, offset: 6 });
    expect(pageRequest({ skip: 3, limit: 2 })).toEqual({ page: 2, pageSize: 2, offset: 3 });
  });
});

describe('lists accept skip/limit as well as page/page_size', () => {
  it('products: the same slice either way, in the same envelope', async () => {
    const byPage = await get(`${products}&page=2&page_size=2`);
    const bySkip = await get(`${products}&skip=2&limit=2`);
    expect(bySkip.statusCode).toBe(200);
    expect(names(bySkip)).toEqual(['Citrom', 'Datolya']);
    expect(bySkip.json()).toEqual(byPage.json());
    expect(bySkip.json()).toMatchObject({ total: 5, page: 2, page_size: 2, pages: 3 });
  });

  it('products: skip and limit win over page and page_size; an offset between pages is kept', async () => {
    const mixed = await get(`${products}&page=3&page_size=50&skip=1&limit=3`);
    expect(names(mixed)).toEqual(['Banán', 'Citrom', 'Datolya']);
    expect(mixed.json()).toMatchObject({ total: 5, page: 1, page_size: 3, pages: 2 });
    const onlyLimit = await get(`${products}&page=3&limit=2`);
    expect(names(onlyLimit)).toEqual(['Alma', 'Banán']);
    expect(onlyLimit.json()).toMatchObject({ page: 1, page_size: 2, pages: 3 });
    const onlySkip = await get(`${products}&skip=3&page_size=4`);
    expect(names(onlySkip)).toEqual(['Datolya', 'Eper']);
    expect(onlySkip.json()).toMatchObject({ page: 1, page_size: 4, pages: 2 });
    const past = await get(`${products}&skip=40&limit=10`);
    expect(past.json()).toEqual({
      items: [],
      total: 5,
      total_is_estimate: false,
      page: 5,
      page_size: 10,
      pages: 1,
    });
  });

  it('warehouses: skip and limit page the list, with the same envelope', async () => {
    const all = await get('/api/v1/warehouses?search=PG-&page_size=100');
    expect(all.json().total).toBe(4);
    const slice = await get('/api/v1/warehouses?search=PG-&skip=1&limit=2');
    expect(slice.statusCode).toBe(200);
    expect(codes(slice)).toEqual(codes(all).slice(1, 3));
    expect(slice.json()).toMatchObject({ total: 4, page: 1, page_size: 2, pages: 2 });
    const last = await get('/api/v1/warehouses?search=PG-&skip=3&limit=100');
    expect(codes(last)).toEqual(codes(all).slice(3));
    expect(last.json()).toMatchObject({ page: 1, page_size: 100, pages: 1 });
  });

  it('stock movements and users take them too', async () => {
    for (const url of ['/api/v1/stock-movements?skip=0&limit=1', '/api/v1/users?skip=0&limit=1']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.json(), url).toMatchObject({ page: 1, page_size: 1 });
    }
  });
});

describe('bad skip and limit', () => {
  const bad: [string, string][] = [
    ['skip=-1', 'skip'],
    ['skip=abc', 'skip'],
    ['skip=1.5', 'skip'],
    ['skip=1000000001', 'skip'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=-5', 'limit'],
    ['limit=ten', 'limit'],
  ];

  it('are 422 VALIDATION_ERROR naming the parameter, on products and warehouses', async () => {
    for (const base of ['/api/v1/products', '/api/v1/warehouses']) {
      for (const [query, field] of bad) {
        const res = await get(`${base}?${query}`);
        expect(res.statusCode, `${base}?${query}`).toBe(422);
        expect(res.json().error_code).toBe('VALIDATION_ERROR');
        expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
    }
  });

  it('are explained in English and Hungarian', async () => {
    const en = await get('/api/v1/products?skip=-1&limit=101');
    expect(en.json()).toMatchObject({
      detail: 'The request contains invalid data.',
      errors: [
        { field: 'skip', message: 'must be at least 0' },
        { field: 'limit', message: 'must be at most 100' },
      ],
    });
    const hu = await get('/api/v1/warehouses?skip=-1&limit=101', { 'accept-language': 'hu' });
    expect(hu.statusCode).toBe(422);
    expect(hu.json()).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      detail: 'A kérés érvénytelen adatokat tartalmaz.',
      errors: [
        { field: 'skip', message: 'legalább 0 kell legyen' },
        { field: 'limit', message: 'legfeljebb 100 lehet' },
      ],
    });
  });
});

describe('the OpenAPI document', () => {
  it('describes both paging styles and the rule between them', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const parameters = spec.paths['/api/v1/products'].get.parameters as {
      name: string;
      description?: string;
    }[];
    const described = Object.fromEntries(parameters.map((p) => [p.name, p.description ?? '']));
    expect(described.skip).toMatch(/`page` is ignored/);
    expect(described.limit).toMatch(/instead of `page_size`/);
    expect(described.page).toMatch(/Ignored when `skip` or `limit` is given/);
  });
});
