import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { bearer, createUser, login, loginAdmin, PASSWORD } from '../helpers/factories.js';
import { createProduct, createWarehouse, move, receive, verifyLedger } from '../helpers/stock.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/** Polls until `check` holds (or the time is up), so a loaded machine only makes it slower. */
async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

/**
 * Two instances on one database, each remembering user rows for five minutes: a change made
 * through one must reach the other's memory at once, not when it expires.
 */
describe('two instances', () => {
  let t: TestApp;
  let other: FastifyInstance;
  let admin: string;

  beforeAll(async () => {
    t = await buildTestApp({ principalCacheSeconds: 300 });
    other = await buildApp({ config: t.config, database: t.database, logger: false });
    admin = (await loginAdmin(t.app)).access_token;
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  const meOn = (app: FastifyInstance, token: string) =>
    app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });

  it('a user deactivated on one is refused by the other at once', async () => {
    const user = await createUser(t.app, admin, { role: 'viewer' });
    const token = (await login(t.app, user.username, PASSWORD)).access_token;
    // The other instance now remembers the user as active.
    expect((await meOn(other, token)).statusCode).toBe(200);
    const deactivated = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${user.id}`,
      headers: bearer(admin),
    });
    expect(deactivated.statusCode).toBe(200);
    expect(await eventually(async () => (await meOn(other, token)).statusCode === 401)).toBe(true);
    expect((await meOn(other, token)).json().error_code).toBe('USER_INACTIVE');
  });

  it('a login ended on one is refused by the other at once', async () => {
    const user = await createUser(t.app, admin, { role: 'viewer' });
    const pair = await login(t.app, user.username, PASSWORD);
    expect((await meOn(other, pair.access_token)).statusCode).toBe(200);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      payload: { refresh_token: pair.refresh_token },
    });
    expect(out.statusCode).toBe(204);
    expect(await eventually(async () => (await meOn(other, pair.access_token)).statusCode === 401)).toBe(
      true,
    );
  });

  it('a role changed on one applies on the other at once', async () => {
    const user = await createUser(t.app, admin, { role: 'viewer' });
    const token = (await login(t.app, user.username, PASSWORD)).access_token;
    const addUnit = (code: string) =>
      other.inject({
        method: 'POST',
        url: '/api/v1/units',
        headers: bearer(token),
        payload: { code, name: `Unit ${code}`, decimals: 0 },
      });
    expect((await addUnit('mi1')).statusCode).toBe(403);
    const promoted = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: bearer(admin),
      payload: { role: 'admin' },
    });
    expect(promoted.statusCode).toBe(200);
    let code = 0;
    expect(
      await eventually(async () => {
        code += 1;
        return (await addUnit(`mi${code + 1}`)).statusCode === 201;
      }),
    ).toBe(true);
  });

  it('100 issues of one unit against 60, spread over both at once: exactly 60 post', async () => {
    const wh = await createWarehouse(t.app, admin, 'MI1');
    const product = await createProduct(t.app, admin);
    await receive(t.app, admin, product.id, wh.id, 60);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        move(i % 2 ? other : t.app, admin, {
          product_id: product.id,
          warehouse_id: wh.id,
          movement_type: 'issue',
          quantity: 1,
        }),
      ),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(60);
    expect(codes.filter((c) => c === 409)).toHaveLength(40);
    const read = await other.inject({
      method: 'GET',
      url: `/api/v1/products/${product.id}`,
      headers: bearer(admin),
    });
    expect(read.json().on_hand).toBe(0);
    expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  });

  it('one Idempotency-Key sent to both at once posts once, and both answer with that posting', async () => {
    const wh = await createWarehouse(t.app, admin, 'MI2');
    const product = await createProduct(t.app, admin);
    const body = { product_id: product.id, warehouse_id: wh.id, movement_type: 'receipt', quantity: 4 };
    const headers = { 'idempotency-key': `twice-${product.id}` };
    const [one, two] = await Promise.all([
      move(t.app, admin, body, headers),
      move(other, admin, body, headers),
    ]);
    expect([one?.statusCode, two?.statusCode]).toEqual([201, 201]);
    expect(one?.json().id).toBe(two?.json().id);
    const { rows } = await t.database.executeSql(
      'select count(*)::int as n from stock_movements where product_id = $1',
      [product.id],
    );
    expect(rows[0]?.n).toBe(1);
  });
});
