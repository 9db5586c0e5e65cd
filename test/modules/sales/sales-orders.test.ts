import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, bodyOf } from '../../helpers/api.js';
import { createUser } from '../../helpers/factories.js';
import { createCustomer, createSalesOrder } from '../../helpers/orders.js';
import { type ApiUser, type Fixture, setupApp, withApi } from '../../helpers/setup.js';
import {
  createBin,
  createProduct,
  move,
  receive,
  verifyLedger,
  type Warehouse,
} from '../../helpers/stock.js';

let t: Fixture<['manager', 'warehouse']>;
let admin: string;
let manager: ApiUser;
let worker: ApiUser;
let wh: Warehouse;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse'], warehouse: 'SO-WH' });
  admin = t.admin.token;
  [manager, worker] = t.users;
  wh = t.warehouse;
  await createCustomer(t.admin, { code: 'DIVAT', name: 'Divat Bt.' });
});
afterAll(async () => {
  expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  await t.close();
});

const call = (method: 'GET' | 'POST', url: string, payload?: object, client: Api = worker.api) =>
  client.request(method, url, payload);
const order = (lines: object[]) =>
  createSalesOrder(worker.api, { customer_code: 'DIVAT', warehouse_id: wh.id, tax_rate: 27, lines });
const stockOf = async (productId: string) => bodyOf(await call('GET', `/api/v1/products/${productId}`)).stock;

