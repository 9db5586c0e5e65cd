import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, loginAdmin, type TestUser } from '../../helpers/factories.js';
import {
  createBin,
  createProduct,
  createWarehouse,
  move,
  receive,
  verifyLedger,
} from '../../helpers/stock.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let admin: string;
let worker: TestUser;
let viewer: TestUser;
let wh: { id: string; default_bin_id: string };

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await loginAdmin(t.app)).access_token;
  worker = await createUser(t.app, admin, { role: 'warehouse' });
  viewer = await createUser(t.app, admin, { role: 'viewer' });
  wh = await createWarehouse(t.app, admin, 'MAIN');
});
afterAll(async () => {
  expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  await t.close();
});

const get = (url: string, token = viewer.token) =>
  t.app.inject({ method: 'GET', url, headers: bearer(token) });
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('receipts and issues through POST /stock-movements', () => {
  it("a receipt without a bin lands in the warehouse's default bin; seed 004's `purchase` works", async () => {
    const product = await createProduct(t.app, admin);
    const res = await move(t.app, worker.token, {
      product_id: product.id,
      warehouse_id: wh.id,
      movement_type: 'purchase',
      quantity: 50,
      unit_cost: 100,
      reference_number: 'PO-2023-001',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      movement_type: 'receipt',
      quantity: 50,
      bin_id: wh.default_bin_id,
      unit_cost: 100,
      reference_number: 'PO-2023-001',
    });
    expect(res.json().allocations).toHaveLength(1);
    const detail = (await get(`/api/v1/products/${product.id}`)).json();
    expect(detail.on_hand).toBe(50);
    expect(detail.stock.warehouses).toEqual([
      { warehouse_id: wh.id, warehouse_code: 'MAIN', on_hand: 50, reserved: 0, available: 50 },
    ]);
  });

  it('an issue takes FEFO across lots and bins: earliest expiry first, expired lots never', async () => {
    const product = await createProduct(t.app, admin, { tracking: 'lot' });
    const binA = await createBin(t.app, admin, wh.id, 'FEFO-A');
    const binB = await createBin(t.app, admin, wh.id, 'FEFO-B');
    const receive = (lot: string, expiry: string, binId: string, quantity: number) =>
      move(t.app, worker.token, {
        product_id: product.id,
        warehouse_id: wh.id,
        bin_id: binId,
        lot_number: lot,
        expiry_date: expiry,
        movement_type: 'receipt',
        quantity,
      });
    expect((await receive('LATE', daysFromNow(90), binA.id, 10)).statusCode).toBe(201);
    expect((await receive('SOON', daysFromNow(10), binB.id, 4)).statusCode).toBe(201);
    expect((await receive('GONE', daysFromNow(-1), binA.id, 7)).statusCode).toBe(201);
    const issue = await move(t.app, worker.token, {
      product_id: product.id,
      warehouse_id: wh.id,
      movement_type: 'issue',
      quantity: 6,
    });
    expect(issue.statusCode).toBe(201);
    expect(issue.json().quantity).toBe(-6);
    const allocations = issue
      .json()
      .allocations.map((a: { lot_number: string; bin_id: string; quantity: number }) => [
        a.lot_number,
        a.bin_id,
        a.quantity,
      ]);
    expect(allocations).toEqual([
      ['SOON', binB.id, -4],
      ['LATE', binA.id, -2],
    ]);
    // 8 left unexpired; the 7 expired do not count.
    const tooMuch = await move(t.app, worker.token, {
      product_id: product.id,
      warehouse_id: wh.id,
      movement_type: 'issue',
      quantity: 9,
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json()).toMatchObject({ error_code: 'INSUFFICIENT_STOCK', available: 8 });
  });

  it('expired stock is issued only when a manager forces it, and that is audited', async () => {
    const product = await createProduct(t.app, admin, { tracking: 'lot' });
    await move(t.app, worker.token, {
      product_id: product.id,
      warehouse_id: wh.id,
      lot_number: 'OLD',
      expiry_date: daysFromNow(-5),
      movement_type: 'receipt',
      quantity: 3,
    });
    const plain = await move(t.app, worker.token, {
      product_id: product.id,
      warehouse_id: wh.id,
      movement_type: 'issue',
      quantity: 1,
    });
    expect(plain.statusCode).toBe(409);
    const byWorker = await move(t.app, worker.token, {
      product_id: product.id,
      warehouse_id: wh.id,
      movement_type: 'issue',
      quantity: 1,
      force_expired: true,
    });
    expect(byWorker.statusCode).toBe(403);
    const byAdmin = await move(t.app, admin, {
      product_id: product.id,
      warehouse_id: wh.id,
      movement_type: 'issue',
      quantity: 1,
      force_expired: true,
    });
    expect(byAdmin.statusCode).toBe(201);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit-log?action=stock.force_expired&entity_id=${product.id}`,
      headers: bearer(admin),
    });
    expect(audit.json().total).toBe(1);
    // A write-off may take expired stock without forcing.
    const damaged = await move(t.app, worker.token, {
      product_id: product.id,
      warehouse_id: wh.id,
      movement_type: 'damaged',
      quantity: 2,
      reason: 'expired',
    });
    expect(damaged.statusCode).toBe(201);
  });

  it('quantity signs follow the type; adjustments are signed', async () => {
    const product = await createProduct(t.app, admin);
    const base = { product_id: product.id, warehouse_id: wh.id };
    expect(
      (await move(t.app, worker.token, { ...base, movement_type: 'receipt', quantity: -5 })).json()
        .error_code,
    ).toBe('QUANTITY_SIGN_MISMATCH');
    expect(
      (await move(t.app, worker.token, { ...base, movement_type: 'adjustment', quantity: 0 })).json()
        .error_code,
    ).toBe('ZERO_QUANTITY');
    expect(
      (
        await move(t.app, worker.token, {
          ...base,
          movement_type: 'adjustment',
          quantity: 5,
          reason: 'found',
        })
      ).statusCode,
    ).toBe(201);
    const sale = await move(t.app, worker.token, { ...base, movement_type: 'sale', quantity: -2 });
    expect(sale.statusCode).toBe(201);
    expect(sale.json()).toMatchObject({ movement_type: 'issue', quantity: -2 });
    const down = await move(t.app, worker.token, {
      ...base,
      movement_type: 'adjustment',
      quantity: -3,
      reason: 'loss',
    });
    expect(down.json().quantity).toBe(-3);
    expect((await get(`/api/v1/products/${product.id}`)).json().on_hand).toBe(0);
  });

  it('refuses bad input: unknown type or product, fractions of pieces, lot rules, viewers', async () => {
    const product = await createProduct(t.app, admin);
    const tracked = await createProduct(t.app, admin, { tracking: 'lot' });
    const base = { product_id: product.id, warehouse_id: wh.id };
    expect(
      (await move(t.app, worker.token, { ...base, movement_type: 'teleport', quantity: 1 })).statusCode,
    ).toBe(422);
    expect(
      (await move(t.app, worker.token, { ...base, movement_type: 'production_output', quantity: 1 }))
        .statusCode,
    ).toBe(422);
    expect(
      (await move(t.app, worker.token, { ...base, movement_type: 'receipt', quantity: '5' })).statusCode,
    ).toBe(422);
    const fraction = await move(t.app, worker.token, { ...base, movement_type: 'receipt', quantity: 1.5 });
    expect(fraction.json().error_code).toBe('QUANTITY_TOO_PRECISE');
    const kilo = await createProduct(t.app, admin, { unit_of_measure: 'kg' });
    expect(
      (
        await move(t.app, worker.token, {
          product_id: kilo.id,
          warehouse_id: wh.id,
          movement_type: 'receipt',
          quantity: 1.25,
        })
      ).statusCode,
    ).toBe(201);
    const noLot = await move(t.app, worker.token, {
      product_id: tracked.id,
      warehouse_id: wh.id,
      movement_type: 'receipt',
      quantity: 1,
    });
    expect(noLot.json().error_code).toBe('LOT_REQUIRED');
    const lotOnPlain = await move(t.app, worker.token, {
      ...base,
      movement_type: 'receipt',
      quantity: 1,
      lot_number: 'X',
    });
    expect(lotOnPlain.json().error_code).toBe('PRODUCT_NOT_LOT_TRACKED');
    const unknown = await move(t.app, worker.token, {
      product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
      warehouse_id: wh.id,
      movement_type: 'receipt',
      quantity: 1,
    });
    expect(unknown.statusCode).toBe(404);
    const otherWarehouse = await createWarehouse(t.app, admin);
    const wrongBin = await move(t.app, worker.token, {
      ...base,
      bin_id: otherWarehouse.default_bin_id,
      movement_type: 'receipt',
      quantity: 1,
    });
    expect(wrongBin.json().error_code).toBe('BIN_NOT_FOUND');
    expect(
      (await move(t.app, viewer.token, { ...base, movement_type: 'receipt', quantity: 1 })).statusCode,
    ).toBe(403);
  });

  it('an issue is refused, with nothing posted, for a fraction of pieces, an unknown product or warehouse', async () => {
    const product = await createProduct(t.app, admin);
    await receive(t.app, worker.token, product.id, wh.id, 10);
    const issue = (body: Record<string, unknown>) =>
      move(t.app, worker.token, {
        product_id: product.id,
        warehouse_id: wh.id,
        movement_type: 'issue',
        ...body,
      });
    const fraction = await issue({ quantity: 1.5 });
    expect(fraction.statusCode).toBe(422);
    expect(fraction.json().error_code).toBe('QUANTITY_TOO_PRECISE');
    const unknownProduct = await issue({ product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f', quantity: 1 });
    expect(unknownProduct.json().error_code).toBe('PRODUCT_NOT_FOUND');
    const unknownWarehouse = await issue({
      warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
      quantity: 1,
    });
    expect(unknownWarehouse.json().error_code).toBe('WAREHOUSE_NOT_FOUND');
    const tooMuch = await issue({ quantity: 11 });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json()).toMatchObject({ error_code: 'INSUFFICIENT_STOCK', available: 10 });
    const balances = await get(`/api/v1/inventory/balances?product_id=${product.id}`);
    expect(balances.json().items.map((b: { on_hand: number }) => b.on_hand)).toEqual([10]);
    const history = await get(`/api/v1/stock-movements?product_id=${product.id}`);
    expect(history.json().total).toBe(1);
  });

  it('a soft-deleted product takes no new stock but its stock can still leave', async () => {
    const product = await createProduct(t.app, admin);
    await receive(t.app, worker.token, product.id, wh.id, 2);
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/products/${product.id}`,
      headers: bearer(worker.token),
    });
    const refused = await move(t.app, worker.token, {
      product_id: product.id,
      warehouse_id: wh.id,
      movement_type: 'receipt',
      quantity: 1,
    });
    expect(refused.json().error_code).toBe('PRODUCT_INACTIVE');
    expect(
      (
        await move(t.app, worker.token, {
          product_id: product.id,
          warehouse_id: wh.id,
          movement_type: 'issue',
          quantity: 2,
        })
      ).statusCode,
    ).toBe(201);
  });
});

