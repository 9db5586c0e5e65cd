import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct, move, receive, verifyLedger, type Warehouse } from '../../helpers/stock.js';

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

describe('the ledger', () => {
  it('is append-only: the database refuses UPDATE and DELETE; the API answers 405', async () => {
    const product = await createProduct(t.app, admin);
    const one = await receive(t.app, worker.token, product.id, wh.id, 1);
    await expect(t.database.executeSql('update stock_movements set quantity = 999', [])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.executeSql('delete from stock_movements', [])).rejects.toThrow(/append-only/);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.admin.request(method, `/api/v1/stock-movements/${one.id}`, {});
      expect(res.statusCode).toBe(405);
    }
  });

  it('a movement is corrected by reversing it, once', async () => {
    const product = await createProduct(t.app, admin);
    const receipt = (
      await move(t.app, worker.token, {
        product_id: product.id,
        warehouse_id: wh.id,
        movement_type: 'receipt',
        quantity: 7,
      })
    ).json();
    const byWorker = await worker.api.post(`/api/v1/stock-movements/${receipt.id}/reverse`, {
      reason: 'wrong product',
    });
    expect(byWorker.statusCode).toBe(403);
    const reversed = await t.admin.post(`/api/v1/stock-movements/${receipt.id}/reverse`, {
      reason: 'wrong product',
    });
    expect(reversed.statusCode).toBe(201);
    expect(reversed.json()).toMatchObject({ quantity: -7, reverses_id: receipt.id, reason: 'wrong product' });
    const twice = await t.admin.post(`/api/v1/stock-movements/${receipt.id}/reverse`, { reason: 'again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error_code).toBe('ALREADY_REVERSED');
    const ofReversal = await t.admin.post(`/api/v1/stock-movements/${reversed.json().id}/reverse`, {
      reason: 'undo undo',
    });
    expect(ofReversal.json().error_code).toBe('NOT_REVERSIBLE');
    expect((await get(`/api/v1/products/${product.id}`)).json().on_hand).toBe(0);
  });

  it('lists with filters, by page and by keyset cursor; one movement by id', async () => {
    const product = await createProduct(t.app, admin);
    for (let i = 1; i <= 5; i++) {
      await move(t.app, worker.token, {
        product_id: product.id,
        warehouse_id: wh.id,
        movement_type: 'receipt',
        quantity: i,
        reference_number: `R-${i}`,
      });
    }
    const page = (await get(`/api/v1/stock-movements?product_id=${product.id}&page_size=2`)).json();
    expect(page).toMatchObject({ total: 5, pages: 3 });
    expect(page.items.map((m: { quantity: number }) => m.quantity)).toEqual([5, 4]);
    const seen: number[] = [];
    let cursor = 'first';
    for (;;) {
      const res = (
        await get(`/api/v1/stock-movements?product_id=${product.id}&page_size=2&cursor=${cursor}`)
      ).json();
      seen.push(...res.items.map((m: { quantity: number }) => m.quantity));
      if (!res.next_cursor) break;
      cursor = res.next_cursor;
    }
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    const byRef = (await get('/api/v1/stock-movements?reference_number=R-3')).json();
    expect(byRef.items).toHaveLength(1);
    const byType = (
      await get(`/api/v1/stock-movements?product_id=${product.id}&movement_type=purchase`)
    ).json();
    expect(byType.total).toBe(5);
    const byActor = (
      await get(`/api/v1/stock-movements?product_id=${product.id}&actor_id=${worker.id}`)
    ).json();
    expect(byActor.total).toBe(5);
    const one = await get(`/api/v1/stock-movements/${byRef.items[0].id}`);
    expect(one.json()).toMatchObject({ reference_number: 'R-3', actor_id: worker.id });
    expect((await get('/api/v1/stock-movements/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f')).statusCode).toBe(404);
    expect((await get('/api/v1/stock-movements?cursor=banana')).statusCode).toBe(422);
    // Every alias a posting accepts filters too, as the type it stands for.
    const scrap = { product_id: product.id, warehouse_id: wh.id, movement_type: 'scrap', quantity: 1 };
    expect((await move(t.app, worker.token, scrap)).statusCode).toBe(201);
    for (const type of ['scrap', 'damaged']) {
      const res = await get(`/api/v1/stock-movements?product_id=${product.id}&movement_type=${type}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((m: { movement_type: string }) => m.movement_type)).toEqual(['damaged']);
    }
    expect((await get('/api/v1/stock-movements?movement_type=shrinkage')).statusCode).toBe(422);
  });
});
