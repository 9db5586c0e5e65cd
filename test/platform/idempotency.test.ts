import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../helpers/api.js';
import { type ApiUser, type Fixture, setupApp } from '../helpers/setup.js';
import { createProduct, receive, verifyLedger } from '../helpers/stock.js';
import { waitFor } from '../helpers/wait.js';

let t: Fixture<['warehouse']>;
let worker: ApiUser;

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse'], warehouse: true });
  [worker] = t.users;
});
afterAll(() => t.close());

// Every test makes its own keys and SKUs, so none depends on what another left behind.
const fresh = (prefix: string) => `${prefix}-${randomUUID()}`;

const post = (payload: object, key: string | undefined, client: Api = worker.api) =>
  client.post('/api/v1/products', payload, key === undefined ? {} : { 'idempotency-key': key });

async function countSku(sku: string): Promise<number> {
  const { rows } = await t.database.executeSql('select count(*)::int as n from products where sku = $1', [
    sku,
  ]);
  return Number(rows[0]?.n);
}

async function onHand(productId: string): Promise<number> {
  const { rows } = await t.database.executeSql(
    'select coalesce(sum(on_hand), 0)::float as n from stock_balances where product_id = $1',
    [productId],
  );
  return Number(rows[0]?.n);
}

async function storedKeys(...keys: string[]): Promise<string[]> {
  const { rows } = await t.database.executeSql(
    'select key from idempotency_keys where key = any($1::text[]) order by key',
    [keys],
  );
  return rows.map((row) => String(row.key));
}

describe('Idempotency-Key on POST', () => {
  it('a retry returns the first response and creates nothing more', async () => {
    const body = { sku: fresh('IDEM'), name: 'Once' };
    const key = fresh('key');
    const first = await post(body, key);
    expect(first.statusCode).toBe(201);
    const retry = await post(body, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await countSku(body.sku)).toBe(1);
  });

  it('a refused request keeps no key: its retry is judged again, and runs once it can', async () => {
    const product = await createProduct(t.app, t.admin.token);
    const issue = { warehouse_id: t.warehouse.id, lines: [{ product_id: product.id, quantity: 5 }] };
    const key = fresh('key');
    const refused = await worker.api.post('/api/v1/inventory/issues', issue, { 'idempotency-key': key });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error_code).toBe('INSUFFICIENT_STOCK');
    expect(await storedKeys(key)).toEqual([]);
    await receive(t.app, t.admin.token, product.id, t.warehouse.id, 5);
    const retry = await worker.api.post('/api/v1/inventory/issues', issue, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    const again = await worker.api.post('/api/v1/inventory/issues', issue, { 'idempotency-key': key });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(retry.json());
    expect(await onHand(product.id)).toBe(0);
  });

  it('concurrent retries of a stock document with one key post it once', async () => {
    const product = await createProduct(t.app, t.admin.token);
    await receive(t.app, t.admin.token, product.id, t.warehouse.id, 5);
    const issue = { warehouse_id: t.warehouse.id, lines: [{ product_id: product.id, quantity: 5 }] };
    const key = fresh('doc-race');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        worker.api.post('/api/v1/inventory/issues', issue, { 'idempotency-key': key }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.json().posting_id)).size).toBe(1);
    expect(await onHand(product.id)).toBe(0);
    expect((await verifyLedger(t.app, t.admin.token)).ok).toBe(true);
  });

  it('a key held by a transaction that never commits is free the moment that transaction ends', async () => {
    // What a crashed process leaves: its claim uncommitted, on a connection that then dies.
    const key = fresh('orphan');
    const holder = await t.database.pool.connect();
    await holder.query('begin');
    await holder.query(
      `insert into idempotency_keys (scope, key, request_hash, state, expires_at)
       values ($1, $2, 'crashed', 'in_progress', now() + interval '1 hour')`,
      [worker.id, key],
    );
    const body = { sku: fresh('IDEM-ORPHAN'), name: 'Orphan' };
    const pending = post(body, key);
    await waitFor(async () => {
      const { rows } = await t.database.executeSql(
        "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
      );
      return Number(rows[0]?.n) > 0;
    }, 'the retry waiting on the held key');
    holder.release(new Error('the holder dies'));
    const res = await pending;
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await countSku(body.sku)).toBe(1);
  });

  it('sign-in ignores the key and stores no token with it', async () => {
    const key = fresh('login');
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login-json',
        headers: { 'idempotency-key': key },
        payload: { username: worker.username, password: worker.password },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(await storedKeys(key)).toEqual([]);
  });

  it('a retry with the body keys in another order, or a trailing slash, is the same request', async () => {
    const sku = fresh('IDEM-ORDER');
    const key = fresh('key');
    const first = await post({ sku, name: 'Ordered', unit_price: 2.5 }, key);
    expect(first.statusCode).toBe(201);
    const reordered = await worker.api.post(
      '/api/v1/products/',
      { unit_price: 2.5, name: 'Ordered', sku },
      { 'idempotency-key': key },
    );
    expect(reordered.statusCode).toBe(201);
    expect(reordered.headers['idempotent-replayed']).toBe('true');
    expect(reordered.json().id).toBe(first.json().id);
    expect(await countSku(sku)).toBe(1);
  });

  it('the same key with a different body is 422 and changes nothing', async () => {
    const key = fresh('key');
    expect((await post({ sku: fresh('IDEM'), name: 'First' }, key)).statusCode).toBe(201);
    const other = { sku: fresh('IDEM-OTHER'), name: 'Other' };
    const res = await post(other, key);
    expect(res.statusCode).toBe(422);
    expect(res.json().error_code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countSku(other.sku)).toBe(0);
  });

  it('keys belong to the caller: another user may use the same key', async () => {
    const key = fresh('key');
    expect((await post({ sku: fresh('IDEM-WORKER'), name: 'Worker' }, key)).statusCode).toBe(201);
    const res = await post({ sku: fresh('IDEM-ADMIN'), name: 'Admin' }, key, t.admin);
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key', async () => {
    const sku = fresh('IDEM-X');
    const res = await post({ sku, name: 'X' }, 'x'.repeat(300));
    expect(res.statusCode).toBe(422);
    expect(await countSku(sku)).toBe(0);
  });

  it('without a key, each POST runs', async () => {
    const body = { sku: fresh('IDEM-N'), name: 'N' };
    expect((await post(body, undefined)).statusCode).toBe(201);
    expect((await post(body, undefined)).statusCode).toBe(409);
  });

  it('expired keys are purged by the scheduled job; live ones stay', async () => {
    const expired = fresh('key-expired');
    const live = fresh('key-live');
    expect((await post({ sku: fresh('IDEM-E'), name: 'E' }, expired)).statusCode).toBe(201);
    expect((await post({ sku: fresh('IDEM-L'), name: 'L' }, live)).statusCode).toBe(201);
    expect(await storedKeys(expired, live)).toEqual([expired, live].sort());
    await t.database.executeSql(
      "update idempotency_keys set expires_at = now() - interval '1 minute' where key = $1",
      [expired],
    );
    await t.app.scheduler.runNow('purge-idempotency-keys');
    expect(await storedKeys(expired, live)).toEqual([live]);
  });

  it('concurrent retries with one key create exactly once and all get the same answer', async () => {
    const body = { sku: fresh('IDEM-RACE'), name: 'Race' };
    const key = fresh('race-key');
    const results = await Promise.all(Array.from({ length: 10 }, () => post(body, key)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await countSku(body.sku)).toBe(1);
  });
});
