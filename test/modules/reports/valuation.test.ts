// Valuation at moving average and FIFO, aging and FEFO, against hand-computed figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { column, csvOf, xlsxOf } from '../../helpers/exports.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct, postMovement, postStockDocument, verifyLedger } from '../../helpers/stock.js';

let t: Fixture<['manager', 'warehouse']>;
let manager: ApiUser;
let worker: ApiUser;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse'], warehouse: 'VAL' });
  [manager, worker] = t.users;
});
afterAll(async () => {
  expect((await verifyLedger(t.app, t.admin.token)).ok).toBe(true);
  await t.close();
});

const post = (payload: Record<string, unknown>) => postMovement(t.app, worker.token, t.warehouse.id, payload);

interface ValuationRow {
  group_id: string | null;
  quantity: number;
  value_average: number;
  value_fifo: number;
}

async function warehouseValue(): Promise<ValuationRow | undefined> {
  const report = bodyOf<{ items: ValuationRow[] }>(
    await manager.api.get(`/api/v1/reports/valuation?warehouse_id=${t.warehouse.id}`),
  );
  return report.items.find((row) => row.group_id === t.warehouse.id);
}

describe('valuation', () => {
  it('values stock at moving average and at FIFO, side by side', async () => {
    const product = await createProduct(t.app, t.admin.token);
    await post({ product_id: product.id, movement_type: 'receipt', quantity: 10, unit_cost: 2 });
    await post({ product_id: product.id, movement_type: 'receipt', quantity: 10, unit_cost: 4 });
    await post({ product_id: product.id, movement_type: 'issue', quantity: 15 });
    // 5 left: average (10×2 + 10×4) / 20 = 3 → 15; FIFO: the newest 5 came at 4 → 20.
    expect(await warehouseValue()).toMatchObject({ quantity: 5, value_average: 15, value_fifo: 20 });

    await post({ product_id: product.id, movement_type: 'receipt', quantity: 5, unit_cost: 6 });
    // Average (5×3 + 5×6) / 10 = 4.5 → 45; FIFO: 5 at 6 and 5 at 4 → 50.
    expect(await warehouseValue()).toMatchObject({ quantity: 10, value_average: 45, value_fifo: 50 });

    // Issues never change the average; a receipt without a cost comes in at it.
    await post({ product_id: product.id, movement_type: 'issue', quantity: 4 });
    await post({ product_id: product.id, movement_type: 'return', quantity: 2 });
    // 8 at 4.5 = 36; FIFO: the return (no cost: at the average 4.5) 2 → 9, then 5 at 6 → 30, 1 at 4 → 4.
    expect(await warehouseValue()).toMatchObject({ quantity: 8, value_average: 36, value_fifo: 43 });
  });

  it('values a past moment: its stock, FIFO from what had come in by then', async () => {
    const other = bodyOf<{ id: string }>(
      await t.admin.post('/api/v1/warehouses', { code: 'VAL-PAST', name: 'Past' }),
      201,
    );
    const product = await createProduct(t.app, t.admin.token);
    const postThere = (payload: Record<string, unknown>) =>
      postMovement(t.app, worker.token, other.id, { product_id: product.id, ...payload });
    await postThere({ movement_type: 'receipt', quantity: 4, unit_cost: 5 });
    const then = new Date().toISOString();
    await postThere({ movement_type: 'receipt', quantity: 6, unit_cost: 10 });
    const at = async (moment?: string) =>
      bodyOf<{ items: ValuationRow[] }>(
        await manager.api.get(
          `/api/v1/reports/valuation?warehouse_id=${other.id}${moment ? `&as_of=${encodeURIComponent(moment)}` : ''}`,
        ),
      ).items[0];
    // Now: 10 at the average (4×5 + 6×10) / 10 = 8 → 80; FIFO 20 + 60 = 80.
    expect(await at()).toMatchObject({ quantity: 10, value_average: 80, value_fifo: 80 });
    // Then: 4 on hand, FIFO from the first receipt alone (20); the average is today's (4 × 8).
    expect(await at(then)).toMatchObject({ quantity: 4, value_average: 32, value_fifo: 20 });
  });

  it('groups by category, with uncategorized stock in a row of its own', async () => {
    const category = bodyOf<{ id: string }>(
      await t.admin.post('/api/v1/categories', { name: 'Valued' }),
      201,
    );
    const product = await createProduct(t.app, t.admin.token, { category_id: category.id });
    await post({ product_id: product.id, movement_type: 'receipt', quantity: 3, unit_cost: 7 });
    const report = bodyOf<{ items: (ValuationRow & { group_name: string | null })[]; totals: ValuationRow }>(
      await manager.api.get('/api/v1/reports/valuation?group_by=category'),
    );
    expect(report.items.find((row) => row.group_id === category.id)).toMatchObject({
      group_name: 'Valued',
      quantity: 3,
      value_average: 21,
      value_fifo: 21,
    });
    expect(report.items.some((row) => row.group_id === null)).toBe(true);
    const sum = report.items.reduce((total, row) => total + row.quantity, 0);
    expect(report.totals.quantity).toBe(sum);
  });

  it('keeps the average when stock moves between warehouses', async () => {
    const product = await createProduct(t.app, t.admin.token);
    await post({ product_id: product.id, movement_type: 'receipt', quantity: 4, unit_cost: 10 });
    await post({ product_id: product.id, movement_type: 'transfer_out', quantity: 4 });
    await post({ product_id: product.id, movement_type: 'transfer_in', quantity: 4, unit_cost: 1 });
    const report = bodyOf<{ items: ValuationRow[] }>(
      await manager.api.get(`/api/v1/reports/stock-on-hand?group_by=product&product_id=${product.id}`),
    );
    expect(report.items[0]).toMatchObject({ quantity: 4, value: 40 });
  });
});

