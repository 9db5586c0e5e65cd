import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import {
  createBin,
  createProduct,
  databaseNow,
  move,
  postMovement,
  receive,
  verifyLedger,
} from '../../helpers/stock.js';

let t: Fixture<['warehouse', 'viewer']>;
let worker: ApiUser;
let viewer: ApiUser;

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse', 'viewer'], warehouse: 'SNAP' });
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

const snapshot = (body: object = {}) => t.admin.post('/api/v1/inventory/snapshots', body);

async function onHandAsOf(productId: string, at: string): Promise<number> {
  const page = bodyOf<{ items: { on_hand: number }[] }>(
    await viewer.api.get(
      `/api/v1/inventory/balances?product_id=${productId}&warehouse_id=${t.warehouse.id}&as_of=${encodeURIComponent(at)}`,
    ),
  );
  return page.items.reduce((sum, item) => sum + item.on_hand, 0);
}

const issue = (productId: string, quantity: number) =>
  move(t.app, worker.token, {
    product_id: productId,
    warehouse_id: t.warehouse.id,
    movement_type: 'issue',
    quantity,
  });

describe('balance snapshots', () => {
  it('answers as_of from the nearest snapshot plus the ledger since, the same as from the ledger alone', async () => {
    const product = await createProduct(t.app, t.admin.token);
    const beforeAny = await databaseNow(t.database);
    await receive(t.app, worker.token, product.id, t.warehouse.id, 10);
    const afterReceipt = await databaseNow(t.database);
    expect((await issue(product.id, 3)).statusCode).toBe(201);
    const first = bodyOf<Snapshot>(await snapshot(), 201);
    expect(first).toMatchObject({ based_on: null, verified_at: expect.any(String) });
    expect(first.balances).toBeGreaterThanOrEqual(1);
    expect((await issue(product.id, 2)).statusCode).toBe(201);
    const afterSecondIssue = await databaseNow(t.database);
    await receive(t.app, worker.token, product.id, t.warehouse.id, 4);
    const second = bodyOf<Snapshot>(await snapshot(), 201);
    expect(second).toMatchObject({ based_on: first.id, verified_at: expect.any(String) });
    expect(second.movements).toBe(first.movements + 2);
    expect(await onHandAsOf(product.id, beforeAny)).toBe(0);
    expect(await onHandAsOf(product.id, afterReceipt)).toBe(10);
    expect(await onHandAsOf(product.id, first.cut_at)).toBe(7);
    expect(await onHandAsOf(product.id, afterSecondIssue)).toBe(5);
    expect(await onHandAsOf(product.id, second.cut_at)).toBe(9);
    expect(await onHandAsOf(product.id, await databaseNow(t.database))).toBe(9);
    // A snapshot between two others is built from the earlier one.
    const between = bodyOf<Snapshot>(await snapshot({ cut_at: afterSecondIssue }), 201);
    expect(between.based_on).toBe(first.id);
    expect(await onHandAsOf(product.id, afterSecondIssue)).toBe(5);
  });

  it('adds the ledger since to the snapshot per bin and lot: a lot emptied since goes, a new one comes', async () => {
    const product = await createProduct(t.app, t.admin.token, { tracking: 'lot' });
    const [shelf, floor] = await Promise.all([
      createBin(t.app, t.admin.token, t.warehouse.id, `S-${product.sku}`),
      createBin(t.app, t.admin.token, t.warehouse.id, `F-${product.sku}`),
    ]);
    const post = (payload: Record<string, unknown>) =>
      postMovement(t.app, worker.token, t.warehouse.id, { product_id: product.id, ...payload });
    await post({ movement_type: 'receipt', quantity: 5, bin_id: shelf.id, lot_number: 'A' });
    await post({ movement_type: 'receipt', quantity: 3, bin_id: floor.id, lot_number: 'B' });
    await post({ movement_type: 'receipt', quantity: 1, bin_id: floor.id, lot_number: 'A' });
    const cut = bodyOf<Snapshot>(await snapshot(), 201).cut_at;
    await post({ movement_type: 'issue', quantity: 5, bin_id: shelf.id, lot_number: 'A' });
    await post({ movement_type: 'receipt', quantity: 1, bin_id: floor.id, lot_number: 'B' });
    await post({ movement_type: 'receipt', quantity: 2, bin_id: shelf.id, lot_number: 'C' });
    const asOf = async (at: string) =>
      bodyOf<{ items: { bin_code: string; lot_number: string; on_hand: number }[]; total: number }>(
        await viewer.api.get(
          `/api/v1/inventory/balances?product_id=${product.id}&as_of=${encodeURIComponent(at)}`,
        ),
      );
    const summary = (page: Awaited<ReturnType<typeof asOf>>) =>
      page.items.map((i) => `${i.bin_code.slice(0, 1)} ${i.lot_number} ${i.on_hand}`).sort();
    expect(summary(await asOf(cut))).toEqual(['F A 1', 'F B 3', 'S A 5']);
    const now = await asOf(await databaseNow(t.database));
    expect(summary(now)).toEqual(['F A 1', 'F B 4', 'S C 2']);
    expect(now.total).toBe(3);
  });

  it('answers a moment nearer a later snapshot from it, less the ledger between', async () => {
    const product = await createProduct(t.app, t.admin.token, { tracking: 'lot' });
    const post = (payload: Record<string, unknown>) =>
      postMovement(t.app, worker.token, t.warehouse.id, { product_id: product.id, ...payload });
    await post({ movement_type: 'receipt', quantity: 5, lot_number: 'A' });
    bodyOf<Snapshot>(await snapshot(), 201);
    await post({ movement_type: 'receipt', quantity: 3, lot_number: 'B' });
    // The moment lies a second after the earlier snapshot and moments before the later one.
    await t.database.executeSql('select pg_sleep(1)');
    const at = await databaseNow(t.database);
    await post({ movement_type: 'issue', quantity: 5, lot_number: 'A' });
    await post({ movement_type: 'receipt', quantity: 2, lot_number: 'C' });
    bodyOf<Snapshot>(await snapshot(), 201);
    const page = bodyOf<{ items: { lot_number: string; on_hand: number }[]; total: number }>(
      await viewer.api.get(
        `/api/v1/inventory/balances?product_id=${product.id}&as_of=${encodeURIComponent(at)}`,
      ),
    );
    // Lot A, emptied after the moment, is back; lot C, received after it, is not yet.
    expect(page.items.map((i) => `${i.lot_number} ${i.on_hand}`).sort()).toEqual(['A 5', 'B 3']);
    expect(page.total).toBe(2);
    // Reports read the same moment the same way.
    const report = bodyOf<{ total_quantity: number }>(
      await viewer.api.get(
        `/api/v1/reports/stock-on-hand?product_id=${product.id}&group_by=lot&as_of=${encodeURIComponent(at)}`,
      ),
    );
    expect(report.total_quantity).toBe(8);
  });

  it('pages as_of balances in the order of today’s list: SKU, bin code, then lot expiry', async () => {
    const product = await createProduct(t.app, t.admin.token, { tracking: 'lot' });
    const other = await createProduct(t.app, t.admin.token);
    const [upper, lower] = await Promise.all([
      createBin(t.app, t.admin.token, t.warehouse.id, `U-${product.sku}`),
      createBin(t.app, t.admin.token, t.warehouse.id, `L-${product.sku}`),
    ]);
    const post = (payload: Record<string, unknown>) =>
      postMovement(t.app, worker.token, t.warehouse.id, { movement_type: 'receipt', ...payload });
    // Lots received latest-expiry first, in two bins, either side of a snapshot.
    await post({
      product_id: product.id,
      quantity: 2,
      bin_id: upper.id,
      lot_number: 'L3',
      expiry_date: '2031-03-01',
    });
    await post({
      product_id: product.id,
      quantity: 2,
      bin_id: upper.id,
      lot_number: 'L1',
      expiry_date: '2031-01-01',
    });
    await post({ product_id: other.id, quantity: 4, bin_id: lower.id });
    bodyOf<Snapshot>(await snapshot(), 201);
    await post({
      product_id: product.id,
      quantity: 2,
      bin_id: upper.id,
      lot_number: 'L2',
      expiry_date: '2031-02-01',
    });
    await post({
      product_id: product.id,
      quantity: 1,
      bin_id: lower.id,
      lot_number: 'L2',
      expiry_date: '2031-02-01',
    });
    await post({ product_id: other.id, quantity: 1, bin_id: upper.id });
    const at = await databaseNow(t.database);
    type Page = {
      items: {
        product_id: string;
        bin_id: string;
        lot_number: string | null;
        on_hand: number;
      }[];
      total: number;
    };
    const pages = async (query: string) => {
      const read: Page['items'] = [];
      let total = -1;
      for (let page = 1; page <= 40; page++) {
        const body = bodyOf<Page>(
          await viewer.api.get(
            `/api/v1/inventory/balances?warehouse_id=${t.warehouse.id}&page_size=2&page=${page}${query}`,
          ),
        );
        total = body.total;
        if (body.items.length === 0) break;
        read.push(...body.items);
      }
      return { total, keys: read.map((i) => `${i.product_id} ${i.bin_id} ${i.lot_number} ${i.on_hand}`) };
    };
    const today = await pages('');
    const then = await pages(`&as_of=${encodeURIComponent(at)}`);
    expect(then.total).toBe(today.total);
    expect(then.keys).toEqual(today.keys);
    // The lot product's rows: its lower bin, then its upper bin's lots by expiry.
    const mine = then.keys.filter((k) => k.startsWith(product.id)).map((k) => k.split(' ').slice(1, 3));
    expect(mine).toEqual([
      [lower.id, 'L2'],
      [upper.id, 'L1'],
      [upper.id, 'L2'],
      [upper.id, 'L3'],
    ]);
    // A page past the end is empty and keeps the count.
    const past = bodyOf<Page>(
      await viewer.api.get(
        `/api/v1/inventory/balances?warehouse_id=${t.warehouse.id}&page_size=2&page=999&as_of=${encodeURIComponent(at)}`,
      ),
    );
    expect(past).toMatchObject({ items: [], total: today.total });
  });

  it('reads the snapshot, and a full verify finds a snapshot that no longer matches its ledger', async () => {
    const product = await createProduct(t.app, t.admin.token);
    await receive(t.app, worker.token, product.id, t.warehouse.id, 8);
    const taken = bodyOf<Snapshot>(await snapshot(), 201);
    // Only a database superuser can do this: the table refuses changes otherwise.
    await t.database.executeSql(`alter table stock_snapshot_balances disable trigger user;
      update stock_snapshot_balances set on_hand = 80 where snapshot_id = '${taken.id}' and product_id = '${product.id}';
      alter table stock_snapshot_balances enable trigger user`);
    expect(await onHandAsOf(product.id, await databaseNow(t.database))).toBe(80);
    const full = bodyOf<{ ok: boolean; snapshot_checked: { ok: boolean } }>(
      await t.admin.get('/api/v1/inventory/verify'),
    );
    expect(full).toMatchObject({
      ok: false,
      mismatches: [],
      snapshot_checked: { cut_at: taken.cut_at, ok: false },
    });
    await t.database.executeSql(`alter table stock_snapshot_balances disable trigger user;
      update stock_snapshot_balances set on_hand = 8 where snapshot_id = '${taken.id}' and product_id = '${product.id}';
      alter table stock_snapshot_balances enable trigger user`);
    expect(bodyOf<{ ok: boolean }>(await t.admin.get('/api/v1/inventory/verify')).ok).toBe(true);
  });

  it('verifies incrementally from the latest verified snapshot, and finds a balance that drifted', async () => {
    const product = await createProduct(t.app, t.admin.token);
    await receive(t.app, worker.token, product.id, t.warehouse.id, 6);
    const taken = bodyOf<Snapshot>(await snapshot(), 201);
    await receive(t.app, worker.token, product.id, t.warehouse.id, 1);
    const clean = bodyOf<{ ok: boolean; mode: string; since: string }>(
      await t.admin.get('/api/v1/inventory/verify?mode=incremental'),
    );
    expect(clean).toMatchObject({ ok: true, mode: 'incremental', since: taken.cut_at });
    await t.database.executeSql('update stock_balances set on_hand = on_hand + 1 where product_id = $1', [
      product.id,
    ]);
    const drifted = bodyOf<{ ok: boolean; mismatches: { product_id: string }[] }>(
      await t.admin.get('/api/v1/inventory/verify?mode=incremental'),
    );
    expect(drifted.ok).toBe(false);
    expect(drifted.mismatches).toEqual([
      expect.objectContaining({ product_id: product.id, balance_on_hand: 8, ledger_on_hand: 7 }),
    ]);
    await t.database.executeSql('update stock_balances set on_hand = on_hand - 1 where product_id = $1', [
      product.id,
    ]);
    expect(bodyOf<{ ok: boolean }>(await t.admin.get('/api/v1/inventory/verify?mode=incremental')).ok).toBe(
      true,
    );
  });

  it.each([
    ['', {}],
    [', also inside a keyed request', { 'idempotency-key': 'snapshot-wait' }],
  ])('waits for a posting begun before the cut, then takes it in%s', async (_, headers) => {
    const holder = await t.database.pool.connect();
    let committed = false;
    try {
      await holder.query('begin');
      await holder.query('select 1');
      await databaseNow(t.database); // the cut comes at least a millisecond after this transaction began
      let settled = false;
      const pending = t.admin.post('/api/v1/inventory/snapshots', {}, headers).then((res) => {
        settled = true;
        return res;
      });
      // While a transaction older than the cut is open, the snapshot does not finish.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled, settled ? (await pending).body : 'still waiting').toBe(false);
      await holder.query('commit');
      committed = true;
      expect((await pending).statusCode).toBe(201);
    } finally {
      if (!committed) await holder.query('rollback');
      holder.release();
    }
  });

  it('refuses a cut in the future, a cut taken twice, and a malformed one; nothing is written', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const ahead = await snapshot({ cut_at: future });
    expect(ahead.statusCode).toBe(422);
    expect(ahead.json().error_code).toBe('SNAPSHOT_CUT_IN_FUTURE');
    const cut = await databaseNow(t.database);
    const taken = await snapshot({ cut_at: cut });
    expect(taken.statusCode, taken.body).toBe(201);
    const twice = await snapshot({ cut_at: cut });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error_code).toBe('SNAPSHOT_EXISTS');
    const hu = await t.admin.post(
      '/api/v1/inventory/snapshots',
      { cut_at: cut },
      { 'accept-language': 'hu' },
    );
    expect(hu.json().detail).toMatch(/^Már van pillanatkép/);
    expect((await snapshot({ cut_at: 'yesterday' })).statusCode).toBe(422);
    const { rows } = await t.database.executeSql(
      'select count(*)::int as n from stock_snapshots where cut_at > now()',
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('is for administrators to take and for readers of inventory to list', async () => {
    expect((await worker.api.post('/api/v1/inventory/snapshots', {})).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/inventory/snapshots' })).statusCode).toBe(401);
    const list = bodyOf<{ items: Snapshot[]; total: number }>(
      await viewer.api.get('/api/v1/inventory/snapshots'),
    );
    expect(list.total).toBeGreaterThan(0);
    const cuts = list.items.map((s) => s.cut_at);
    expect(cuts).toEqual([...cuts].sort().reverse());
  });

  it('is append-only: the database refuses changing or removing one, bar recording a verification', async () => {
    const { id } = bodyOf<Snapshot>(await snapshot(), 201);
    for (const statement of [
      `update stock_snapshots set balances = 0 where id = '${id}'`,
      `delete from stock_snapshots where id = '${id}'`,
      `update stock_snapshot_balances set on_hand = 0 where snapshot_id = '${id}'`,
      `delete from stock_snapshot_balances where snapshot_id = '${id}'`,
      'truncate stock_snapshot_balances',
    ]) {
      await expect(t.database.executeSql(statement), statement).rejects.toThrow(/append-only/);
    }
    await t.database.executeSql(`update stock_snapshots set verified_at = now() where id = '${id}'`);
  });

  it('takes the monthly snapshot at the start of the month, once', async () => {
    await t.app.scheduler.runNow('stock-snapshot-monthly');
    await t.app.scheduler.runNow('stock-snapshot-monthly');
    const { rows } = await t.database.executeSql(
      `select count(*)::int as n from stock_snapshots
       where cut_at = date_trunc('month', now() at time zone 'Europe/Budapest') at time zone 'Europe/Budapest'`,
    );
    expect(rows[0]?.n).toBe(1);
  });
});
