// The daily low-stock check: on hand over all warehouses at or below the reorder point.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StockQueries } from '../../../src/modules/stock/index.js';
import { api, bodyOf } from '../../helpers/api.js';
import { createUser, loginAdmin } from '../../helpers/factories.js';
import { waitForMail } from '../../helpers/smtp.js';
import { createProduct, createWarehouse, receive } from '../../helpers/stock.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { closeMailedApp, mailedApp, mailsTo, runAt, type SmtpServer, subscribe, textOf } from './helpers.js';

let t: TestApp;
let smtp: SmtpServer;
let admin: string;

beforeAll(async () => {
  ({ t, smtp, admin } = await mailedApp());
});
afterAll(() => closeMailedApp(t, smtp));

describe('daily low-stock alert', () => {
  it('raises products at and below the reorder point, not above, summing every warehouse', async () => {
    const [a, b] = [await createWarehouse(t.app, admin), await createWarehouse(t.app, admin)];
    const product = async (reorder: number, stock: [string, number][]) => {
      const p = await createProduct(t.app, admin, { reorder_point: reorder });
      for (const [warehouse, quantity] of stock) await receive(t.app, admin, p.id, warehouse, quantity);
      return p;
    };
    const at = await product(5, [[a.id, 5]]);
    const below = await product(5, [[a.id, 4]]);
    const above = await product(5, [[a.id, 6]]);
    const none = await product(5, []);
    const unset = await product(0, []);
    const split = await product(5, [
      [a.id, 3],
      [b.id, 3],
    ]);
    const user = await createUser(t.app, admin, { role: 'manager', modules: ['inventory'] });
    await subscribe(t, user.token, { kinds: ['low_stock'] });

    await runAt(t, '2026-05-04T06:05:00Z', 'alerts-low-stock');
    const page = bodyOf(await api(t.app, admin).get('/api/v1/alerts?kind=low_stock&page_size=100'));
    const bySku = new Map(
      (page.items as { sku: string; on_hand: number; reorder_point: number; warehouse_id: null }[]).map(
        (alert) => [alert.sku, alert],
      ),
    );
    expect(bySku.get(at.sku)).toMatchObject({ on_hand: 5, reorder_point: 5, warehouse_id: null });
    expect(bySku.get(below.sku)).toMatchObject({ on_hand: 4, reorder_point: 5 });
    expect(bySku.get(none.sku)).toMatchObject({ on_hand: 0, reorder_point: 5 });
    expect(bySku.has(above.sku)).toBe(false);
    expect(bySku.has(unset.sku)).toBe(false);
    expect(bySku.has(split.sku)).toBe(false); // 3 + 3 = 6 over all warehouses

    const text = textOf(await waitForMail(mailsTo(smtp.inbox, user.email), 1));
    expect(text).toContain(`Low stock: ${at.sku} Product ${at.sku}: 5 on hand, reorder point 5`);
    expect(text).toContain(`Low stock: ${below.sku} Product ${below.sku}: 4 on hand, reorder point 5`);
    expect(text).not.toContain(above.sku);
    expect(text).not.toContain(split.sku);

    // Per warehouse, the split product is low in each.
    const queries = new StockQueries(t.database.db);
    const inA = (await queries.lowStock({ warehouseId: a.id })).map((row) => row.sku);
    expect(inA).toContain(split.sku);
    expect(inA).not.toContain(above.sku);

    // Raised once a day: the same day again is nothing new.
    await runAt(t, '2026-05-04T20:00:00Z', 'alerts-low-stock');
    expect(mailsTo(smtp.inbox, user.email)).toHaveLength(1);
    // Run now by an admin (the real clock: another day), the three are raised again, in one mail.
    const now = bodyOf(await api(t.app, admin).post('/api/v1/alerts/run', { kind: 'low_stock' }));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Budapest' }).format(new Date());
    expect(now).toEqual({ kind: 'low_stock', business_day: today, raised: 3, mails: 1 });
    await waitForMail(mailsTo(smtp.inbox, user.email), 2);
  });
});

describe('low-stock alert per warehouse (ALERT_LOW_STOCK_PER_WAREHOUSE)', () => {
  it('counts each warehouse holding the product apart, and mails a warehouse’s subscribers its own', async () => {
    const local = await buildTestApp({ smtpUrl: smtp.url, alertLowStockPerWarehouse: true });
    try {
      const token = (await loginAdmin(local.app)).access_token;
      const [a, b] = [await createWarehouse(local.app, token), await createWarehouse(local.app, token)];
      const split = await createProduct(local.app, token, { reorder_point: 5 });
      await receive(local.app, token, split.id, a.id, 3);
      await receive(local.app, token, split.id, b.id, 8);
      const user = await createUser(local.app, token, { role: 'warehouse', modules: ['inventory'] });
      await subscribe(local, user.token, { kinds: ['low_stock'], warehouse_id: a.id });
      await runAt(local, '2026-05-04T06:05:00Z', 'alerts-low-stock');
      const page = bodyOf(await api(local.app, token).get('/api/v1/alerts?kind=low_stock'));
      expect(
        page.items.map((x: { sku: string; warehouse_code: string; on_hand: number }) => [
          x.sku,
          x.warehouse_code,
          x.on_hand,
        ]),
      ).toEqual([[split.sku, a.code, 3]]);
      const text = textOf(await waitForMail(mailsTo(smtp.inbox, user.email), 1));
      expect(text).toContain(
        `Low stock: ${split.sku} Product ${split.sku} in ${a.code}: 3 on hand, reorder point 5`,
      );
    } finally {
      await local.close();
    }
  });
});