describe('moving average under concurrency', () => {
  it('weighs every one of many concurrent costed receipts, in opposite line orders, without a deadlock', async () => {
    // A's receipts each bring a lot of their own, so they share no balance, only the cost row.
    const a = await createProduct(t.app, t.admin.token, { tracking: 'lot' });
    const b = await createProduct(t.app, t.admin.token);
    // Receipts only: whatever order they commit in, the average is Σ quantity × cost / Σ quantity.
    const receipts = Array.from({ length: 40 }, (_, i) => ({
      quantity: 1 + (i % 7),
      cost: 1 + ((i * 13) % 17),
    }));
    const results = await Promise.allSettled(
      receipts.map(({ quantity, cost }, i) => {
        const lines = [
          { product_id: a.id, quantity, unit_cost: cost, lot_number: `C-${i}`, expiry_date: '2030-01-01' },
          { product_id: b.id, quantity, unit_cost: cost + 1 },
        ];
        // Half the documents receive A alone, so they wait on no balance of B's either.
        return postStockDocument(worker.api, 'receipts', {
          warehouse_id: t.warehouse.id,
          lines: i % 4 === 0 ? lines.slice(0, 1) : i % 2 ? lines : lines.reverse(),
        });
      }),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const quantity = receipts.reduce((sum, r) => sum + r.quantity, 0);
    const expectedValue = (extra: number) =>
      receipts.reduce((sum, r, i) => (extra && i % 4 === 0 ? sum : sum + r.quantity * (r.cost + extra)), 0);
    const quantityOfB = receipts.reduce((sum, r, i) => (i % 4 === 0 ? sum : sum + r.quantity), 0);
    const report = bodyOf<{ items: { product_id: string; quantity: number; value: number }[] }>(
      await manager.api.get(`/api/v1/reports/stock-on-hand?group_by=product&page_size=100`),
    );
    const row = (id: string) => report.items.find((item) => item.product_id === id);
    expect(row(a.id)?.quantity).toBe(quantity);
    expect(row(a.id)?.value).toBeCloseTo(expectedValue(0), 2);
    expect(row(b.id)?.quantity).toBe(quantityOfB);
    expect(row(b.id)?.value).toBeCloseTo(expectedValue(1), 2);
  });
});

describe('aging', () => {
  it('puts what is on hand in the bucket of its age, oldest stock issued first', async () => {
    const product = await createProduct(t.app, t.admin.token);
    await post({ product_id: product.id, movement_type: 'receipt', quantity: 12, unit_cost: 1 });
    await post({ product_id: product.id, movement_type: 'issue', quantity: 2 });
    const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const bucketsAt = async (days: number) =>
      bodyOf<{ items: Record<string, number>[]; buckets: string[] }>(
        await manager.api.get(
          `/api/v1/reports/aging?product_id=${product.id}&as_of=${encodeURIComponent(at(days))}`,
        ),
      );
    const now = await bucketsAt(0);
    expect(now.buckets).toEqual(['0_30', '31_90', '91_180', 'over_180']);
    expect(now.items[0]).toMatchObject({ quantity: 10, value: 10, '0_30': 10, '31_90': 0, oldest_days: 0 });
    expect((await bucketsAt(45)).items[0]).toMatchObject({ '0_30': 0, '31_90': 10, oldest_days: 45 });
    expect((await bucketsAt(120)).items[0]).toMatchObject({ '91_180': 10, over_180: 0 });
    expect((await bucketsAt(200)).items[0]).toMatchObject({ '91_180': 0, over_180: 10 });
  });
});

describe('FEFO report', () => {
  it('lists lots by expiry with days to expiry in the business time zone, across the change to summer time', async () => {
    const product = await createProduct(t.app, t.admin.token, { tracking: 'lot' });
    for (const [lot, expiry, quantity] of [
      ['L-LATE', '2027-06-01', 4],
      ['L-DST', '2027-03-29', 6],
    ] as const) {
      await post({
        product_id: product.id,
        movement_type: 'receipt',
        quantity,
        unit_cost: 2,
        lot_number: lot,
        expiry_date: expiry,
      });
    }
    const daysAt = async (asOf: string) => {
      const report = bodyOf<{ items: { lot_number: string; days_to_expiry: number; quantity: number }[] }>(
        await manager.api.get(`/api/v1/reports/fefo?product_id=${product.id}&as_of=${asOf}`),
      );
      return report.items;
    };
    // 2027-03-27T23:30Z is 00:30 on the 28th in Budapest (UTC+1): one day left to the 29th.
    const before = await daysAt('2027-03-27T23:30:00Z');
    expect(before.map((row) => row.lot_number)).toEqual(['L-DST', 'L-LATE']);
    expect(before[0]).toMatchObject({ days_to_expiry: 1, quantity: 6 });
    // 2027-03-28T22:30Z is 00:30 on the 29th (summer time, UTC+2): the day of expiry.
    expect((await daysAt('2027-03-28T22:30:00Z'))[0]).toMatchObject({ days_to_expiry: 0 });

    const within = bodyOf<{ items: unknown[]; total: number }>(
      await manager.api.get(
        `/api/v1/reports/fefo?product_id=${product.id}&as_of=2027-03-27T23:30:00Z&expiring_within_days=30`,
      ),
    );
    expect(within.total).toBe(1);
    const notExpired = bodyOf<{ total: number }>(
      await manager.api.get(
        `/api/v1/reports/fefo?product_id=${product.id}&as_of=2027-04-15T10:00:00Z&include_expired=false`,
      ),
    );
    expect(notExpired.total).toBe(1);
  });
});

describe('reports as files', () => {
  it('answers valuation, FEFO and aging as CSV and XLSX with the same figures, headers in the caller’s language', async () => {
    const product = await createProduct(t.app, t.admin.token, { tracking: 'lot' });
    await post({
      product_id: product.id,
      movement_type: 'receipt',
      quantity: 6,
      unit_cost: 2.5,
      lot_number: 'EXP-1',
      expiry_date: '2031-05-01',
    });
    const csv = csvOf(
      await manager.api.get(
        `/api/v1/reports/fefo?format=csv&product_id=${product.id}&page_size=1`,
        undefined,
        {
          'accept-language': 'hu',
        },
      ),
    );
    expect(csv[0]).toContain('Lejárat');
    expect(csv).toHaveLength(2);
    expect(column(csv, 'Tétel')).toEqual(['EXP-1']);
    expect(column(csv, 'Lejárat')).toEqual(['2031-05-01']);
    expect(column(csv, 'Érték')).toEqual(['15']);

    const json = bodyOf<{ items: { group_id: string; value_fifo: number }[] }>(
      await manager.api.get('/api/v1/reports/valuation'),
    );
    const sheet = await xlsxOf(await manager.api.get('/api/v1/reports/valuation?format=xlsx'));
    expect(sheet[0]).toEqual(['Code', 'Name', 'Quantity', 'Value (moving average)', 'Value (FIFO)']);
    expect(column(sheet, 'Value (FIFO)')).toEqual(json.items.map((row) => row.value_fifo));

    const aging = await xlsxOf(
      await manager.api.get(`/api/v1/reports/aging?format=xlsx&product_id=${product.id}`),
    );
    expect(column(aging, '0–30 days')).toEqual([6]);
    expect((await worker.api.get('/api/v1/reports/valuation?format=csv')).statusCode).toBe(403);
    const bad = await manager.api.get('/api/v1/reports/fefo?format=pdf');
    expect(bad.statusCode).toBe(422);
  });
});
