import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { bearer, createUser, login, loginAdmin, PASSWORD } from '../helpers/factories.js';
import { createProduct, createWarehouse, move, receive, verifyLedger } from '../helpers/stock.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { FULL, recordFigures } from './report.js';

/** The oversell race: this many issues of one unit against 60 % as many units, over both instances. */
const ISSUES = FULL ? 1_000 : 100;
const figures: Record<string, unknown> = {};

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
    recordFigures('multi-instance', 'two instances, one database', figures);
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
    const since = Date.now();
    expect(await eventually(async () => (await meOn(other, token)).statusCode === 401)).toBe(true);
    figures.deactivation_refused_after_ms = Date.now() - since;
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
    const since = Date.now();
    expect(await eventually(async () => (await meOn(other, pair.access_token)).statusCode === 401)).toBe(
      true,
    );
    figures.logout_refused_after_ms = Date.now() - since;
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

  it(`${ISSUES} issues of one unit against ${ISSUES * 0.6}, spread over both at once: exactly ${ISSUES * 0.6} post`, async () => {
    const stock = ISSUES * 0.6;
    const wh = await createWarehouse(t.app, admin, 'MI1');
    const product = await createProduct(t.app, admin);
    await receive(t.app, admin, product.id, wh.id, stock);
    const answers = await Promise.all(
      Array.from({ length: ISSUES }, (_, i) =>
        move(i % 2 ? other : t.app, admin, {
          product_id: product.id,
          warehouse_id: wh.id,
          movement_type: 'issue',
          quantity: 1,
        }),
      ),
    );
    const codes = answers.map((a) => a.statusCode);
    figures.oversell = {
      issues: ISSUES,
      units: stock,
      posted: codes.filter((c) => c === 201).length,
      refused_409: codes.filter((c) => c === 409).length,
      other: codes.filter((c) => c !== 201 && c !== 409).length,
    };
    expect(codes.filter((c) => c === 201)).toHaveLength(stock);
    expect(codes.filter((c) => c === 409)).toHaveLength(ISSUES - stock);
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
    figures.movement_key_race = { requests: 2, postings: rows[0]?.n };
  });

  it('one Idempotency-Key on a stock document, sent to both many times at once, posts it once', async () => {
    const wh = await createWarehouse(t.app, admin, 'MI3');
    const product = await createProduct(t.app, admin);
    await receive(t.app, admin, product.id, wh.id, 10);
    const issue = { warehouse_id: wh.id, lines: [{ product_id: product.id, quantity: 10 }] };
    const headers = { ...bearer(admin), 'idempotency-key': `doc-${product.id}` };
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? other : t.app).inject({
          method: 'POST',
          url: '/api/v1/inventory/issues',
          headers,
          payload: issue,
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.json().posting_id)).size).toBe(1);
    const { rows } = await t.database.executeSql(
      "select count(*)::int as n from stock_movements where product_id = $1 and movement_type = 'issue'",
      [product.id],
    );
    expect(rows[0]?.n).toBe(1);
    expect((await verifyLedger(t.app, admin)).ok).toBe(true);
    figures.document_key_race = { requests: 20, postings: rows[0]?.n };
  });
});
