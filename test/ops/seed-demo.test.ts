import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoState } from '../../src/demo/demo-state.js';
import { DEMO_EXTENSIONS } from '../../src/demo/extensions.js';
import { DemoNotEmptyError, type DemoSummary, seedDemo } from '../../src/demo/seed-demo.js';
import { type Api, api } from '../helpers/api.js';
import { loginAdmin } from '../helpers/factories.js';
import { verifyLedger } from '../helpers/stock.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: Api;
let summary: DemoSummary;
let extensionSaw: { products: number; warehouses: string[] } | undefined;

beforeAll(async () => {
  t = await buildTestApp();
  const { access_token } = await loginAdmin(t.app);
  admin = api(t.app, access_token);
  summary = await seedDemo(t.app, access_token, {
    extensions: [
      ...DEMO_EXTENSIONS,
      {
        name: 'sample',
        load: async (state: DemoState) => {
          extensionSaw = {
            products: state.data.products.length,
            warehouses: state.data.warehouses.map((w) => w.code),
          };
        },
      },
    ],
  });
}, 300_000);
afterAll(async () => t?.close());

async function total(url: string): Promise<number> {
  const res = await admin.get(`/api/v1${url}${url.includes('?') ? '&' : '?'}page_size=1`);
  expect(res.statusCode).toBe(200);
  return res.json().total as number;
}

