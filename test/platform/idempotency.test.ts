import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, loginAdmin, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: string;
let worker: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await loginAdmin(t.app)).access_token;
  worker = await createUser(t.app, admin, { role: 'warehouse' });
});
afterAll(() => t.close());

const post = (payload: object, key: string | undefined, token = worker.token) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/products',
    payload,
    headers: { ...bearer(token), ...(key === undefined ? {} : { 'idempotency-key': key }) },
  });

async function countSku(sku: string): Promise<number> {
  const { rows } = await t.database.executeSql('select count(*)::int as n from products where sku = $1', [
    sku,
  ]);
  return Number(rows[0]?.n);
}

describe('Idempotency-Key on POST', () => {
  it('a retry returns the first response and creates nothing more', async () => {
    const body = { sku: 'IDEM-1', name: 'Once' };
    const first = await post(body, 'key-1');
    expect(first.statusCode).toBe(201);
    const retry = await post(body, 'key-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await countSku('IDEM-1')).toBe(1);
  });

  it('replays an error response too, without running the request again', async () => {
    const body = { sku: 'IDEM-1', name: 'Duplicate' };
    const first = await post(body, 'key-2');
    expect(first.statusCode).toBe(409);
    const retry = await post(body, 'key-2');
    expect(retry.statusCode).toBe(409);
    expect(retry.json().request_id).toBe(first.json().request_id);
  });

  it('a retry with the body keys in another order, or a trailing slash, is the same request', async () => {
    const first = await post({ sku: 'IDEM-ORDER', name: 'Ordered', unit_price: 2.5 }, 'key-order');
    expect(first.statusCode).toBe(201);
    const reordered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products/',
      payload: { unit_price: 2.5, name: 'Ordered', sku: 'IDEM-ORDER' },
      headers: { ...bearer(worker.token), 'idempotency-key': 'key-order' },
    });
    expect(reordered.statusCode).toBe(201);
    expect(reordered.headers['idempotent-replayed']).toBe('true');
    expect(reordered.json().id).toBe(first.json().id);
    expect(await countSku('IDEM-ORDER')).toBe(1);
  });

  it('the same key with a different body is 422 and changes nothing', async () => {
    const res = await post({ sku: 'IDEM-OTHER', name: 'Other' }, 'key-1');
    expect(res.statusCode).toBe(422);
    expect(res.json().error_code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countSku('IDEM-OTHER')).toBe(0);
  });

  it('keys belong to the caller: another user may use the same key', async () => {
    const res = await post({ sku: 'IDEM-ADMIN', name: 'Admin' }, 'key-1', admin);
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key', async () => {
    const res = await post({ sku: 'IDEM-X', name: 'X' }, 'x'.repeat(300));
    expect(res.statusCode).toBe(422);
    expect(await countSku('IDEM-X')).toBe(0);
  });

  it('without a key, each POST runs', async () => {
    expect((await post({ sku: 'IDEM-N', name: 'N' }, undefined)).statusCode).toBe(201);
    expect((await post({ sku: 'IDEM-N', name: 'N' }, undefined)).statusCode).toBe(409);
  });

  it('expired keys are purged by the scheduled job', async () => {
    await t.database.executeSql(
      "update idempotency_keys set expires_at = now() - interval '1 minute' where key = 'key-2'",
      [],
    );
    await t.app.scheduler.runNow('purge-idempotency-keys');
    const { rows } = await t.database.executeSql("select key from idempotency_keys where key = 'key-2'", []);
    expect(rows).toEqual([]);
  });

  it('concurrent retries with one key create exactly once and all get the same answer', async () => {
    const body = { sku: 'IDEM-RACE', name: 'Race' };
    const results = await Promise.all(Array.from({ length: 10 }, () => post(body, 'race-key')));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await countSku('IDEM-RACE')).toBe(1);
  });
});
