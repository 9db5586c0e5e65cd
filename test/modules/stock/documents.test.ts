import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, bodyOf } from '../../helpers/api.js';
import { createUser } from '../../helpers/factories.js';
import { type ApiUser, type Fixture, setupApp, withApi } from '../../helpers/setup.js';
import {
  createBin,
  createProduct,
  postStockDocument,
  verifyLedger,
  type Warehouse,
} from '../../helpers/stock.js';

let t: Fixture<['warehouse']>;
let admin: string;
let worker: ApiUser;
let wh: Warehouse;

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse'], warehouse: 'DOCS' });
  admin = t.admin.token;
  [worker] = t.users;
  wh = t.warehouse;
});
afterAll(async () => {
  expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  await t.close();
});

const post = (path: string, payload: object, client: Api = worker.api) =>
  client.post(`/api/v1/inventory/${path}`, payload);
const onHand = async (productId: string) =>
  bodyOf(await t.admin.get(`/api/v1/products/${productId}`)).on_hand as number;

describe('multi-line stock documents', () => {
  it('a receipt posts every line under one posting id, creating lots', async () => {
    const plain = await createProduct(t.app, admin);
    const tracked = await createProduct(t.app, admin, { tracking: 'lot' });
    const res = await post('receipts', {
      warehouse_id: wh.id,
      reference_number: 'SZL-1',
      lines: [
        { product_id: plain.id, quantity: 10, unit_cost: 5 },
        { product_id: tracked.id, quantity: 4, lot_number: 'R-LOT', expiry_date: '2030-01-01' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.movements).toHaveLength(2);
    expect(new Set(body.movements.map((m: { posting_id: string }) => m.posting_id))).toEqual(
      new Set([body.posting_id]),
    );
    expect(await onHand(plain.id)).toBe(10);
    const lots = await t.admin.get(`/api/v1/products/${tracked.id}/lots`);
    expect(lots.json().items[0]).toMatchObject({ lot_number: 'R-LOT', expiry_date: '2030-01-01' });
    const listed = await t.admin.get(`/api/v1/stock-movements?product_id=${tracked.id}&cursor=first`);
    expect(listed.json().items).toMatchObject([
      { sku: tracked.sku, lot_number: 'R-LOT', expiry_date: '2030-01-01', warehouse_code: wh.code },
    ]);
  });

  it('is all or nothing: a failing line leaves nothing behind', async () => {
    const a = await createProduct(t.app, admin);
    const tracked = await createProduct(t.app, admin, { tracking: 'lot' });
    const receipt = await post('receipts', {
      warehouse_id: wh.id,
      lines: [
        { product_id: a.id, quantity: 3 },
        { product_id: tracked.id, quantity: 1 },
      ],
    });
    expect(receipt.statusCode).toBe(422);
    expect(receipt.json().error_code).toBe('LOT_REQUIRED');
    expect(await onHand(a.id)).toBe(0);

    await postStockDocument(worker.api, 'receipts', {
      warehouse_id: wh.id,
      lines: [{ product_id: a.id, quantity: 5 }],
    });
    const b = await createProduct(t.app, admin);
    const issue = await post('issues', {
      warehouse_id: wh.id,
      lines: [
        { product_id: a.id, quantity: 2 },
        { product_id: b.id, quantity: 1 },
      ],
    });
    expect(issue.statusCode).toBe(409);
    expect(issue.json()).toMatchObject({ error_code: 'INSUFFICIENT_STOCK', available: 0 });
    expect(await onHand(a.id)).toBe(5);
    const { rows } = await t.database.executeSql(
      'select count(*)::int as n from stock_movements where product_id = $1',
      [a.id],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('names the refused line by its place in the body, whatever order the lines post in', async () => {
    // Created first, so it posts first: the refused line is the body's first, posted second.
    const early = await createProduct(t.app, admin);
    const late = await createProduct(t.app, admin, { tracking: 'lot' });
    const fieldsOf = (res: { json: () => { errors?: { field: string; message: string }[] } }) =>
      res.json().errors?.map((e) => e.field);
    const receipt = await post('receipts', {
      warehouse_id: wh.id,
      lines: [
        { product_id: late.id, quantity: 1 },
        { product_id: early.id, quantity: 2 },
      ],
    });
    expect(receipt.statusCode).toBe(422);
    expect(receipt.json().error_code).toBe('LOT_REQUIRED');
    expect(fieldsOf(receipt)).toEqual(['lines.0.lot_number']);
    expect(receipt.json().errors[0].message).toBe(receipt.json().detail);

    await postStockDocument(worker.api, 'receipts', {
      warehouse_id: wh.id,
      lines: [{ product_id: early.id, quantity: 5 }],
    });
    const short = await worker.api.post(
      '/api/v1/inventory/issues',
      {
        warehouse_id: wh.id,
        lines: [
          { product_id: late.id, quantity: 1 },
          { product_id: early.id, quantity: 9 },
        ],
      },
      { 'accept-language': 'hu' },
    );
    expect(short.statusCode).toBe(409);
    expect(short.json()).toMatchObject({ error_code: 'INSUFFICIENT_STOCK' });
    expect(fieldsOf(short)).toEqual(['lines.1.quantity']);
    expect(short.json().errors[0].message).toBe(short.json().detail);
    const precise = await post('adjustments', {
      warehouse_id: wh.id,
      reason_code: 'damage',
      lines: [
        { product_id: early.id, quantity: -1 },
        { product_id: early.id, quantity: 1.5, bin_id: wh.default_bin_id },
      ],
    });
    expect(precise.json().error_code).toBe('QUANTITY_TOO_PRECISE');
    expect(fieldsOf(precise)).toEqual(['lines.1.quantity']);
    const count = await post('counts', {
      warehouse_id: wh.id,
      lines: [
        { product_id: early.id, counted_quantity: 5 },
        { product_id: early.id, counted_quantity: 1, bin_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e99' },
      ],
    });
    expect(count.json().error_code).toBe('BIN_NOT_FOUND');
    expect(fieldsOf(count)).toEqual(['lines.1.bin_id']);
    expect(await onHand(early.id)).toBe(5);
  });

  it('an issue document allocates FEFO and needs at least one line', async () => {
    const p = await createProduct(t.app, admin);
    await postStockDocument(worker.api, 'receipts', {
      warehouse_id: wh.id,
      lines: [{ product_id: p.id, quantity: 8 }],
    });
    const res = await post('issues', {
      warehouse_id: wh.id,
      reference_number: 'KI-1',
      lines: [{ product_id: p.id, quantity: 3 }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().movements[0]).toMatchObject({
      movement_type: 'issue',
      quantity: -3,
      reference_number: 'KI-1',
    });
    expect((await post('issues', { warehouse_id: wh.id, lines: [] })).statusCode).toBe(422);
    expect(
      (await post('issues', { warehouse_id: wh.id, lines: [{ product_id: p.id, quantity: 0 }] })).statusCode,
    ).toBe(422);
  });

  it('adjustments are signed and carry their reason code', async () => {
    const p = await createProduct(t.app, admin);
    const up = await post('adjustments', {
      warehouse_id: wh.id,
      reason_code: 'found',
      lines: [{ product_id: p.id, quantity: 6 }],
    });
    expect(up.json().movements[0]).toMatchObject({
      movement_type: 'adjustment',
      quantity: 6,
      reason: 'found',
    });
    const down = await post('adjustments', {
      warehouse_id: wh.id,
      reason_code: 'damage',
      lines: [{ product_id: p.id, quantity: -2 }],
    });
    expect(down.json().movements[0].quantity).toBe(-2);
    expect(await onHand(p.id)).toBe(4);
    const bad = await post('adjustments', {
      warehouse_id: wh.id,
      reason_code: 'whim',
      lines: [{ product_id: p.id, quantity: 1 }],
    });
    expect(bad.statusCode).toBe(422);
  });

  it('a stock count posts the differences and returns them per line', async () => {
    const p = await createProduct(t.app, admin);
    const bin = await createBin(t.app, admin, wh.id, 'COUNT-1');
    await postStockDocument(worker.api, 'receipts', {
      warehouse_id: wh.id,
      lines: [
        { product_id: p.id, quantity: 10 },
        { product_id: p.id, quantity: 4, bin_id: bin.id },
      ],
    });
    const res = await post('counts', {
      warehouse_id: wh.id,
      reference_number: 'LELTAR-1',
      lines: [
        { product_id: p.id, counted_quantity: 8 },
        { product_id: p.id, bin_id: bin.id, counted_quantity: 4 },
      ],
    });
    expect(res.statusCode).toBe(201);
    const lines = res
      .json()
      .lines.sort((x: { difference: number }, y: { difference: number }) => x.difference - y.difference);
    expect(
      lines.map(
        (l: {
          bin_code: string;
          previous_quantity: number;
          counted_quantity: number;
          difference: number;
        }) => [l.bin_code, l.previous_quantity, l.counted_quantity, l.difference],
      ),
    ).toEqual([
      ['DEFAULT', 10, 8, -2],
      ['COUNT-1', 4, 4, 0],
    ]);
    expect(res.json().movements).toHaveLength(1);
    expect(res.json().movements[0]).toMatchObject({ movement_type: 'count', quantity: -2 });
    expect(await onHand(p.id)).toBe(12);
    const found = await post('counts', {
      warehouse_id: wh.id,
      lines: [{ product_id: p.id, bin_id: bin.id, counted_quantity: 7 }],
    });
    expect(found.json().movements[0].quantity).toBe(3);
    expect(await onHand(p.id)).toBe(15);
  });

  it('viewers cannot post documents', async () => {
    const viewer = withApi(t, await createUser(t.app, admin, { role: 'viewer' }));
    const p = await createProduct(t.app, admin);
    expect(
      (
        await post(
          'receipts',
          { warehouse_id: wh.id, lines: [{ product_id: p.id, quantity: 1 }] },
          viewer.api,
        )
      ).statusCode,
    ).toBe(403);
  });
});
