import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct, databaseNow, receive, verifyLedger } from '../../helpers/stock.js';

let t: Fixture<['warehouse', 'viewer']>;
let worker: ApiUser;
let viewer: ApiUser;

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse', 'viewer'], warehouse: 'PAST' });
  [worker, viewer] = t.users;
});
afterAll(async () => {
  expect((await verifyLedger(t.app, t.admin.token)).ok).toBe(true);
  await t.close();
});

interface PastPage {
  items: { sku: string; product_name: string; bin_code: string; on_hand: number }[];
  total: number;
}

const asOf = async (productId: string, at: string) =>
  bodyOf<PastPage>(
    await viewer.api.get(
      `/api/v1/inventory/balances?product_id=${productId}&as_of=${encodeURIComponent(at)}`,
    ),
  );
const onHand = (page: PastPage) => page.items.reduce((sum, item) => sum + item.on_hand, 0);

/**
 * Writes a ledger row dated `at` with the triggers off, as no posting can (a posting is dated when
 * it begins, and a settled moment lies before every open one): the answer from scratch changes,
 * a remembered page cannot know. `undo` takes it out again.
 */
async function sneakRow(productId: string, at: string, quantity: number) {
  const write = async (statement: string, values: unknown[]) => {
    const client = await t.database.pool.connect();
    try {
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await client.query(statement, values);
      await client.query('commit');
    } finally {
      client.release();
    }
  };
  const id = crypto.randomUUID();
  await write(
    `insert into stock_movements (id, posting_id, movement_type, product_id, warehouse_id, bin_id, quantity, occurred_at)
     values ($1, $1, 'receipt', $2, $3, $4, $5, $6)`,
    [id, productId, t.warehouse.id, t.warehouse.default_bin_id, quantity, at],
  );
  return { undo: () => write('delete from stock_movements where id = $1', [id]) };
}

const snapshot = async () =>
  bodyOf<{ cut_at: string }>(await t.admin.post('/api/v1/inventory/snapshots', {}), 201);

describe('balances as of a settled moment', () => {
  it('are remembered, and read afresh once a product they show is renamed', async () => {
    const product = await createProduct(t.app, t.admin.token, { name: 'Past jam' });
    await receive(t.app, worker.token, product.id, t.warehouse.id, 10);
    const settled = await databaseNow(t.database);
    await databaseNow(t.database);
    const between = await databaseNow(t.database);
    const { cut_at } = await snapshot();
    expect(onHand(await asOf(product.id, settled))).toBe(10);
    // Between the moment and the snapshot after it: the answer from scratch is 10 − 4.
    const sneaked = await sneakRow(product.id, between, 4);
    try {
      expect(between < cut_at).toBe(true);
      expect(onHand(await asOf(product.id, settled))).toBe(10);
      const renamed = await worker.api.patch(`/api/v1/products/${product.id}`, {
        name: 'Old jam',
        version: 1,
      });
      expect(renamed.statusCode).toBe(200);
      const fresh = await asOf(product.id, settled);
      expect(fresh.items.map((i) => [i.product_name, i.on_hand])).toEqual([['Old jam', 6]]);
    } finally {
      await sneaked.undo();
    }
  });

  it('show a bin under its new code at once', async () => {
    const product = await createProduct(t.app, t.admin.token);
    await receive(t.app, worker.token, product.id, t.warehouse.id, 3);
    const settled = await databaseNow(t.database);
    await snapshot();
    expect((await asOf(product.id, settled)).items.map((i) => i.bin_code)).toEqual(['DEFAULT']);
    const bin = bodyOf<{ version: number }>(
      await viewer.api.get(`/api/v1/bins/${t.warehouse.default_bin_id}`),
    );
    const recoded = await t.admin.patch(`/api/v1/bins/${t.warehouse.default_bin_id}`, {
      code: 'MAIN',
      version: bin.version,
    });
    expect(recoded.statusCode).toBe(200);
    expect((await asOf(product.id, settled)).items.map((i) => i.bin_code)).toEqual(['MAIN']);
  });
});

describe('balances as of a moment no snapshot has settled', () => {
  it('are read afresh every time', async () => {
    const product = await createProduct(t.app, t.admin.token);
    await receive(t.app, worker.token, product.id, t.warehouse.id, 2);
    await snapshot();
    const before = await databaseNow(t.database);
    const at = await databaseNow(t.database);
    expect(onHand(await asOf(product.id, at))).toBe(2);
    const sneaked = await sneakRow(product.id, before, 5);
    try {
      expect(onHand(await asOf(product.id, at))).toBe(7);
    } finally {
      await sneaked.undo();
    }
  });
});
