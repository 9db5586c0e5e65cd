import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { waitFor } from '../../helpers/wait.js';

let t: Fixture<['warehouse', 'viewer']>;
let worker: ApiUser;
let viewer: ApiUser;

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse', 'viewer'] });
  [worker, viewer] = t.users;
});
afterAll(() => t.close());

interface ProductPage {
  items: { sku: string; name: string }[];
  total: number;
  total_is_estimate: boolean;
}

const search = async (term: string, extra = '') =>
  bodyOf<ProductPage>(await viewer.api.get(`/api/v1/products?search=${encodeURIComponent(term)}${extra}`));

const product = async (fields: object) =>
  bodyOf<{ id: string; created_at: string }>(await worker.api.post('/api/v1/products', fields), 201);

describe('product search', () => {
  it('is served by the trigram index on the maintained search text', async () => {
    // On a small table the planner rightly prefers a scan; forbid it to see that the index fits.
    const plan = await t.database.db.transaction(async (tx) => {
      await tx.execute('set local enable_seqscan = off' as never);
      const result = (await tx.execute(
        "explain select id from products where search_text like raktar_search_text('%kave%')" as never,
      )) as unknown as { rows: { 'QUERY PLAN': string }[] };
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('products_search_text_idx');
  });

  it('matches part of a barcode, and a category under its new name once renamed', async () => {
    const category = bodyOf<{ id: string }>(
      await t.admin.post('/api/v1/categories', { name: 'Szárazáru' }),
      201,
    );
    await product({ sku: 'RICE-1', name: 'Rizs', barcode: '5901234123457', category_id: category.id });
    expect((await search('1234123')).items.map((p) => p.sku)).toEqual(['RICE-1']);
    expect((await search('szarazaru')).items.map((p) => p.sku)).toEqual(['RICE-1']);
    const renamed = await t.admin.patch(`/api/v1/categories/${category.id}`, { name: 'Gabona' });
    expect(renamed.statusCode).toBe(200);
    expect((await search('gabona')).items.map((p) => p.sku)).toEqual(['RICE-1']);
    expect((await search('szarazaru')).items).toEqual([]);
  });

  it('keeps the search text when a client sends one of its own', async () => {
    const { id } = await product({ sku: 'OWN-TEXT-1', name: 'Paprika' });
    await t.database.executeSql("update products set search_text = 'forged' where id = $1", [id]);
    expect((await search('forged')).items).toEqual([]);
    expect((await search('paprika')).items.map((p) => p.sku)).toEqual(['OWN-TEXT-1']);
  });

  it('puts an exact SKU or barcode first, whatever the sort', async () => {
    await product({ sku: 'AB-1', name: 'Zsemle AB-10 mellett' });
    await product({ sku: 'AB-10', name: 'Alma' });
    await product({ sku: 'AB-100', name: 'Bab' });
    expect((await search('ab-1')).items.map((p) => p.sku)).toEqual(['AB-1', 'AB-10', 'AB-100']);
    expect((await search('AB-10')).items.map((p) => p.sku)).toEqual(['AB-10', 'AB-100', 'AB-1']);
    await product({ sku: 'EAN-X', name: 'Zab', barcode: '4006381333931' });
    await product({ sku: 'EAN-4006381333931-OLD', name: 'Árpa' });
    expect((await search('4006381333931')).items.map((p) => p.sku)).toEqual([
      'EAN-X',
      'EAN-4006381333931-OLD',
    ]);
  });

  it('counts a search exactly up to 5,000 matches, other lists up to 1,000, and flags an estimate beyond', async () => {
    await t.database.executeSql(
      `insert into products (id, sku, name) select raktar_uuidv7(), 'BULK-' || i, 'Tömeges termék ' || i
       from generate_series(1, 1200) i`,
    );
    await t.database.executeSql(
      `insert into products (id, sku, name) select raktar_uuidv7(), 'MASS-' || i, 'Rengeteg áru ' || i
       from generate_series(1, 5100) i`,
    );
    await t.database.executeSql('analyze products');
    const few = await search('tomeges termek 11');
    // 11, 110–119, 1100–1199
    expect(few).toMatchObject({ total: 111, total_is_estimate: false });
    // Found in one pass, so counted exactly, and a page deep among them (offset 1,150) is there.
    const some = await search('tomeges');
    expect(some).toMatchObject({ total: 1200, total_is_estimate: false });
    expect(some.items).toHaveLength(20);
    const someDeep = await search('tomeges', '&page=24&page_size=50');
    expect(someDeep).toMatchObject({ total: 1200, total_is_estimate: false });
    expect(someDeep.items.map((p) => p.name)).toEqual(
      [...Array.from({ length: 1200 }, (_, i) => `Tömeges termék ${i + 1}`)].sort().slice(1150, 1200),
    );
    const many = await search('rengeteg');
    expect(many.total_is_estimate).toBe(true);
    expect(many.total).toBeGreaterThan(5000);
    expect(many.items).toHaveLength(20);
    // A page deep among them (offset 5,050 of 5,100) is read from all the matches, not the first 5,001.
    const deep = await search('rengeteg', '&page=102&page_size=50');
    expect(deep.items).toHaveLength(50);
    expect(deep.total_is_estimate).toBe(true);
    const past = await search('rengeteg', '&page=103&page_size=50');
    expect(past.items).toEqual([]);
    const plain = bodyOf<ProductPage>(await viewer.api.get('/api/v1/products?page_size=5'));
    expect(plain.total_is_estimate).toBe(true);
    expect(plain.total).toBeGreaterThan(1000);
  });
  it('orders and filters a page alike with a search term and without one', async () => {
    const category = bodyOf<{ id: string }>(
      await t.admin.post('/api/v1/categories', { name: 'Rendezett' }),
      201,
    );
    // Created in this order; their names sort differently from their SKUs.
    const made = [];
    for (const [sku, name, inCategory] of [
      ['ORDT-1', 'Ordtest Cedar', true],
      ['ORDT-2', 'Ordtest Alder', false],
      ['ORDT-3', 'Ordtest Birch', true],
    ] as const) {
      const created = await product({ sku, name, ...(inCategory ? { category_id: category.id } : {}) });
      made.push(created);
      // Each created in a millisecond of its own, or a bound would rightly hold two.
      await waitFor(() => Date.now() > Date.parse(created.created_at), 'the next millisecond');
    }
    const skus = async (query: string) =>
      bodyOf<ProductPage>(await viewer.api.get(`/api/v1/products?${query}`)).items.map((p) => p.sku);
    const orders: [string, string[]][] = [
      ['name_asc', ['ORDT-2', 'ORDT-3', 'ORDT-1']],
      ['name_desc', ['ORDT-1', 'ORDT-3', 'ORDT-2']],
      ['sku_asc', ['ORDT-1', 'ORDT-2', 'ORDT-3']],
      ['sku_desc', ['ORDT-3', 'ORDT-2', 'ORDT-1']],
      ['created_asc', ['ORDT-1', 'ORDT-2', 'ORDT-3']],
      ['created_desc', ['ORDT-3', 'ORDT-2', 'ORDT-1']],
    ];
    for (const [sort, expected] of orders) {
      expect(await skus(`search=ordtest&sort_by=${sort}`)).toEqual(expected);
      const inCategory = expected.filter((sku) => sku !== 'ORDT-2');
      expect(await skus(`category_id=${category.id}&sort_by=${sort}`)).toEqual(inCategory);
      expect(await skus(`search=ordtest&category_id=${category.id}&sort_by=${sort}`)).toEqual(inCategory);
    }
    const second = bodyOf<{ created_at: string }>(await viewer.api.get(`/api/v1/products/${made[1]?.id}`));
    const from = encodeURIComponent(second.created_at);
    expect(await skus(`search=ordtest&created_from_date=${from}&sort_by=sku_asc`)).toEqual([
      'ORDT-2',
      'ORDT-3',
    ]);
    expect(await skus(`category_id=${category.id}&created_from_date=${from}`)).toEqual(['ORDT-3']);
    // A bound as the product shows its time, to the millisecond, holds that product.
    expect(await skus(`search=ordtest&created_to_date=${from}&sort_by=sku_asc`)).toEqual([
      'ORDT-1',
      'ORDT-2',
    ]);
    expect(await skus(`created_from_date=${from}&created_to_date=${from}`)).toEqual(['ORDT-2']);
    const past = encodeURIComponent('2000-01-01T00:00:00Z');
    expect(await skus(`search=ordtest&created_to_date=${past}`)).toEqual([]);

    const paged = bodyOf<ProductPage>(
      await viewer.api.get('/api/v1/products?search=ordtest&page=2&page_size=1'),
    );
    expect([paged.items.map((p) => p.sku), paged.total, paged.total_is_estimate]).toEqual([
      ['ORDT-3'],
      3,
      false,
    ]);

    const patched = await worker.api.patch(`/api/v1/products/${made[0]?.id}`, {
      is_active: false,
      version: 1,
    });
    expect(patched.statusCode).toBe(200);
    expect(await skus('search=ordtest')).toEqual(['ORDT-2', 'ORDT-3']);
    expect(await skus('search=ordtest&is_active=false&include_inactive=true')).toEqual(['ORDT-1']);
    expect(await skus(`category_id=${category.id}&include_inactive=true&sort_by=sku_asc`)).toEqual([
      'ORDT-1',
      'ORDT-3',
    ]);
  });
});
