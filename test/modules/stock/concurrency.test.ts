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

describe('stock under concurrency', () => {
  let t: Fixture<['warehouse']>;
  let admin: string;
  let worker: ApiUser;
  let wh: Warehouse;

  beforeAll(async () => {
    t = await setupApp({ users: ['warehouse'], warehouse: 'CONC' });
    admin = t.admin.token;
    [worker] = t.users;
    wh = t.warehouse;
  });
  afterAll(() => t.close());

  async function onHand(productId: string): Promise<number> {
    const { rows } = await t.database.executeSql(
      'select coalesce(sum(on_hand), 0)::float8 as n from stock_balances where product_id = $1',
      [productId],
    );
    return Number(rows[0]?.n);
  }

  it('100 concurrent issues of 1 against 60: exactly 60 succeed, 40 get 409, the balance ends at 0', async () => {
    const product = await createProduct(t.app, admin);
    await receive(t.app, worker.token, product.id, wh.id, 60);
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        move(t.app, worker.token, {
          product_id: product.id,
          warehouse_id: wh.id,
          movement_type: 'issue',
          quantity: 1,
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(60);
    expect(codes.filter((c) => c === 409)).toHaveLength(40);
    expect(await onHand(product.id)).toBe(0);
    expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  });

  it('concurrent issues spread over lots and bins never take more than there is', async () => {
    const product = await createProduct(t.app, admin, { tracking: 'lot' });
    for (const [i, lot] of ['A', 'B', 'C', 'D'].entries()) {
      const bin = await createBin(t.app, admin, wh.id, `CB-${lot}`);
      await move(t.app, worker.token, {
        product_id: product.id,
        warehouse_id: wh.id,
        bin_id: bin.id,
        lot_number: lot,
        expiry_date: `2030-0${i + 1}-01`,
        movement_type: 'receipt',
        quantity: 10,
      });
    }
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        move(t.app, worker.token, {
          product_id: product.id,
          warehouse_id: wh.id,
          movement_type: 'issue',
          quantity: 3,
        }),
      ),
    );
    const ok = results.filter((r) => r.statusCode === 201).length;
    expect(ok).toBe(13); // 13 × 3 = 39 of 40
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(17);
    expect(await onHand(product.id)).toBe(1);
    expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  });

  it('concurrent receipts and issues on one balance keep the ledger and balance equal', async () => {
    const product = await createProduct(t.app, admin);
    await receive(t.app, worker.token, product.id, wh.id, 10);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        move(t.app, worker.token, {
          product_id: product.id,
          warehouse_id: wh.id,
          movement_type: i % 2 ? 'issue' : 'receipt',
          quantity: 2,
        }),
      ),
    );
    const issued = results.filter((r, i) => i % 2 === 1 && r.statusCode === 201).length;
    expect(results.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);
    expect(await onHand(product.id)).toBe(10 + 30 * 2 - issued * 2);
    expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  });

  it('concurrent transfers and issues on the same stock never double-spend', async () => {
    const product = await createProduct(t.app, admin);
    const other = await createWarehouse(t.app, admin, 'CONC-DST');
    await receive(t.app, worker.token, product.id, wh.id, 20);
    const requests = Array.from({ length: 20 }, (_, i) =>
      i % 2
        ? move(t.app, worker.token, {
            product_id: product.id,
            warehouse_id: wh.id,
            movement_type: 'issue',
            quantity: 2,
          })
        : worker.api.post('/api/v1/stock-transfers', {
            product_id: product.id,
            quantity: 2,
            from_warehouse_id: wh.id,
            to_warehouse_id: other.id,
          }),
    );
    const results = await Promise.all(requests);
    const granted = results.filter((r) => r.statusCode === 201).length;
    expect(granted).toBe(10);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(10);
    const transfers = results
      .filter((r, i) => i % 2 === 0 && r.statusCode === 201)
      .map((r) => r.json().id as string);
    const completed = await Promise.all(
      transfers.map((id) => worker.api.put(`/api/v1/stock-transfers/${id}/complete`)),
    );
    expect(completed.every((r) => r.statusCode === 200)).toBe(true);
    expect(await onHand(product.id)).toBe(20 - 2 * (granted - transfers.length));
    expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  });

  it('concurrent retries with one Idempotency-Key post once', async () => {
    const product = await createProduct(t.app, admin);
    const body = { product_id: product.id, warehouse_id: wh.id, movement_type: 'receipt', quantity: 5 };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => move(t.app, worker.token, body, { 'idempotency-key': 'receipt-once' })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await onHand(product.id)).toBe(5);
  });
});