describe('sales orders', () => {
  it('confirm reserves, shipments issue FEFO and report the lots picked, partial then full', async () => {
    const p = await createProduct(t.app, admin, { tracking: 'lot' });
    const bin = await createBin(t.app, admin, wh.id, 'SO-B');
    await move(t.app, worker.token, {
      product_id: p.id,
      warehouse_id: wh.id,
      lot_number: 'LATE',
      expiry_date: '2031-01-01',
      movement_type: 'receipt',
      quantity: 10,
    });
    await move(t.app, worker.token, {
      product_id: p.id,
      warehouse_id: wh.id,
      bin_id: bin.id,
      lot_number: 'EARLY',
      expiry_date: '2030-01-01',
      movement_type: 'receipt',
      quantity: 3,
    });
    const so = await order([{ product_id: p.id, quantity: 8, unit_price: 4990 }]);
    expect(so).toMatchObject({ status: 'draft', subtotal: 39920, tax_amount: 10778.4, total: 50698.4 });
    expect(so.so_number).toMatch(/^SO-\d{6}$/);
    const confirmed = await call('POST', `/api/v1/sales-orders/${so.id}/confirm`);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed' });
    expect(confirmed.json().lines[0].reserved_quantity).toBe(8);
    expect(await stockOf(p.id)).toMatchObject({ on_hand: 13, reserved: 8, available: 5 });

    const first = await call('POST', `/api/v1/sales-orders/${so.id}/shipments`, {
      lines: [{ line_id: so.lines[0].id, quantity: 5 }],
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('partially_shipped');
    const picked = first
      .json()
      .shipment.movements[0].allocations.map((a: { lot_number: string; quantity: number }) => [
        a.lot_number,
        a.quantity,
      ]);
    expect(picked).toEqual([
      ['EARLY', -3],
      ['LATE', -2],
    ]);
    expect(first.json().lines[0]).toMatchObject({ shipped_quantity: 5, reserved_quantity: 3 });
    expect(await stockOf(p.id)).toMatchObject({ on_hand: 8, reserved: 3, available: 5 });
    const over = await call('POST', `/api/v1/sales-orders/${so.id}/shipments`, {
      lines: [{ product_id: p.id, quantity: 4 }],
    });
    expect(over.json().error_code).toBe('OVER_SHIPMENT');
    expect(over.json().errors).toEqual([{ field: 'lines.0.quantity', message: over.json().detail }]);
    const rest = await call('POST', `/api/v1/sales-orders/${so.id}/shipments`, {
      lines: [{ product_id: p.id, quantity: 3 }],
    });
    expect(rest.json().status).toBe('shipped');
    expect(await stockOf(p.id)).toMatchObject({ on_hand: 5, reserved: 0 });
    expect(
      (await call('POST', `/api/v1/sales-orders/${so.id}/cancel`, undefined, manager.api)).statusCode,
    ).toBe(409);
    expect(
      (await call('POST', `/api/v1/sales-orders/${so.id}/close`, undefined, manager.api)).json().status,
    ).toBe('closed');
  });

  it("lists one order's reservations (its pick list) by reference, however many others the warehouse holds", async () => {
    const p = await createProduct(t.app, admin);
    await receive(t.app, worker.token, p.id, wh.id, 30);
    const orders = [];
    for (let i = 0; i < 3; i++) {
      const so = await order([{ product_id: p.id, quantity: 2 + i, unit_price: 100 }]);
      expect((await call('POST', `/api/v1/sales-orders/${so.id}/confirm`)).statusCode).toBe(200);
      orders.push(so);
    }
    const [, middle] = orders;
    if (!middle) throw new Error('no order');
    const held = await call(
      'GET',
      `/api/v1/reservations?reference_type=sales_order&reference_id=${middle.id}&status=active`,
    );
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({ total: 1 });
    expect(held.json().items[0]).toMatchObject({ reference_id: middle.id, quantity: 3, product_id: p.id });
    const byType = await call('GET', `/api/v1/reservations?reference_type=sales_order&product_id=${p.id}`);
    expect(byType.json().total).toBe(3);
    expect(
      (await call('GET', `/api/v1/reservations?reference_type=work_order&reference_id=${middle.id}`)).json()
        .total,
    ).toBe(0);
    const bad = await call('GET', '/api/v1/reservations?reference_id=SO-000001');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error_code).toBe('VALIDATION_ERROR');
    expect((await call('GET', `/api/v1/reservations?reference_type=${'x'.repeat(51)}`)).statusCode).toBe(422);
  });

  it('ships out of what the order reserved, even when an earlier-expiring lot arrives later', async () => {
    const p = await createProduct(t.app, admin, { tracking: 'lot' });
    const lot = (lot_number: string, expiry_date: string, quantity: number) =>
      move(t.app, worker.token, {
        product_id: p.id,
        warehouse_id: wh.id,
        lot_number,
        expiry_date,
        movement_type: 'receipt',
        quantity,
      });
    await lot('HELD', '2031-06-01', 6);
    const so = await order([{ product_id: p.id, quantity: 5, unit_price: 1 }]);
    expect((await call('POST', `/api/v1/sales-orders/${so.id}/confirm`)).statusCode).toBe(200);
    const reservations = async () =>
      (await call('GET', `/api/v1/reservations?product_id=${p.id}`))
        .json()
        .items.map((r: { status: string; quantity: number }) => [r.status, r.quantity]);
    await lot('NEWER-BUT-EARLIER', '2030-01-01', 10);
    const first = await call('POST', `/api/v1/sales-orders/${so.id}/shipments`, {
      lines: [{ line_id: so.lines[0].id, quantity: 3 }],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(
      first.json().shipment.movements[0].allocations.map((a: { lot_number: string }) => a.lot_number),
    ).toEqual(['HELD']);
    // The same reservation keeps holding the rest.
    expect(first.json().lines[0]).toMatchObject({ reserved_quantity: 2 });
    expect(await reservations()).toEqual([['active', 2]]);
    expect(await stockOf(p.id)).toMatchObject({ on_hand: 13, reserved: 2, available: 11 });
    const rest = await call('POST', `/api/v1/sales-orders/${so.id}/shipments`, {
      lines: [{ line_id: so.lines[0].id, quantity: 2 }],
    });
    expect(rest.json().lines[0]).toMatchObject({ reserved_quantity: 0 });
    expect(await reservations()).toEqual([['consumed', 2]]);
    expect(await stockOf(p.id)).toMatchObject({ on_hand: 11, reserved: 0, available: 11 });
  });

  it('short lines: 409 listing them and nothing reserved, or backorder when allowed', async () => {
    const a = await createProduct(t.app, admin);
    const b = await createProduct(t.app, admin);
    await receive(t.app, worker.token, a.id, wh.id, 10);
    await receive(t.app, worker.token, b.id, wh.id, 2);
    const so = await order([
      { product_id: a.id, quantity: 4, unit_price: 1 },
      { product_id: b.id, quantity: 5, unit_price: 1 },
    ]);
    const refused = await call('POST', `/api/v1/sales-orders/${so.id}/confirm`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().short_lines).toEqual([
      { line_id: so.lines[1]?.id, sku: b.sku, requested: 5, available: 2 },
    ]);
    expect(await stockOf(a.id)).toMatchObject({ reserved: 0 });
    const backorder = await call('POST', `/api/v1/sales-orders/${so.id}/confirm?allow_backorder=true`);
    expect(backorder.statusCode).toBe(200);
    const lines = backorder.json().lines;
    expect(
      lines.map((l: { reserved_quantity: number; backorder_quantity: number }) => [
        l.reserved_quantity,
        l.backorder_quantity,
      ]),
    ).toEqual([
      [4, 0],
      [2, 3],
    ]);
    const cancelled = await call('POST', `/api/v1/sales-orders/${so.id}/cancel`, undefined, manager.api);
    expect(cancelled.json().status).toBe('cancelled');
    expect(await stockOf(b.id)).toMatchObject({ reserved: 0, available: 2 });
    expect(await stockOf(a.id)).toMatchObject({ reserved: 0, available: 10 });
  });

  it('refuses illegal transitions and bad input', async () => {
    const p = await createProduct(t.app, admin);
    const so = await order([{ product_id: p.id, quantity: 1, unit_price: 1 }]);
    expect(
      (
        await call('POST', `/api/v1/sales-orders/${so.id}/shipments`, {
          lines: [{ product_id: p.id, quantity: 1 }],
        })
      ).json().error_code,
    ).toBe('ILLEGAL_STATUS_TRANSITION');
    // In Hungarian, the status and the action are Hungarian words too.
    const hu = await worker.api.post(
      `/api/v1/sales-orders/${so.id}/shipments`,
      { lines: [{ product_id: p.id, quantity: 1 }] },
      { 'accept-language': 'hu' },
    );
    expect(hu.json().detail).toBe(
      'A(z) piszkozat állapotú vevői rendelésen nem hajtható végre: kiszállítás.',
    );
    const en = await call('POST', `/api/v1/sales-orders/${so.id}/shipments`, {
      lines: [{ product_id: p.id, quantity: 1 }],
    });
    expect(en.json().detail).toBe('Cannot ship a sales order that is draft.');
    expect(
      (await call('POST', `/api/v1/sales-orders/${so.id}/close`, undefined, manager.api)).statusCode,
    ).toBe(409);
    expect(
      (
        await call('POST', '/api/v1/sales-orders', {
          customer_code: 'NOPE',
          warehouse_id: wh.id,
          lines: [{ product_id: p.id, quantity: 1, unit_price: 1 }],
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call('POST', '/api/v1/sales-orders', { customer_code: 'DIVAT', warehouse_id: wh.id })).json()
        .error_code,
    ).toBe('ORDER_WITHOUT_LINES');
    expect(
      (
        await call('POST', '/api/v1/sales-orders', {
          customer_code: 'DIVAT',
          warehouse_id: wh.id,
          lines: [{ product_id: p.id, quantity: -1, unit_price: 1 }],
        })
      ).statusCode,
    ).toBe(422);
    const viewer = withApi(t, await createUser(t.app, admin, { role: 'viewer' }));
    expect(
      (await call('POST', `/api/v1/sales-orders/${so.id}/confirm`, undefined, viewer.api)).statusCode,
    ).toBe(403);
    const list = await call('GET', '/api/v1/sales-orders?status=draft&search=divat');
    expect(list.json().items.map((o: { id: string }) => o.id)).toContain(so.id);
  });

  it('ships orders whose lines run in opposite product orders, all at once, without a deadlock', async () => {
    const products = [
      await createProduct(t.app, admin),
      await createProduct(t.app, admin),
      await createProduct(t.app, admin),
    ];
    for (const p of products) await receive(t.app, worker.token, p.id, wh.id, 250);
    const orders = [];
    for (let i = 0; i < 50; i++) {
      const ordered = i % 2 === 0 ? products : [...products].reverse();
      const so = await order(ordered.map((p) => ({ product_id: p.id, quantity: 5, unit_price: 1 })));
      expect((await call('POST', `/api/v1/sales-orders/${so.id}/confirm`)).statusCode).toBe(200);
      orders.push(so);
    }
    const shipped = await Promise.all(
      orders.map((so) =>
        call('POST', `/api/v1/sales-orders/${so.id}/shipments`, {
          lines: so.lines.map((line: { id: string }) => ({ line_id: line.id, quantity: 5 })),
        }),
      ),
    );
    expect(shipped.map((r) => r.statusCode)).toEqual(orders.map(() => 200));
    // Posted in balance order, answered in the order asked.
    const first = shipped[1]?.json().shipment.movements.map((m: { product_id: string }) => m.product_id);
    expect(first).toEqual(orders[1]?.lines.map((line: { product_id: string }) => line.product_id));
    for (const p of products) expect(await stockOf(p.id)).toMatchObject({ on_hand: 0, reserved: 0 });
    expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  });

  it('two orders confirmed at once for the same stock: one wins, the other gets 409', async () => {
    const p = await createProduct(t.app, admin);
    await receive(t.app, worker.token, p.id, wh.id, 5);
    const first = await order([{ product_id: p.id, quantity: 4, unit_price: 1 }]);
    const second = await order([{ product_id: p.id, quantity: 4, unit_price: 1 }]);
    const results = await Promise.all(
      [first, second].map((so) => call('POST', `/api/v1/sales-orders/${so.id}/confirm`)),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await stockOf(p.id)).toMatchObject({ on_hand: 5, reserved: 4, available: 1 });
  });
});