describe('the demo site', { timeout: 120_000 }, () => {
  it('has two warehouses with bins, 200 products in ten categories, suppliers and customers', async () => {
    expect(summary).toMatchObject({ warehouses: 2, bins: 86, products: 200, suppliers: 8, customers: 12 });
    // Besides them, the dispatch demo's tray store and its two tray products, and the biofloc
    // demo's feed, molasses and harvested fish.
    expect(await total('/warehouses')).toBe(3);
    expect(await total('/products')).toBe(205);
    const categories = (await admin.get('/api/v1/categories')).json();
    expect(Array.isArray(categories) ? categories.length : categories.total).toBe(10);
    expect(await total('/suppliers')).toBe(8);
    expect(await total('/customers')).toBe(12);
  });

  it('has lot-tracked products with lots expired, expiring within a month, and far off', async () => {
    const { rows } = await t.database.executeSql(`
      select count(*) filter (where l.expiry_date < current_date)::int as past,
             count(*) filter (where l.expiry_date between current_date and current_date + 30)::int as near,
             count(*) filter (where l.expiry_date > current_date + 90)::int as far,
             count(distinct p.id)::int as tracked
        from lots l join products p on p.id = l.product_id
        where p.tracking = 'lot' and p.sku not like 'FISH-%'`);
    const row = rows[0] as { past: number; near: number; far: number; tracked: number };
    expect(row.tracked).toBe(100);
    expect(row.past).toBeGreaterThanOrEqual(15);
    expect(row.near).toBeGreaterThanOrEqual(15);
    expect(row.far).toBeGreaterThanOrEqual(50);
  });

  it('has thirteen weeks of receipts, issues, transfers and counts, all in the ledger, which verifies', async () => {
    expect(summary).toMatchObject({ issues: 26, counts: 3, transfers: 6 });
    for (const type of [
      'receipt',
      'issue',
      'transfer_out',
      'transfer_in',
      'count',
      'production_consume',
      'production_output',
    ]) {
      expect(await total(`/stock-movements?movement_type=${type}`), type).toBeGreaterThan(0);
    }
    const verify = await verifyLedger(t.app, admin.token as string);
    expect(verify.ok).toBe(true);
    expect(verify.balances_checked).toBeGreaterThan(300);
  });

  it('has purchase, sales and work orders both open and closed, dated across those weeks', async () => {
    for (const status of ['draft', 'submitted', 'approved', 'partially_received', 'received', 'closed']) {
      expect(await total(`/purchase-orders?status=${status}`), status).toBeGreaterThan(0);
    }
    for (const status of ['draft', 'confirmed', 'partially_shipped', 'shipped', 'closed', 'cancelled']) {
      expect(await total(`/sales-orders?status=${status}`), status).toBeGreaterThan(0);
    }
    for (const status of ['planned', 'released', 'in_progress', 'completed']) {
      expect(await total(`/work-orders?status=${status}`), status).toBeGreaterThan(0);
    }
    expect(await total('/stock-transfers?status=pending')).toBe(1);
    expect(await total('/stock-transfers?status=completed')).toBe(5);
    const { rows } = await t.database.executeSql(
      'select (max(po_date) - min(po_date))::int as span from purchase_orders',
    );
    expect((rows[0] as { span: number }).span).toBeGreaterThanOrEqual(80);
  });

  it('runs the extensions after the core site, with its warehouses and products', () => {
    expect(extensionSaw).toEqual({ products: 200, warehouses: ['BUD', 'DEB'] });
    expect(summary.extensions).toEqual(['dispatch', 'biofloc', 'sample']);
  });

  it('has a biofloc farm: tanks, batches fed and tested for weeks, one harvested into stock, an alert', async () => {
    const tanks = (await admin.get('/api/v1/biofloc/tanks?page_size=50')).json().items as {
      status: string;
    }[];
    expect(tanks).toHaveLength(6);
    const batches = (await admin.get('/api/v1/biofloc/batches?page_size=50')).json().items as {
      batch_code: string;
      status: string;
      total_feed_kg: number;
    }[];
    expect(Object.fromEntries(batches.map((b) => [b.batch_code, b.status]))).toEqual({
      'TIL-01': 'harvested',
      'TIL-02': 'active',
      'VAN-01': 'active',
      'PAN-01': 'active',
    });
    // Three tanks hold a batch; the harvested batch's tank is free again.
    expect(tanks.filter((tank) => tank.status === 'in_use')).toHaveLength(3);
    expect(batches.every((b) => b.total_feed_kg > 0)).toBe(true);
    expect(await total('/biofloc/feeding')).toBe(4 * 13);
    const fish = (await admin.get('/api/v1/products?search=FISH-TILAPIA')).json().items as { id: string }[];
    const stock = (await admin.get(`/api/v1/inventory/balances?product_id=${fish[0]?.id}`)).json();
    expect(stock.items.reduce((sum: number, b: { on_hand: number }) => sum + b.on_hand, 0)).toBeGreaterThan(
      0,
    );
    expect(await total('/alerts?kind=water_quality')).toBe(1);
  });

  it('has core-tray dispatches: returned, one short with damaged trays, some out, with samples', async () => {
    const dispatches = (await admin.get('/api/v1/dispatches?limit=100')).json().items as {
      status: string;
      hq_boxes: number;
      returned_hq: number;
    }[];
    expect(dispatches).toHaveLength(14);
    const by = (status: string) => dispatches.filter((d) => d.status === status);
    expect(by('returned').length).toBeGreaterThan(5);
    expect(by('partially_returned')).toHaveLength(1);
    expect(by('outstanding').length).toBeGreaterThan(0);
    const inventory = (await admin.get('/api/v1/dispatch/inventory')).json();
    const out = (type: 'returned' | 'outstanding' | 'partially_returned') =>
      by(type).reduce((sum, d) => sum + d.hq_boxes - d.returned_hq, 0);
    // The base stays 200; what is out is what the dispatches have not brought back, and the
    // short return's trays came back damaged, into quarantine.
    expect(out('returned')).toBe(0);
    expect(out('partially_returned')).toBe(1);
    expect(inventory.base.hq).toBe(200);
    expect(inventory.outstanding.hq).toBe(out('outstanding') + 1);
    expect(inventory.quarantined.hq).toBe(by('partially_returned')[0]?.returned_hq);
    expect(await total('/samples')).toBeGreaterThanOrEqual(28);
  });

  it('refuses a database that holds data, and changes nothing', async () => {
    const before = await total('/stock-movements');
    await expect(seedDemo(t.app, admin.token as string)).rejects.toBeInstanceOf(DemoNotEmptyError);
    expect(await total('/stock-movements')).toBe(before);
  });
});
