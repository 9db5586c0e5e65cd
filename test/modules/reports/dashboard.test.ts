// The dashboard, low stock, reconciliation and stock on hand; every report's total against the
// ledger's; access and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { csvOf, xlsxOf } from '../../helpers/exports.js';
import { createUser } from '../../helpers/factories.js';
import { createPurchaseOrder, createSupplier } from '../../helpers/orders.js';
import { type ApiUser, type Fixture, setupApp, withApi } from '../../helpers/setup.js';
import { createProduct, createWarehouse, postMovement, verifyLedger } from '../../helpers/stock.js';

let t: Fixture<['manager', 'warehouse', 'viewer']>;
let manager: ApiUser;
let worker: ApiUser;
let viewer: ApiUser;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse', 'viewer'], warehouse: 'DASH' });
  [manager, worker, viewer] = t.users;
});
afterAll(async () => {
  expect((await verifyLedger(t.app, t.admin.token)).ok).toBe(true);
  await t.close();
});

const post = (payload: Record<string, unknown>) => postMovement(t.app, worker.token, t.warehouse.id, payload);

type Dashboard = Record<string, number> & {
  warehouses: { warehouse_id: string; stock_value: number; quantity: number; distinct_skus: number }[];
  units: { unit: string; quantity: number }[];
};

const dashboard = async (query = '') =>
  bodyOf<Dashboard>(await viewer.api.get(`/api/v1/reports/dashboard${query}`));

describe('dashboard', () => {
  it('counts stock, value, expiring lots, open orders and today’s movements, and sees every posting at once', async () => {
    const before = await dashboard();
    expect(before).toMatchObject({
      stock_value: 0,
      distinct_skus: 0,
      receipts_today: 0,
      total_items: 0,
      pending_pos: 0,
    });

    const plain = await createProduct(t.app, t.admin.token, { reorder_point: 50, unit_price: 9 });
    await post({ product_id: plain.id, movement_type: 'receipt', quantity: 20, unit_cost: 3 });
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const tracked = await createProduct(t.app, t.admin.token, { tracking: 'lot' });
    await post({
      product_id: tracked.id,
      movement_type: 'receipt',
      quantity: 5,
      unit_cost: 2,
      lot_number: 'S',
      expiry_date: soon,
    });
    await post({
      product_id: tracked.id,
      movement_type: 'receipt',
      quantity: 5,
      unit_cost: 2,
      lot_number: 'L',
      expiry_date: later,
    });
    await post({ product_id: plain.id, movement_type: 'issue', quantity: 4 });
    const supplier = await createSupplier(t.admin);
    await createPurchaseOrder(t.admin, {
      supplier_id: supplier.id,
      lines: [{ product_id: plain.id, quantity: 1, unit_price: 1 }],
    });

    const after = await dashboard();
    // 16 at 3 + 10 at 2.
    expect(after).toMatchObject({
      stock_value: 68,
      total_stock_value: 68,
      distinct_skus: 2,
      total_items: 2,
      low_stock_count: 1,
      low_stock_items: 1,
      expiring_7_days: 1,
      expiring_30_days: 2,
      expiring_soon_items: 2,
      expired_lots: 0,
      open_purchase_orders: 1,
      pending_pos: 1,
      receipts_today: 3,
      received_quantity_today: 30,
      issues_today: 1,
      issued_quantity_today: 4,
    });
    expect(after.units).toEqual([{ unit: 'pcs', quantity: 26 }]);
    expect(after.warehouses.find((w) => w.warehouse_id === t.warehouse.id)).toMatchObject({
      stock_value: 68,
      quantity: 26,
      distinct_skus: 2,
    });
    // Seed 001's path answers the same.
    expect(bodyOf<Dashboard>(await viewer.api.get('/api/v1/dashboard')).stock_value).toBe(68);

    // A posting on the cached dashboard shows on the next read.
    await post({ product_id: plain.id, movement_type: 'issue', quantity: 6 });
    expect((await dashboard()).stock_value).toBe(50);
    // Many readers at once after a posting share one computation and all see it.
    await post({ product_id: plain.id, movement_type: 'issue', quantity: 1 });
    const readers = await Promise.all(Array.from({ length: 20 }, () => dashboard()));
    expect(new Set(readers.map((d) => d.stock_value))).toEqual(new Set([47]));
    const other = await createWarehouse(t.app, t.admin.token, 'DASH2');
    expect((await dashboard(`?warehouse_id=${other.id}`)).stock_value).toBe(0);

    // As a file: the breakdown, a row per warehouse (9 at 3 + 10 at 2 here, nothing in DASH2).
    const file = csvOf(
      await viewer.api.get('/api/v1/reports/dashboard?format=csv', undefined, { 'accept-language': 'hu' }),
    );
    expect(file[0]).toEqual([
      'Raktár',
      'Raktár neve',
      'Készletérték',
      'Készleten lévő cikkek',
      'Mennyiség',
      'Alacsony készlet',
      '7 napon belül lejáró tételek',
      '30 napon belül lejáró tételek',
      'Lejárt tételek készleten',
    ]);
    const byCode = Object.fromEntries(file.slice(1).map((row) => [row[0], row.slice(2)]));
    expect(byCode.DASH).toEqual(['47', '2', '19', '1', '1', '2', '0']);
    expect(byCode.DASH2).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    const one = await xlsxOf(await viewer.api.get(`/api/v1/dashboard?format=xlsx&warehouse_id=${other.id}`));
    expect(one).toEqual([
      (file[0] ?? []).map(() => expect.any(String)),
      ['DASH2', expect.any(String), 0, 0, 0, 0, 0, 0, 0],
    ]);
  });
});

