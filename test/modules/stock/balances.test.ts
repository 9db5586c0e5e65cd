import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import {
  createBin,
  createProduct,
  createWarehouse,
  move,
  receive,
  verifyLedger,
  type Warehouse,
} from '../../helpers/stock.js';

let t: Fixture<['warehouse', 'viewer']>;
let admin: string;
let worker: ApiUser;
let viewer: ApiUser;
let wh: Warehouse;

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse', 'viewer'], warehouse: 'MAIN' });
  admin = t.admin.token;
  [worker, viewer] = t.users;
  wh = t.warehouse;
});
afterAll(async () => {
  expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  await t.close();
});

const get = (url: string, client = viewer.api) => client.get(url);

describe('balances, bins and warehouses', () => {
  it('answers balances now and as of a past moment', async () => {
    const product = await createProduct(t.app, admin);
    await receive(t.app, worker.token, product.id, wh.id, 10);
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await move(t.app, worker.token, {
      product_id: product.id,
      warehouse_id: wh.id,
      movement_type: 'issue',
      quantity: 4,
    });
    const now = (await get(`/api/v1/inventory/balances?product_id=${product.id}`)).json();
    expect(now.items).toEqual([
      expect.objectContaining({
        sku: product.sku,
        warehouse_code: 'MAIN',
        bin_code: 'DEFAULT',
        on_hand: 6,
        reserved: 0,
        available: 6,
      }),
    ]);
    const past = (
      await get(`/api/v1/inventory/balances?product_id=${product.id}&as_of=${encodeURIComponent(between)}`)
    ).json();
    expect(past.items[0].on_hand).toBe(10);
  });

  it('lists balances now in SKU order, page by page, with reserved, zeros on request and the count past the end', async () => {
    const place = await createWarehouse(t.app, admin, 'PAGED');
    const [first, second] = await Promise.all([
      createBin(t.app, admin, place.id, 'A-1'),
      createBin(t.app, admin, place.id, 'B-1'),
    ]);
    // Created out of SKU order: the list orders by SKU, then bin code.
    const made = [];
    for (const sku of ['PG-C', 'PG-A', 'PG-B', 'PG-D']) made.push(await createProduct(t.app, admin, { sku }));
    for (const p of made) {
      for (const bin of [second, first]) {
        const res = await move(t.app, worker.token, {
          product_id: p.id,
          warehouse_id: place.id,
          bin_id: bin?.id,
          movement_type: 'receipt',
          quantity: 5,
        });
        expect(res.statusCode).toBe(201);
      }
    }
    const [c, , , d] = made;
    const held = await worker.api.post('/api/v1/reservations', {
      product_id: c?.id,
      warehouse_id: place.id,
      quantity: 3,
      reference: 'PAGED-1',
    });
    expect(held.statusCode).toBe(201);
    // PG-D's first bin emptied: gone from the list, back with include_zero.
    const emptied = await move(t.app, worker.token, {
      product_id: d?.id,
      warehouse_id: place.id,
      bin_id: first?.id,
      movement_type: 'issue',
      quantity: 5,
    });
    expect(emptied.statusCode).toBe(201);
    type Row = { sku: string; bin_code: string; on_hand: number; reserved: number; available: number };
    const pages = async (query: string) => {
      const read: Row[] = [];
      let total = -1;
      for (let page = 1; page <= 10; page++) {
        const body = (
          await get(`/api/v1/inventory/balances?warehouse_id=${place.id}&page_size=3&page=${page}${query}`)
        ).json();
        total = body.total;
        if (body.items.length === 0) break;
        read.push(...body.items);
      }
      return {
        total,
        rows: read.map((r) => `${r.sku} ${r.bin_code} ${r.on_hand} ${r.reserved} ${r.available}`),
      };
    };
    const expected = ['PG-A A-1 5 0 5', 'PG-A B-1 5 0 5', 'PG-B A-1 5 0 5', 'PG-B B-1 5 0 5'];
    const now = await pages('');
    expect(now.total).toBe(7);
    expect(now.rows.slice(0, 4)).toEqual(expected);
    expect(now.rows.slice(4, 6).map((r) => r.split(' ').slice(0, 3).join(' '))).toEqual([
      'PG-C A-1 5',
      'PG-C B-1 5',
    ]);
    // The reservation holds 3 of PG-C, from whichever bin it chose.
    const reserved = now.rows.slice(4, 6).reduce((sum, r) => sum + Number(r.split(' ')[3]), 0);
    expect(reserved).toBe(3);
    expect(now.rows[6]).toBe('PG-D B-1 5 0 5');
    const withZero = await pages('&include_zero=true');
    expect(withZero.total).toBe(8);
    expect(withZero.rows.slice(6)).toEqual(['PG-D A-1 0 0 0', 'PG-D B-1 5 0 5']);
    // Filters narrow the same read: one bin, one product.
    const inBin = (
      await get(`/api/v1/inventory/balances?warehouse_id=${place.id}&bin_id=${second?.id}`)
    ).json();
    expect(inBin.items.map((r: Row) => r.sku)).toEqual(['PG-A', 'PG-B', 'PG-C', 'PG-D']);
    const one = (await get(`/api/v1/inventory/balances?product_id=${d?.id}&include_zero=true`)).json();
    expect(one).toMatchObject({ total: 2, items: [{ bin_code: 'A-1' }, { bin_code: 'B-1' }] });
    // A page past the end is empty and keeps the count.
    const past = (
      await get(`/api/v1/inventory/balances?warehouse_id=${place.id}&page_size=3&page=99`)
    ).json();
    expect(past).toMatchObject({ items: [], total: 7 });
  });

  it('pages a bin history by keyset, rows of one posting included once each', async () => {
    const bin = await createBin(t.app, admin, wh.id, 'KEYSET-1');
    const products = await Promise.all([1, 2, 3, 4, 5].map(() => createProduct(t.app, admin)));
    // One document: five rows that occurred at the same moment.
    const doc = await worker.api.post('/api/v1/inventory/receipts', {
      warehouse_id: wh.id,
      lines: products.map((p, i) => ({ product_id: p.id, bin_id: bin.id, quantity: i + 1 })),
    });
    expect(doc.statusCode).toBe(201);
    await move(t.app, worker.token, {
      product_id: products[0]?.id,
      warehouse_id: wh.id,
      bin_id: bin.id,
      movement_type: 'receipt',
      quantity: 9,
    });
    const seen: number[] = [];
    let cursor = 'first';
    for (;;) {
      const page = (await get(`/api/v1/bins/${bin.id}/history?page_size=2&cursor=${cursor}`)).json();
      seen.push(...page.items.map((m: { quantity: number }) => m.quantity));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(seen[0]).toBe(9);
    expect(seen.slice(1).sort()).toEqual([1, 2, 3, 4, 5]);
    const numbered = (await get(`/api/v1/bins/${bin.id}/history?page_size=50`)).json();
    expect(numbered.items.map((m: { quantity: number }) => m.quantity)).toEqual(seen);
  });

  it('shows bin contents and history, and protects a bin holding stock', async () => {
    const product = await createProduct(t.app, admin);
    const bin = await createBin(t.app, admin, wh.id, 'HIST-1');
    await move(t.app, worker.token, {
      product_id: product.id,
      warehouse_id: wh.id,
      bin_id: bin.id,
      movement_type: 'receipt',
      quantity: 3,
    });
    const contents = (await get(`/api/v1/bins/${bin.id}/contents`)).json();
    expect(contents.items).toEqual([expect.objectContaining({ product_id: product.id, on_hand: 3 })]);
    const history = (await get(`/api/v1/bins/${bin.id}/history`)).json();
    expect(history.items.map((m: { quantity: number }) => m.quantity)).toEqual([3]);
    const del = await t.admin.delete(`/api/v1/bins/${bin.id}`);
    expect(del.json().error_code).toBe('BIN_HOLDS_STOCK');
    await move(t.app, worker.token, {
      product_id: product.id,
      warehouse_id: wh.id,
      bin_id: bin.id,
      movement_type: 'issue',
      quantity: 3,
    });
    const emptied = await t.admin.delete(`/api/v1/bins/${bin.id}`);
    expect(emptied.json().error_code).toBe('BIN_HAS_HISTORY');
    const off = await t.admin.patch(`/api/v1/bins/${bin.id}`, { is_active: false });
    expect(off.statusCode).toBe(200);
  });

  it('fills warehouse statistics and the product list stock sort', async () => {
    const other = await createWarehouse(t.app, admin, 'STATS');
    const cheap = await createProduct(t.app, admin, { unit_price: 2 });
    const dear = await createProduct(t.app, admin, { unit_price: 10 });
    await receive(t.app, worker.token, cheap.id, other.id, 5);
    await receive(t.app, worker.token, dear.id, other.id, 500);
    const stats = (await get(`/api/v1/warehouses/${other.id}/statistics`)).json();
    expect(stats).toMatchObject({
      bins_total: 1,
      bins_occupied: 1,
      bins_empty: 0,
      distinct_products: 2,
      total_units: 505,
      stock_value: 5010,
    });
    const sorted = (await get('/api/v1/products?sort_by=stock_desc&page_size=1')).json();
    expect(sorted.items[0].sku).toBe(dear.sku);
    expect(sorted.items[0].on_hand).toBe(500);
    const deactivate = await t.admin.delete(`/api/v1/warehouses/${other.id}`);
    expect(deactivate.json().error_code).toBe('WAREHOUSE_HOLDS_STOCK');
  });

  it('verify is admin-only and clean', async () => {
    const bin = await createBin(t.app, admin, wh.id, 'VERIFY-1');
    for (let i = 0; i < 3; i++) {
      const product = await createProduct(t.app, admin);
      await receive(t.app, worker.token, product.id, wh.id, 2);
      await move(t.app, worker.token, {
        product_id: product.id,
        warehouse_id: wh.id,
        bin_id: bin.id,
        movement_type: 'receipt',
        quantity: 3,
      });
    }
    expect((await get('/api/v1/inventory/verify', worker.api)).statusCode).toBe(403);
    const result = await verifyLedger(t.app, admin);
    expect(result).toMatchObject({ ok: true, mismatches: [] });
    expect(result.balances_checked).toBeGreaterThan(5);
  });
});
