import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct, move, receive, verifyLedger, type Warehouse } from '../../helpers/stock.js';
import { waitFor } from '../../helpers/wait.js';

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
    // The original names the movement that reversed it, read alone, by page and by cursor.
    const reversalId = reversed.json().id;
    expect(reversed.json().reversed_by_id).toBeNull();
    expect((await get(`/api/v1/stock-movements/${receipt.id}`)).json()).toMatchObject({
      reversed_by_id: reversalId,
      // Reads name what the row points at, in the same query for a whole page.
      sku: product.sku,
      product_name: `Product ${product.sku}`,
      warehouse_code: wh.code,
      bin_code: expect.any(String),
      lot_number: null,
      expiry_date: null,
    });
    for (const listing of [`product_id=${product.id}`, `product_id=${product.id}&cursor=first`]) {
      const items = (await get(`/api/v1/stock-movements?${listing}`)).json().items;
      expect(
        items.map((m: { id: string; reversed_by_id: string | null }) => [m.id, m.reversed_by_id]),
      ).toEqual([
        [reversalId, null],
        [receipt.id, reversalId],
      ]);
    }
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

  it('from and to as a movement shows its time, to the millisecond, both hold that movement', async () => {
    const product = await createProduct(t.app, admin);
    const times: string[] = [];
    for (const quantity of [1, 2, 3]) {
      const posted = await move(t.app, worker.token, {
        product_id: product.id,
        warehouse_id: wh.id,
        movement_type: 'receipt',
        quantity,
      });
      const shown: string = posted.json().occurred_at;
      times.push(shown);
      // Each movement in a millisecond of its own, or a bound would rightly hold two.
      await waitFor(() => Date.now() > Date.parse(shown), 'the next millisecond');
    }
    const quantities = async (range: string) =>
      (await get(`/api/v1/stock-movements?product_id=${product.id}&${range}`))
        .json()
        .items.map((m: { quantity: number }) => m.quantity);
    const [first, second] = times.map(encodeURIComponent);
    expect(await quantities(`to=${second}`)).toEqual([2, 1]);
    expect(await quantities(`from=${second}`)).toEqual([3, 2]);
    expect(await quantities(`from=${second}&to=${second}`)).toEqual([2]);
    expect(await quantities(`cursor=first&from=${first}&to=${first}`)).toEqual([1]);
  });
});

describe('ledger rows', () => {
  it('carry created_at, the time recorded, beside occurred_at, when posted and when read back', async () => {
    const product = await createProduct(t.app, admin);
    const posted = await move(t.app, admin, {
      product_id: product.id,
      warehouse_id: wh.id,
      movement_type: 'receipt',
      quantity: 3,
    });
    expect(posted.statusCode).toBe(201);
    const body = posted.json();
    expect(Date.parse(body.created_at)).not.toBeNaN();
    expect(body.created_at).toBe(body.occurred_at);
    const listed = await t.admin.get(`/api/v1/stock-movements?product_id=${product.id}`);
    expect(listed.json().items).toEqual([
      expect.objectContaining({ id: body.id, created_at: body.created_at }),
    ]);
  });
});

describe('reversing a movement', () => {
  it('reverses every row it was posted as, in one posting, and only once', async () => {
    const product = await createProduct(t.app, admin, { tracking: 'lot' });
    const at = { product_id: product.id, warehouse_id: wh.id };
    for (const [lot, expiry] of [
      ['R-EARLY', '2030-01-31'],
      ['R-LATE', '2031-01-31'],
    ]) {
      const res = await move(t.app, admin, {
        ...at,
        movement_type: 'receipt',
        quantity: 5,
        lot_number: lot,
        expiry_date: expiry,
      });
      expect(res.statusCode).toBe(201);
    }
    // 8 out of two lots: an issue posted as two ledger rows.
    const issue = (await move(t.app, admin, { ...at, movement_type: 'issue', quantity: 8 })).json();
    expect(issue.allocations).toHaveLength(2);
    const [first, second] = issue.allocations as { movement_id: string }[];

    const reversed = await t.admin.post(`/api/v1/stock-movements/${second?.movement_id}/reverse`, {
      reason: 'picked in error',
    });
    expect(reversed.statusCode).toBe(201);
    expect(reversed.json()).toMatchObject({ quantity: 8, reason: 'picked in error' });
    expect(
      reversed
        .json()
        .allocations.map((a: { quantity: number }) => a.quantity)
        .sort(),
    ).toEqual([3, 5]);
    const product2 = await t.admin.get(`/api/v1/products/${product.id}`);
    expect(product2.json().on_hand).toBe(10);

    for (const row of [first, second]) {
      const again = await t.admin.post(`/api/v1/stock-movements/${row?.movement_id}/reverse`, {
        reason: 'again',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error_code).toBe('ALREADY_REVERSED');
    }
  });
});