describe('dashboard cache', () => {
  it('shows a change that began before the dashboard was cached and committed after it', async () => {
    const product = await createProduct(t.app, t.admin.token, { reorder_point: 0 });
    await post({ product_id: product.id, movement_type: 'receipt', quantity: 10 });
    const lowBefore = (await dashboard()).low_stock_count;
    // A slow writer: its change is made, not yet committed, while a posting commits and the
    // dashboard is read and cached.
    const slow = await t.database.pool.connect();
    try {
      await slow.query('begin');
      await slow.query('update products set reorder_point = 100 where id = $1', [product.id]);
      await post({ product_id: product.id, movement_type: 'issue', quantity: 1 });
      expect((await dashboard()).low_stock_count).toBe(lowBefore);
      await slow.query('commit');
    } finally {
      slow.release();
    }
    expect((await dashboard()).low_stock_count).toBe((lowBefore ?? 0) + 1);
  });
});

describe('dashboard cache shared through Valkey', () => {
  it('never answers one database with another’s dashboard, on one server and under the same keys', async () => {
    // Another site: its own database on the same server, the same Valkey and key prefix.
    const other = await setupApp({ warehouse: 'SITE', config: { valkeyPrefix: t.config.valkeyPrefix } });
    try {
      for (const _ of [1, 2]) {
        const product = await createProduct(t.app, t.admin.token, {});
        await post({ product_id: product.id, movement_type: 'receipt', quantity: 3 });
      }
      const theirProduct = await createProduct(other.app, other.admin.token, {});
      await postMovement(other.app, other.admin.token, other.warehouse.id, {
        product_id: theirProduct.id,
        movement_type: 'receipt',
        quantity: 7,
      });
      const theirs = async () => bodyOf<Dashboard>(await other.admin.get('/api/v1/reports/dashboard'));
      const mine = (await dashboard()).distinct_skus;
      expect(mine).toBeGreaterThanOrEqual(2);
      // Each read right after the other's, while neither database changes.
      for (let round = 0; round < 3; round++) {
        expect((await theirs()).distinct_skus).toBe(1);
        expect((await dashboard()).distinct_skus).toBe(mine);
      }
    } finally {
      await other.close();
    }
  });
});

