// ABC classes and turnover over a period, against hand-computed figures (a database of their own,
// so no other product's consumption counts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct, postMovement, verifyLedger } from '../../helpers/stock.js';

let t: Fixture<['manager', 'warehouse', 'viewer']>;
let manager: ApiUser;
let worker: ApiUser;
let viewer: ApiUser;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse', 'viewer'], warehouse: 'ABC' });
  [manager, worker, viewer] = t.users;
});
afterAll(async () => {
  expect((await verifyLedger(t.app, t.admin.token)).ok).toBe(true);
  await t.close();
});

const post = (payload: Record<string, unknown>) => postMovement(t.app, worker.token, t.warehouse.id, payload);

async function receiveThenIssue(received: number, cost: number, issued: number) {
  const product = await createProduct(t.app, t.admin.token);
  await post({ product_id: product.id, movement_type: 'receipt', quantity: received, unit_cost: cost });
  await post({ product_id: product.id, movement_type: 'issue', quantity: issued });
  return product;
}

describe('ABC classification', () => {
  it('classes products by the value they consumed: A up to 80 %, B up to 95 %, C the rest', async () => {
    const big = await receiveThenIssue(100, 10, 80); // 800
    const middle = await receiveThenIssue(100, 5, 30); // 150
    const small = await receiveThenIssue(10, 5, 10); // 50
    const report = bodyOf<{ items: Record<string, unknown>[]; total: number }>(
      await manager.api.get('/api/v1/reports/abc'),
    );
    expect(report.total).toBe(3);
    expect(report.items).toMatchObject([
      { product_id: big.id, consumed_value: 800, share_percent: 80, cumulative_percent: 80, class: 'A' },
      { product_id: middle.id, consumed_value: 150, share_percent: 15, cumulative_percent: 95, class: 'B' },
      { product_id: small.id, consumed_value: 50, share_percent: 5, cumulative_percent: 100, class: 'C' },
    ]);
    const wider = bodyOf<{ items: { class: string }[] }>(
      await manager.api.get('/api/v1/reports/abc?a_percent=90&b_percent=99'),
    );
    expect(wider.items.map((row) => row.class)).toEqual(['A', 'A', 'B']);
  });

  it('refuses shares in the wrong order and a reversed period, in the caller’s language', async () => {
    const shares = await manager.api.get('/api/v1/reports/abc?a_percent=95&b_percent=80', undefined, {
      'accept-language': 'hu',
    });
    expect(shares.statusCode).toBe(422);
    expect(shares.json()).toMatchObject({ error_code: 'VALIDATION_ERROR' });
    expect(shares.json().errors[0]).toMatchObject({ field: 'a_percent' });
    expect(shares.json().errors[0].message).toContain('kisebbnek');
    const reversed = await manager.api.get(
      '/api/v1/reports/turnover?date_from=2026-05-02&date_to=2026-05-01',
    );
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().errors[0]).toMatchObject({ field: 'date_from' });
    const tooLong = await manager.api.get('/api/v1/reports/abc?date_from=2000-01-01&date_to=2026-01-01');
    expect(tooLong.statusCode).toBe(422);
  });
});

describe('turnover', () => {
  it('is consumption over the average of opening and closing stock, with days of supply', async () => {
    const category = bodyOf<{ id: string }>(
      await t.admin.post('/api/v1/categories', { name: 'Turning' }),
      201,
    );
    const product = await createProduct(t.app, t.admin.token, { category_id: category.id });
    await post({ product_id: product.id, movement_type: 'receipt', quantity: 100, unit_cost: 2 });
    await post({ product_id: product.id, movement_type: 'issue', quantity: 40 });
    await post({ product_id: product.id, movement_type: 'damaged', quantity: 5 });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Budapest' }).format(new Date());
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 9 * 86_400_000).toISOString().slice(0, 10);
    const report = bodyOf<{ items: Record<string, unknown>[]; days: number; total: number }>(
      await manager.api.get(
        `/api/v1/reports/turnover?date_from=${from}&date_to=${today}&category_id=${category.id}`,
      ),
    );
    expect(report.days).toBe(10);
    expect(report.total).toBe(1);
    // Opening 0, closing 55, consumed 40 (a write-off is not consumption): 40 / 27.5 = 1.4545;
    // 40 in 10 days is 4 a day, so 55 last 13.75 days.
    expect(report.items[0]).toMatchObject({
      product_id: product.id,
      opening_quantity: 0,
      closing_quantity: 55,
      consumed_quantity: 40,
      consumed_value: 80,
      turnover: 1.4545,
      days_of_supply: 13.8,
    });
    // A period before any of it: nothing.
    const earlier = bodyOf<{ total: number }>(
      await manager.api.get(
        `/api/v1/reports/turnover?date_from=2020-01-01&date_to=2020-01-31&category_id=${category.id}`,
      ),
    );
    expect(earlier.total).toBe(0);
  });

  it('is for managers: a viewer gets 403, nobody signed in 401', async () => {
    for (const path of ['turnover', 'abc', 'valuation', 'aging', 'reconciliation']) {
      expect((await viewer.api.get(`/api/v1/reports/${path}`)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/reports/${path}` })).statusCode).toBe(401);
    }
  });
});
