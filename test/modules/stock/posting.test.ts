import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Method } from '../../helpers/api.js';
import { type Fixture, setupApp } from '../../helpers/setup.js';
import {
  createBin,
  createProduct,
  createWarehouse,
  move,
  receive,
  verifyLedger,
  type Warehouse,
} from '../../helpers/stock.js';

let t: Fixture;
let admin: string;
let wh: Warehouse;

beforeAll(async () => {
  t = await setupApp({ warehouse: 'POST1' });
  admin = t.admin.token;
  wh = t.warehouse;
});
afterAll(async () => {
  expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  await t.close();
});

function call(method: Method, url: string, payload?: unknown, headers = {}) {
  return t.admin.request(method, url, payload, headers);
}

async function ledgerCount(productIds: string[]): Promise<number> {
  const { rows } = await t.database.executeSql(
    'select count(*)::int as n from stock_movements where product_id = any($1::uuid[])',
    [productIds],
  );
  return Number(rows[0]?.n);
}

describe('the one posting API under load', () => {
  it('every kind of refusal beside successes, all at once: each answered alone, refusals post nothing', async () => {
    const plain = await createProduct(t.app, admin);
    const lotted = await createProduct(t.app, admin, { tracking: 'lot' });
    const other = await createProduct(t.app, admin, { tracking: 'lot' });
    const gone = await createProduct(t.app, admin);
    const otherWh = await createWarehouse(t.app, admin);
    const foreignBin = await createBin(t.app, admin, otherWh.id, 'FOREIGN');
    await receive(t.app, admin, plain.id, wh.id, 10);
    const otherLot = (
      await move(t.app, admin, {
        product_id: other.id,
        warehouse_id: wh.id,
        movement_type: 'receipt',
        quantity: 1,
        lot_number: 'OTHER-1',
      })
    ).json().lot_id as string;
    expect((await call('DELETE', `/api/v1/products/${gone.id}`)).statusCode).toBeLessThan(300);
    const before = await ledgerCount([plain.id, lotted.id, other.id, gone.id]);
    const base = { warehouse_id: wh.id };
    const cases: [Record<string, unknown>, number, string | null][] = [
      [{ ...base, product_id: plain.id, movement_type: 'receipt', quantity: 5 }, 201, null],
      [{ ...base, product_id: plain.id, movement_type: 'issue', quantity: 3 }, 201, null],
      [{ ...base, product_id: plain.id, movement_type: 'issue', quantity: 1000 }, 409, 'INSUFFICIENT_STOCK'],
      [{ ...base, product_id: plain.id, movement_type: 'issue', quantity: 1.5 }, 422, 'QUANTITY_TOO_PRECISE'],
      [
        {
          ...base,
          product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e20',
          movement_type: 'receipt',
          quantity: 1,
        },
        404,
        'PRODUCT_NOT_FOUND',
      ],
      [{ ...base, product_id: gone.id, movement_type: 'receipt', quantity: 1 }, 409, 'PRODUCT_INACTIVE'],
      [{ ...base, product_id: lotted.id, movement_type: 'receipt', quantity: 1 }, 422, 'LOT_REQUIRED'],
      [
        { ...base, product_id: lotted.id, movement_type: 'issue', quantity: 1, lot_number: 'NOPE' },
        404,
        'LOT_NOT_FOUND',
      ],
      [
        { ...base, product_id: lotted.id, movement_type: 'issue', quantity: 1, lot_id: otherLot },
        422,
        'LOT_NOT_OF_PRODUCT',
      ],
      [
        { ...base, product_id: plain.id, movement_type: 'receipt', quantity: 1, lot_number: 'X' },
        409,
        'PRODUCT_NOT_LOT_TRACKED',
      ],
      [
        { ...base, product_id: plain.id, movement_type: 'receipt', quantity: 1, bin_id: foreignBin.id },
        404,
        'BIN_NOT_FOUND',
      ],
      [
        {
          product_id: plain.id,
          warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e21',
          movement_type: 'receipt',
          quantity: 1,
        },
        404,
        'WAREHOUSE_NOT_FOUND',
      ],
      [
        { ...base, product_id: lotted.id, movement_type: 'receipt', quantity: 2, lot_number: 'NEW-1' },
        201,
        null,
      ],
    ];
    const responses = await Promise.all(cases.map(([payload]) => move(t.app, admin, payload)));
    responses.forEach((res, i) => {
      const [, status, code] = cases[i] as (typeof cases)[number];
      expect(res.statusCode, res.body).toBe(status);
      if (code) expect(res.json().error_code).toBe(code);
    });
    // Exactly the three successes wrote ledger rows.
    expect(await ledgerCount([plain.id, lotted.id, other.id, gone.id])).toBe(before + 3);
  });

  it('concurrent issues on different products: each takes its own, a short one is refused alone', async () => {
    const products = [];
    for (let i = 0; i < 10; i++) {
      const p = await createProduct(t.app, admin);
      await receive(t.app, admin, p.id, wh.id, 5);
      products.push(p);
    }
    const results = await Promise.all(
      products.map((p, i) =>
        move(t.app, admin, {
          product_id: p.id,
          warehouse_id: wh.id,
          movement_type: 'issue',
          quantity: i === 3 ? 6 : 5,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(products.map((_, i) => (i === 3 ? 409 : 201)));
    expect(results[3]?.json()).toMatchObject({ error_code: 'INSUFFICIENT_STOCK', available: 5 });
    for (const [i, p] of products.entries()) {
      const stock = (await call('GET', `/api/v1/products/${p.id}`)).json().stock;
      expect(stock.on_hand).toBe(i === 3 ? 5 : 0);
    }
  });

  it('50 receipts and 50 transfers whose lines run in opposite orders, all at once: no deadlock', async () => {
    const dst = await createWarehouse(t.app, admin);
    const products = [await createProduct(t.app, admin), await createProduct(t.app, admin)];
    for (const p of products) await receive(t.app, admin, p.id, wh.id, 500);
    const transfers = [];
    for (let i = 0; i < 50; i++) {
      const ordered = i % 2 === 0 ? products : [...products].reverse();
      const res = await call('POST', '/api/v1/stock-transfers', {
        from_warehouse_id: wh.id,
        to_warehouse_id: dst.id,
        lines: ordered.map((p) => ({ product_id: p.id, quantity: 2 })),
      });
      expect(res.statusCode, res.body).toBe(201);
      transfers.push(res.json().id as string);
    }
    const receipts = Array.from({ length: 50 }, (_, i) => {
      const ordered = i % 2 === 0 ? products : [...products].reverse();
      return call('POST', '/api/v1/inventory/receipts', {
        warehouse_id: wh.id,
        lines: ordered.map((p) => ({ product_id: p.id, quantity: 1 })),
      });
    });
    const completes = transfers.map((id) => call('PUT', `/api/v1/stock-transfers/${id}/complete`));
    const results = await Promise.all([...receipts, ...completes]);
    expect(results.map((r) => r.statusCode)).toEqual([
      ...receipts.map(() => 201),
      ...completes.map(() => 200),
    ]);
    for (const p of products) {
      const stock = (await call('GET', `/api/v1/products/${p.id}`)).json().stock;
      expect(stock).toMatchObject({ on_hand: 550, reserved: 0 });
    }
    expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  });

  it('an idempotent retry racing its original posts once and answers both alike', async () => {
    const p = await createProduct(t.app, admin);
    const payload = { product_id: p.id, warehouse_id: wh.id, movement_type: 'receipt', quantity: 2 };
    const keys = Array.from({ length: 20 }, (_, i) => `race-${p.id}-${i}`);
    const results = await Promise.all(
      keys.flatMap((key) => [
        move(t.app, admin, payload, { 'idempotency-key': key }),
        move(t.app, admin, payload, { 'idempotency-key': key }),
      ]),
    );
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 201));
    for (let i = 0; i < keys.length; i++) {
      const [a, b] = [results[2 * i], results[2 * i + 1]];
      expect(a?.json().id).toBe(b?.json().id);
      const replays = [a, b].filter((r) => r?.headers['idempotent-replayed'] === 'true');
      expect(replays).toHaveLength(1);
    }
    expect(await ledgerCount([p.id])).toBe(keys.length);
    // The same key with another body is refused, and posts nothing.
    const other = await move(
      t.app,
      admin,
      { ...payload, quantity: 3 },
      { 'idempotency-key': keys[0] as string },
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().error_code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await ledgerCount([p.id])).toBe(keys.length);
  });

  it('a refused request frees its key: the retry runs again once stock is there', async () => {
    const p = await createProduct(t.app, admin);
    const issue = { product_id: p.id, warehouse_id: wh.id, movement_type: 'issue', quantity: 4 };
    const first = await move(t.app, admin, issue, { 'idempotency-key': `short-${p.id}` });
    expect(first.statusCode).toBe(409);
    await receive(t.app, admin, p.id, wh.id, 4);
    const retry = await move(t.app, admin, issue, { 'idempotency-key': `short-${p.id}` });
    expect(retry.statusCode).toBe(201);
    const again = await move(t.app, admin, issue, { 'idempotency-key': `short-${p.id}` });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await ledgerCount([p.id])).toBe(2);
  });

  it('a 1,000-line receipt and a 500-line count each post in one call', async () => {
    const products: { id: string }[] = [];
    for (let i = 0; i < 4; i++) products.push(await createProduct(t.app, admin, { tracking: 'lot' }));
    // Every line a lot of its own: 1,000 new lots and balances.
    const lines = Array.from({ length: 1000 }, (_, i) => ({
      product_id: products[i % 4]?.id,
      quantity: 1,
      lot_number: `BIG-${i}`,
      expiry_date: '2031-01-01',
    }));
    const res = await call('POST', '/api/v1/inventory/receipts', { warehouse_id: wh.id, lines });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().movements).toHaveLength(1000);
    expect(await ledgerCount(products.map((p) => p.id))).toBe(1000);

    // A 500-line count of those lots: every difference in one posting.
    const count = await call('POST', '/api/v1/inventory/counts', {
      warehouse_id: wh.id,
      lines: lines.slice(0, 500).map((line, i) => ({
        product_id: line.product_id,
        lot_number: line.lot_number,
        counted_quantity: i % 2 === 0 ? 3 : 1,
      })),
    });
    expect(count.statusCode, count.body).toBe(201);
    expect(count.json().lines).toHaveLength(500);
    expect(count.json().movements).toHaveLength(250);
    expect(new Set(count.json().movements.map((m: { posting_id: string }) => m.posting_id)).size).toBe(1);
    expect(await ledgerCount(products.map((p) => p.id))).toBe(1250);
  });
});