describe('low stock', () => {
  it('suggests an order from the daily use, less what open purchase orders bring', async () => {
    const product = await createProduct(t.app, t.admin.token, { reorder_point: 10 });
    await post({ product_id: product.id, movement_type: 'receipt', quantity: 34 });
    await post({ product_id: product.id, movement_type: 'issue', quantity: 30 });
    const row = async () => {
      const report = bodyOf<{ items: Record<string, unknown>[] }>(
        await viewer.api.get('/api/v1/reports/low-stock?lookback_days=30&cover_days=30'),
      );
      return report.items.find((item) => item.product_id === product.id);
    };
    // 30 used in 30 days is 1 a day: 30 days of it, back to 10, less the 4 on hand → 36.
    expect(await row()).toMatchObject({
      on_hand: 4,
      average_daily_use: 1,
      days_of_supply: 4,
      on_order: 0,
      suggested_order: 36,
    });
    const supplier = await createSupplier(t.admin);
    const order = await createPurchaseOrder(t.admin, {
      supplier_id: supplier.id,
      lines: [{ product_id: product.id, quantity: 20, unit_price: 1 }],
    });
    expect((await t.admin.post(`/api/v1/purchase-orders/${order.id}/submit`)).statusCode).toBe(200);
    expect(await row()).toMatchObject({ on_order: 20, suggested_order: 16 });
    await post({ product_id: product.id, movement_type: 'receipt', quantity: 10 });
    expect(await row()).toBeUndefined();
  });
});

