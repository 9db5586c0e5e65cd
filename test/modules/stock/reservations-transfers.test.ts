import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Api, bodyOf, type Method } from '../../helpers/api.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import {
  createBin,
  createProduct,
  createWarehouse,
  move,
  verifyLedger,
  type Warehouse,
} from '../../helpers/stock.js';

let t: Fixture<['warehouse']>;
let admin: string;
let worker: ApiUser;
let src: Warehouse;
let dst: Warehouse;

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse'], warehouse: 'SRC' });
  admin = t.admin.token;
  [worker] = t.users;
  src = t.warehouse;
  dst = await createWarehouse(t.app, admin, 'DST');
});
afterAll(async () => {
  vi.useRealTimers();
  expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  await t.close();
});

const call = (method: Method, url: string, payload?: object, client: Api = worker.api) =>
  client.request(method, url, payload);
const stockOf = async (productId: string) => bodyOf(await call('GET', `/api/v1/products/${productId}`)).stock;
const receive = (productId: string, quantity: number, extra: object = {}) =>
  move(t.app, worker.token, {
    product_id: productId,
    warehouse_id: src.id,
    movement_type: 'receipt',
    quantity,
    ...extra,
  });

describe('reservations', () => {
  it('hold stock: available = on hand − reserved, for issues too', async () => {
    const p = await createProduct(t.app, admin);
    await receive(p.id, 10);
    const res = await call('POST', '/api/v1/reservations', {
      product_id: p.id,
      warehouse_id: src.id,
      quantity: 7,
      ttl_minutes: 30,
      reference: 'ORDER-1',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'active',
      quantity: 7,
      reference: 'ORDER-1',
      // Named beside the ids, as the list below shows too.
      sku: p.sku,
      product_name: `Product ${p.sku}`,
      warehouse_code: 'SRC',
      lot_number: null,
      allocations: [{ bin_id: src.default_bin_id, quantity: 7 }],
    });
    expect(await stockOf(p.id)).toMatchObject({ on_hand: 10, reserved: 7, available: 3 });
    // A list shows each reservation as reading it alone does, allocations included.
    const listed = (await call('GET', `/api/v1/reservations?product_id=${p.id}`)).json().items;
    expect(listed).toEqual([(await call('GET', `/api/v1/reservations/${res.json().id}`)).json()]);
    const issue = await move(t.app, worker.token, {
      product_id: p.id,
      warehouse_id: src.id,
      movement_type: 'issue',
      quantity: 4,
    });
    expect(issue.json()).toMatchObject({ error_code: 'INSUFFICIENT_STOCK', available: 3 });
    const more = await call('POST', '/api/v1/reservations', {
      product_id: p.id,
      warehouse_id: src.id,
      quantity: 4,
      reference: 'ORDER-2',
    });
    expect(more.statusCode).toBe(409);

    const released = await call('DELETE', `/api/v1/reservations/${res.json().id}`);
    expect(released.json().status).toBe('released');
    expect(await stockOf(p.id)).toMatchObject({ reserved: 0, available: 10 });
    const twice = await call('DELETE', `/api/v1/reservations/${res.json().id}`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error_code).toBe('RESERVATION_NOT_ACTIVE');
  });

  it('name where they hold stock: bin code, lot and expiry per allocation, in bin-code order', async () => {
    const p = await createProduct(t.app, admin, { tracking: 'lot' });
    const far = await createBin(t.app, admin, src.id, `Z-${p.id.slice(-6)}`);
    const near = await createBin(t.app, admin, src.id, `A-${p.id.slice(-6)}`);
    await receive(p.id, 3, { bin_id: far.id, lot_number: 'RL-EARLY', expiry_date: '2031-01-31' });
    await receive(p.id, 2, { bin_id: near.id, lot_number: 'RL-LATE', expiry_date: '2031-06-30' });
    const res = await call('POST', '/api/v1/reservations', {
      product_id: p.id,
      warehouse_id: src.id,
      quantity: 5,
      reference: 'ORDER-PICK',
    });
    expect(res.statusCode).toBe(201);
    const pick = [
      { bin_id: near.id, bin_code: near.code, lot_number: 'RL-LATE', expiry_date: '2031-06-30', quantity: 2 },
      { bin_id: far.id, bin_code: far.code, lot_number: 'RL-EARLY', expiry_date: '2031-01-31', quantity: 3 },
    ];
    expect(res.json().allocations).toMatchObject(pick);
    const listed = (await call('GET', `/api/v1/reservations?product_id=${p.id}`)).json().items;
    expect(listed[0].allocations).toMatchObject(pick);
    await call('DELETE', `/api/v1/reservations/${res.json().id}`);
    // One lot asked for: the reservation names it.
    const late = res.json().allocations[0].lot_id;
    const one = await call('POST', '/api/v1/reservations', {
      product_id: p.id,
      warehouse_id: src.id,
      lot_id: late,
      quantity: 1,
      reference: 'ORDER-LOT',
    });
    expect(one.json()).toMatchObject({ lot_id: late, lot_number: 'RL-LATE', warehouse_code: 'SRC' });
    await call('DELETE', `/api/v1/reservations/${one.json().id}`);
  });

  it('validates input and lists with filters', async () => {
    const p = await createProduct(t.app, admin);
    const past = await call('POST', '/api/v1/reservations', {
      product_id: p.id,
      warehouse_id: src.id,
      quantity: 1,
      expires_at: '2020-01-01T00:00:00Z',
      reference: 'X',
    });
    expect(past.statusCode).toBe(422);
    expect(
      (
        await call('POST', '/api/v1/reservations', {
          product_id: p.id,
          warehouse_id: src.id,
          quantity: 0,
          reference: 'X',
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (await call('POST', '/api/v1/reservations', { product_id: p.id, warehouse_id: src.id, quantity: 1 }))
        .statusCode,
    ).toBe(422);
    const list = await call('GET', '/api/v1/reservations?status=released');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.every((r: { status: string }) => r.status === 'released')).toBe(true);
    expect((await call('GET', '/api/v1/reservations/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f')).statusCode).toBe(
      404,
    );
  });

  it('the scheduled sweep expires reservations whose time is up, driven by a controlled clock', async () => {
    const p = await createProduct(t.app, admin);
    await receive(p.id, 5);
    const short = (
      await call('POST', '/api/v1/reservations', {
        product_id: p.id,
        warehouse_id: src.id,
        quantity: 2,
        ttl_minutes: 15,
        reference: 'SHORT',
      })
    ).json();
    const long = (
      await call('POST', '/api/v1/reservations', {
        product_id: p.id,
        warehouse_id: src.id,
        quantity: 2,
        ttl_minutes: 60,
        reference: 'LONG',
      })
    ).json();
    await t.app.scheduler.runNow('release-expired-reservations');
    expect((await call('GET', `/api/v1/reservations/${short.id}`)).json().status).toBe('active');

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 16 * 60_000);
    await t.app.scheduler.runNow('release-expired-reservations');
    vi.useRealTimers();

    expect((await call('GET', `/api/v1/reservations/${short.id}`)).json().status).toBe('expired');
    expect((await call('GET', `/api/v1/reservations/${long.id}`)).json().status).toBe('active');
    expect(await stockOf(p.id)).toMatchObject({ on_hand: 5, reserved: 2, available: 3 });
  });
});

describe('stock transfers', () => {
  it('create reserves at the source; complete moves the stock with its lot; numbers are TR-000001…', async () => {
    const p = await createProduct(t.app, admin, { tracking: 'lot' });
    await receive(p.id, 10, { lot_number: 'TL-1', expiry_date: '2031-05-01' });
    const created = await call('POST', '/api/v1/stock-transfers', {
      product_id: p.id,
      from_warehouse_id: src.id,
      to_warehouse_id: dst.id,
      quantity: 6,
      transfer_reference: 'TRANS-001',
    });
    expect(created.statusCode).toBe(201);
    const transfer = created.json();
    expect(transfer).toMatchObject({
      status: 'pending',
      product_id: p.id,
      quantity: 6,
      transfer_reference: 'TRANS-001',
      // Named beside the ids: warehouses, the product, and each line's product and lot.
      from_warehouse_code: 'SRC',
      to_warehouse_code: 'DST',
      from_bin_code: null,
      sku: p.sku,
      product_name: `Product ${p.sku}`,
      // The line names no lot: the reservation chose one (FEFO).
      lines: [{ product_id: p.id, sku: p.sku, lot_id: null, lot_number: null, quantity: 6 }],
    });
    expect(transfer.transfer_number).toMatch(/^TR-\d{6}$/);
    expect(await stockOf(p.id)).toMatchObject({ on_hand: 10, reserved: 6, available: 4 });

    const done = await call('PUT', `/api/v1/stock-transfers/${transfer.id}/complete`);
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('completed');
    const stock = await stockOf(p.id);
    expect(stock).toMatchObject({ on_hand: 10, reserved: 0, available: 10 });
    expect(
      stock.warehouses.map((w: { warehouse_code: string; on_hand: number }) => [w.warehouse_code, w.on_hand]),
    ).toEqual([
      ['DST', 6],
      ['SRC', 4],
    ]);
    const arrived = (
      await call('GET', `/api/v1/inventory/balances?warehouse_id=${dst.id}&product_id=${p.id}`)
    ).json().items[0];
    expect(arrived).toMatchObject({
      lot_number: 'TL-1',
      expiry_date: '2031-05-01',
      bin_id: dst.default_bin_id,
      on_hand: 6,
    });
    const ledger = (
      await call('GET', `/api/v1/stock-movements?reference_number=${transfer.transfer_number}`)
    ).json();
    expect(
      ledger.items
        .map((m: { movement_type: string; quantity: number }) => [m.movement_type, m.quantity])
        .sort(),
    ).toEqual([
      ['transfer_in', 6],
      ['transfer_out', -6],
    ]);

    // A line that names its lot is answered with the lot's number.
    const named = await call('POST', '/api/v1/stock-transfers', {
      from_warehouse_id: dst.id,
      to_warehouse_id: src.id,
      lines: [{ product_id: p.id, lot_id: arrived.lot_id, quantity: 1 }],
    });
    expect(named.statusCode).toBe(201);
    expect(named.json()).toMatchObject({
      from_warehouse_code: 'DST',
      lines: [{ lot_id: arrived.lot_id, lot_number: 'TL-1', product_name: `Product ${p.sku}` }],
    });
    expect((await call('POST', `/api/v1/stock-transfers/${named.json().id}/cancel`)).statusCode).toBe(200);

    // POST is the document-action form; PUT stays as an alias.
    const again = await call('POST', `/api/v1/stock-transfers/${transfer.id}/complete`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error_code).toBe('TRANSFER_NOT_PENDING');
    expect((await call('PUT', `/api/v1/stock-transfers/${transfer.id}/cancel`)).statusCode).toBe(409);
  });

  it('cancel releases the reservation; cancelling twice is 409', async () => {
    const p = await createProduct(t.app, admin);
    await receive(p.id, 5);
    const transfer = (
      await call('POST', '/api/v1/stock-transfers', {
        lines: [{ product_id: p.id, quantity: 5 }],
        from_warehouse_id: src.id,
        to_warehouse_id: dst.id,
      })
    ).json();
    expect(await stockOf(p.id)).toMatchObject({ available: 0 });
    const cancelled = await call('POST', `/api/v1/stock-transfers/${transfer.id}/cancel`);
    expect(cancelled.json().status).toBe('cancelled');
    expect(await stockOf(p.id)).toMatchObject({ on_hand: 5, reserved: 0, available: 5 });
    expect((await call('PUT', `/api/v1/stock-transfers/${transfer.id}/cancel`)).statusCode).toBe(409);
    expect((await call('PUT', `/api/v1/stock-transfers/${transfer.id}/complete`)).statusCode).toBe(409);
  });

  it('moves between two bins of one warehouse, refuses the same location, short stock and bad input', async () => {
    const p = await createProduct(t.app, admin);
    const binA = await createBin(t.app, admin, src.id, 'T-A');
    const binB = await createBin(t.app, admin, src.id, 'T-B');
    await receive(p.id, 3, { bin_id: binA.id });
    const same = await call('POST', '/api/v1/stock-transfers', {
      product_id: p.id,
      quantity: 1,
      from_warehouse_id: src.id,
      to_warehouse_id: src.id,
    });
    expect(same.statusCode).toBe(422);
    expect(same.json().error_code).toBe('SAME_LOCATION');
    const sameBin = await call('POST', '/api/v1/stock-transfers', {
      product_id: p.id,
      quantity: 1,
      from_warehouse_id: src.id,
      to_warehouse_id: src.id,
      from_bin_id: binA.id,
      to_bin_id: binA.id,
    });
    expect(sameBin.statusCode).toBe(422);
    const short = await call('POST', '/api/v1/stock-transfers', {
      product_id: p.id,
      quantity: 4,
      from_warehouse_id: src.id,
      to_warehouse_id: dst.id,
    });
    expect(short.json()).toMatchObject({ error_code: 'INSUFFICIENT_STOCK', available: 3 });
    expect(short.json().errors).toEqual([{ field: 'quantity', message: short.json().detail }]);
    // With lines, the refused one is named by its place in the body (they reserve in product order).
    const later = await createProduct(t.app, admin);
    const shortLine = await call('POST', '/api/v1/stock-transfers', {
      from_warehouse_id: src.id,
      to_warehouse_id: dst.id,
      lines: [
        { product_id: later.id, quantity: 1 },
        { product_id: p.id, quantity: 1 },
      ],
    });
    expect(shortLine.json()).toMatchObject({ error_code: 'INSUFFICIENT_STOCK', available: 0 });
    expect(shortLine.json().errors).toEqual([
      { field: 'lines.0.quantity', message: shortLine.json().detail },
    ]);
    expect(
      (await call('POST', '/api/v1/stock-transfers', { from_warehouse_id: src.id, to_warehouse_id: dst.id }))
        .statusCode,
    ).toBe(422);
    const ok = await call('POST', '/api/v1/stock-transfers', {
      product_id: p.id,
      quantity: 2,
      from_warehouse_id: src.id,
      to_warehouse_id: src.id,
      from_bin_id: binA.id,
      to_bin_id: binB.id,
    });
    expect(ok.statusCode).toBe(201);
    await call('PUT', `/api/v1/stock-transfers/${ok.json().id}/complete`);
    const contents = (await call('GET', `/api/v1/bins/${binB.id}/contents`)).json();
    expect(contents.items[0]).toMatchObject({ product_id: p.id, on_hand: 2 });
    const list = await call('GET', '/api/v1/stock-transfers?status=completed');
    expect(list.json().items.length).toBeGreaterThanOrEqual(2);
    const listed = list.json().items.find((i: { id: string }) => i.id === ok.json().id);
    expect(listed).toMatchObject({
      from_warehouse_code: 'SRC',
      to_warehouse_code: 'SRC',
      from_bin_code: binA.code,
      to_bin_code: binB.code,
      lines: [{ sku: p.sku, lot_number: null }],
    });
    expect(
      (await call('GET', '/api/v1/stock-transfers/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f')).statusCode,
    ).toBe(404);
  });
});
