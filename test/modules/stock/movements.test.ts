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
      .allocations.map((a: { lot_number: string; bin_id: string; bin_code: string; quantity: number }) => [
        a.lot_number,
        a.bin_id,
        a.bin_code,
        a.quantity,
      ]);
    expect(allocations).toEqual([
      ['SOON', binB.id, 'FEFO-B', -4],
      ['LATE', binA.id, 'FEFO-A', -2],
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
    const audit = await t.admin.get(`/api/v1/audit-log?action=stock.force_expired&entity_id=${product.id}`);
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
    await worker.api.delete(`/api/v1/products/${product.id}`);
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