describe('reconciliation and totals', () => {
  it('finds the ledger, the balances and every order line in agreement', async () => {
    const product = await createProduct(t.app, t.admin.token);
    const supplier = await createSupplier(t.admin);
    const order = await createPurchaseOrder(t.admin, {
      supplier_id: supplier.id,
      lines: [{ product_id: product.id, quantity: 8, unit_price: 5 }],
    });
    await t.admin.post(`/api/v1/purchase-orders/${order.id}/submit`);
    await manager.api.post(`/api/v1/purchase-orders/${order.id}/approve`);
    const received = await t.admin.post(`/api/v1/purchase-orders/${order.id}/receipts`, {
      warehouse_id: t.warehouse.id,
      lines: [{ line_id: order.lines[0]?.id, quantity: 3 }],
    });
    expect(received.statusCode, received.body).toBe(200);
    const report = bodyOf<{
      ok: boolean;
      warehouses: { difference: number }[];
      documents: { items: Record<string, unknown>[] };
      mismatched_documents: number;
    }>(await manager.api.get('/api/v1/reports/reconciliation'));
    expect(report.ok).toBe(true);
    expect(report.mismatched_documents).toBe(0);
    expect(report.warehouses.every((w) => w.difference === 0)).toBe(true);
    expect(report.documents.items.find((d) => d.document_id === order.id)).toMatchObject({
      ordered_quantity: 8,
      document_quantity: 3,
      ledger_quantity: 3,
      matches: true,
    });
    const mismatched = bodyOf<{ documents: { total: number } }>(
      await manager.api.get('/api/v1/reports/reconciliation?mismatched_only=true'),
    );
    expect(mismatched.documents.total).toBe(0);
  });

  it('has every report’s total equal to the ledger’s', async () => {
    const history = bodyOf<{ items: { quantity: number }[]; total: number }>(
      await manager.api.get('/api/v1/reports/movement-history?page_size=100'),
    );
    expect(history.total).toBeLessThanOrEqual(100);
    const ledger = history.items.reduce((sum, row) => sum + row.quantity, 0);
    expect(ledger).toBeGreaterThan(0);

    const onHand = bodyOf<{ total_quantity: number; items: { quantity: number }[] }>(
      await manager.api.get('/api/v1/reports/stock-on-hand?group_by=lot&page_size=100'),
    );
    expect(onHand.total_quantity).toBe(ledger);
    expect(onHand.items.reduce((sum, row) => sum + row.quantity, 0)).toBe(ledger);
    const asOf = bodyOf<{ total_quantity: number }>(
      await manager.api.get(
        `/api/v1/reports/stock-on-hand?as_of=${encodeURIComponent(new Date().toISOString())}`,
      ),
    );
    expect(asOf.total_quantity).toBe(ledger);
    const valuation = bodyOf<{ totals: { quantity: number } }>(
      await manager.api.get('/api/v1/reports/valuation'),
    );
    expect(valuation.totals.quantity).toBe(ledger);
    const aging = bodyOf<{ items: Record<string, number>[] }>(
      await manager.api.get('/api/v1/reports/aging?page_size=100'),
    );
    expect(aging.items.reduce((sum, row) => sum + (row.quantity ?? 0), 0)).toBe(ledger);
    const units = (await dashboard()).units.reduce((sum, row) => sum + row.quantity, 0);
    expect(units).toBe(ledger);
    const reconciliation = bodyOf<{ warehouses: { ledger_quantity: number }[] }>(
      await manager.api.get('/api/v1/reports/reconciliation'),
    );
    expect(reconciliation.warehouses.reduce((sum, w) => sum + w.ledger_quantity, 0)).toBe(ledger);
  });

  it('shows the running balance per product and warehouse in the movement history', async () => {
    const product = await createProduct(t.app, t.admin.token);
    await post({ product_id: product.id, movement_type: 'receipt', quantity: 7 });
    await post({ product_id: product.id, movement_type: 'issue', quantity: 2 });
    await post({ product_id: product.id, movement_type: 'receipt', quantity: 1 });
    const history = bodyOf<{ items: { quantity: number; balance_after: number }[] }>(
      await viewer.api.get(`/api/v1/reports/movement-history?product_id=${product.id}`),
    );
    expect(history.items.map((row) => [row.quantity, row.balance_after])).toEqual([
      [7, 7],
      [-2, 5],
      [1, 6],
    ]);
    const receipts = bodyOf<{ items: { balance_after: number }[] }>(
      await viewer.api.get(`/api/v1/reports/movement-history?product_id=${product.id}&movement_type=receipt`),
    );
    expect(receipts.items.map((row) => row.balance_after)).toEqual([7, 6]);
  });
});

describe('access and bad input', () => {
  it('needs a token, and the reports module for a non-admin', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/reports/dashboard' })).statusCode).toBe(401);
    const outsider = withApi(
      t,
      await createUser(t.app, t.admin.token, { role: 'manager', modules: ['inventory'] }),
    );
    expect((await outsider.api.get('/api/v1/reports/dashboard')).statusCode).toBe(403);
    expect((await outsider.api.get('/api/v1/reports/valuation')).statusCode).toBe(403);
  });

  it('refuses bad filters with a localized 422 and never a 5xx', async () => {
    for (const url of [
      '/api/v1/reports/dashboard?warehouse_id=nope',
      '/api/v1/reports/fefo?expiring_within_days=-1',
      '/api/v1/reports/stock-on-hand?group_by=galaxy',
      '/api/v1/reports/stock-on-hand?as_of=yesterday',
      '/api/v1/reports/movement-history?date_from=2026-02-30',
      '/api/v1/reports/low-stock?lookback_days=0',
      '/api/v1/reports/movement-history?movement_type=%00',
      '/api/v1/reports/valuation?group_by=planet',
    ]) {
      const res = await t.admin.get(url, undefined, { 'accept-language': 'hu' });
      expect(res.statusCode, `${url}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().error_code, url).toBeTruthy();
    }
    const far = await t.admin.get('/api/v1/reports/stock-on-hand?as_of=0001-01-01T00:00:00Z');
    expect(far.statusCode).toBeLessThan(500);
  });
});
