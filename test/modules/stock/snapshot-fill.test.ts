import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct, receive, verifyLedger } from '../../helpers/stock.js';

let t: Fixture<['warehouse', 'viewer']>;
let worker: ApiUser;
let viewer: ApiUser;

beforeAll(async () => {
  // A busy stretch here is 5 movements (or as many as the snapshot before holds balances).
  t = await setupApp({
    users: ['warehouse', 'viewer'],
    warehouse: 'FILL',
    config: { snapshotEveryMovements: 5 },
  });
  [worker, viewer] = t.users;
});
afterAll(async () => {
  expect((await verifyLedger(t.app, t.admin.token)).ok).toBe(true);
  await t.close();
});

interface Snapshot {
  id: string;
  cut_at: string;
  movements: number;
  balances: number;
  based_on: string | null;
  verified_at: string | null;
}

const fill = () => t.admin.post('/api/v1/inventory/snapshots/fill');

/** One receipt of 1, a few milliseconds after the last: each movement has a moment of its own. */
async function receiveOne(productId: string) {
  await t.database.executeSql('select pg_sleep(0.003)');
  await receive(t.app, worker.token, productId, t.warehouse.id, 1);
}

async function warehouseOnHandAsOf(at: string): Promise<number> {
  const page = bodyOf<{ items: { on_hand: number }[] }>(
    await viewer.api.get(
      `/api/v1/inventory/balances?warehouse_id=${t.warehouse.id}&page_size=100&as_of=${encodeURIComponent(at)}`,
    ),
  );
  return page.items.reduce((sum, item) => sum + item.on_hand, 0);
}

describe('snapshots of a busy ledger', () => {
  it('takes one at every count of movements between snapshots, oldest first, and as_of reads them', async () => {
    const products = [];
    for (let i = 0; i < 7; i++) products.push(await createProduct(t.app, t.admin.token));
    for (const product of products) await receiveOne(product.id);
    // A snapshot of 7 balances: after it, a stretch is busy at 7 movements, not 5.
    const monthly = bodyOf<Snapshot>(await t.admin.post('/api/v1/inventory/snapshots', {}), 201);
    expect(monthly).toMatchObject({ movements: 7, balances: 7 });
    const [first] = products;
    if (!first) throw new Error('no product');
    for (let i = 0; i < 6; i++) await receiveOne(first.id);

    // Before the monthly snapshot: one at the 5th movement. After it: 6 of the 7 due.
    const filled = bodyOf<{ items: Snapshot[] }>(await fill()).items;
    expect(filled).toEqual([expect.objectContaining({ movements: 5, based_on: null })]);
    expect(await warehouseOnHandAsOf(filled[0]?.cut_at as string)).toBe(5);
    expect(new Date(filled[0]?.cut_at as string) < new Date(monthly.cut_at)).toBe(true);

    for (let i = 0; i < 2; i++) await receiveOne(first.id);
    const later = bodyOf<{ items: Snapshot[] }>(await fill()).items;
    expect(later).toEqual([
      expect.objectContaining({ movements: 14, based_on: monthly.id, verified_at: expect.any(String) }),
    ]);
    expect(await warehouseOnHandAsOf(later[0]?.cut_at as string)).toBe(14);
    expect(await warehouseOnHandAsOf(new Date().toISOString())).toBe(15);

    // Nothing more is due: a run takes nothing.
    expect(bodyOf<{ items: Snapshot[] }>(await fill()).items).toEqual([]);
  });

  it('takes a due snapshot once when two runs race', async () => {
    const product = await createProduct(t.app, t.admin.token);
    const before = bodyOf<{ total: number }>(await viewer.api.get('/api/v1/inventory/snapshots')).total;
    // The latest snapshot holds 7 balances; with the one movement after it, 10 make one due.
    for (let i = 0; i < 9; i++) await receiveOne(product.id);
    const runs = await Promise.all([fill(), fill(), fill()]);
    for (const run of runs) expect(run.statusCode, run.body).toBe(200);
    const taken = runs.flatMap((run) => run.json().items as Snapshot[]);
    expect(taken).toHaveLength(1);
    const after = bodyOf<{ total: number }>(await viewer.api.get('/api/v1/inventory/snapshots')).total;
    expect(after).toBe(before + 1);
  });

  it('is what the scheduled job runs', async () => {
    const product = await createProduct(t.app, t.admin.token);
    for (let i = 0; i < 8; i++) await receiveOne(product.id);
    const count = async () =>
      bodyOf<{ total: number }>(await viewer.api.get('/api/v1/inventory/snapshots')).total;
    const before = await count();
    await t.app.scheduler.runNow('stock-snapshot-fill');
    expect(await count()).toBe(before + 1);
    await t.app.scheduler.runNow('stock-snapshot-fill');
    expect(await count()).toBe(before + 1);
  });

  it('is for administrators', async () => {
    expect((await worker.api.post('/api/v1/inventory/snapshots/fill')).statusCode).toBe(403);
    expect((await viewer.api.post('/api/v1/inventory/snapshots/fill')).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/inventory/snapshots/fill' });
    expect(anonymous.statusCode).toBe(401);
  });
});
