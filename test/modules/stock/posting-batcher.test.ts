import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostingBatcher } from '../../../src/modules/stock/posting-batcher.js';
import { type PostedMovement, StockService } from '../../../src/modules/stock/stock.service.js';
import type { RequestCtx } from '../../../src/platform/request-ctx.js';
import { loginAdmin } from '../../helpers/factories.js';
import { createProduct, createWarehouse, receive, verifyLedger } from '../../helpers/stock.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let admin: string;
let batcher: PostingBatcher;
const render = (posted: PostedMovement) => ({ status: 201, type: 'application/json', body: posted.quantity });
const ctx: RequestCtx = {
  actor: null,
  ip: '127.0.0.1',
  userAgent: null,
  requestId: 'batch-test',
  locale: 'en',
};

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await loginAdmin(t.app)).access_token;
  const db = t.database.db;
  const stock = new StockService(db, 'Europe/Budapest');
  // One batch at a time, so everything submitted together shares a transaction.
  batcher = new PostingBatcher(db, stock, { maxBatch: 64, maxConcurrent: 1 });
});
afterAll(async () => {
  expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  await t.close();
});

describe('group commit of single movements', () => {
  it('postings submitted together each get their own result, refusals included', async () => {
    const wh = await createWarehouse(t.app, admin);
    const p = await createProduct(t.app, admin);
    await receive(t.app, admin, p.id, wh.id, 3);
    const issue = (quantity: number) =>
      batcher.submit(
        ctx,
        { movementType: 'issue', productId: p.id, warehouseId: wh.id, quantity },
        null,
        render,
      );
    const results = await Promise.allSettled([issue(2), issue(2), issue(1)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.code).toBe('INSUFFICIENT_STOCK');
    const { rows } = await t.database.executeSql(
      'select count(*)::int as n from stock_movements where product_id = $1',
      [p.id],
    );
    expect(rows[0]?.n).toBe(3);
  });

  it('a database error in one posting does not fail the others: the batch is retried one by one', async () => {
    const wh = await createWarehouse(t.app, admin);
    const p = await createProduct(t.app, admin);
    const receipt = (productId: string) =>
      batcher.submit(
        ctx,
        { movementType: 'receipt', productId, warehouseId: wh.id, quantity: 1 },
        null,
        render,
      );
    // A malformed id fails inside PostgreSQL, aborting the shared transaction.
    const results = await Promise.allSettled([receipt(p.id), receipt('not-a-uuid'), receipt(p.id)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const { rows } = await t.database.executeSql(
      'select coalesce(sum(on_hand), 0)::int as n from stock_balances where product_id = $1',
      [p.id],
    );
    expect(rows[0]?.n).toBe(2);
  });
});