describe('the ledger', () => {
  it('is append-only: the database refuses UPDATE and DELETE; the API answers 405', async () => {
    await expect(t.database.executeSql('update stock_movements set quantity = 999', [])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.executeSql('delete from stock_movements', [])).rejects.toThrow(/append-only/);
    const [one] = (await get('/api/v1/stock-movements?page_size=1')).json().items;
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({
        method,
        url: `/api/v1/stock-movements/${one.id}`,
        headers: bearer(admin),
        payload: {},
      });
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
    const byWorker = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stock-movements/${receipt.id}/reverse`,
      headers: bearer(worker.token),
      payload: { reason: 'wrong product' },
    });
    expect(byWorker.statusCode).toBe(403);
    const reversed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stock-movements/${receipt.id}/reverse`,
      headers: bearer(admin),
      payload: { reason: 'wrong product' },
    });
    expect(reversed.statusCode).toBe(201);
    expect(reversed.json()).toMatchObject({ quantity: -7, reverses_id: receipt.id, reason: 'wrong product' });
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stock-movements/${receipt.id}/reverse`,
      headers: bearer(admin),
      payload: { reason: 'again' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error_code).toBe('ALREADY_REVERSED');
    const ofReversal = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stock-movements/${reversed.json().id}/reverse`,
      headers: bearer(admin),
      payload: { reason: 'undo undo' },
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
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/bins/${bin.id}`,
      headers: bearer(admin),
    });
    expect(del.json().error_code).toBe('BIN_HOLDS_STOCK');
    await move(t.app, worker.token, {
      product_id: product.id,
      warehouse_id: wh.id,
      bin_id: bin.id,
      movement_type: 'issue',
      quantity: 3,
    });
    const emptied = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/bins/${bin.id}`,
      headers: bearer(admin),
    });
    expect(emptied.json().error_code).toBe('BIN_HAS_HISTORY');
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/bins/${bin.id}`,
      headers: bearer(admin),
      payload: { is_active: false },
    });
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
    const deactivate = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/warehouses/${other.id}`,
      headers: bearer(admin),
    });
    expect(deactivate.json().error_code).toBe('WAREHOUSE_HOLDS_STOCK');
  });

  it('verify is admin-only and clean', async () => {
    expect((await get('/api/v1/inventory/verify', worker.token)).statusCode).toBe(403);
    const result = await verifyLedger(t.app, admin);
    expect(result).toMatchObject({ ok: true, mismatches: [] });
    expect(result.balances_checked).toBeGreaterThan(5);
  });
});
