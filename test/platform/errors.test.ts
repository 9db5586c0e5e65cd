import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineError } from '../../src/platform/errors.js';
import { loginAdmin } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const outOfStock = defineError(
  'INSUFFICIENT_STOCK',
  409,
  { en: 'Only {available} available.', hu: 'Csak {available} érhető el.' },
  'errors_test',
);

const Item = Type.Object({
  name: Type.String({ minLength: 2 }),
  quantity: Type.Integer({ minimum: 1 }),
  email: Type.String({ format: 'email' }),
});

const open = { access: { public: true as const } };
const SECRET = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$never-in-a-log';

let t: TestApp;
let app: FastifyInstance;
let token: string;

beforeAll(async () => {
  t = await buildTestApp({ bodyLimit: 2048 });
  app = t.app;
  // Probe routes that exercise each failure path through the real plugins.
  app.post('/api/v1/probe/items', { config: open, schema: { body: Item } }, async (request, reply) =>
    reply.code(201).send(request.body),
  );
  app.get('/api/v1/probe/conflict', { config: open }, async () => {
    throw outOfStock({ available: 3 }, { available: 3 });
  });
  app.get('/api/v1/probe/leak', { config: open }, async () => {
    // A failing statement whose values hold a secret, as a failed user insert holds the hash.
    await t.database.db.execute(sql`select ${SECRET}::int as password_hash`);
    return {};
  });
  app.get('/api/v1/probe/crash', { config: open }, async () => {
    await t.database.db.execute(sql`select * from table_that_does_not_exist`);
    return {};
  });
  app.post('/api/v1/probe/deadlock', { config: open }, async () => {
    // Two transactions take two locks in opposite orders: PostgreSQL ends one of them.
    let holding = 0;
    let bothHold: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      bothHold = resolve;
    });
    const crosswise = (first: number, second: number) =>
      t.database.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${first})`);
        if (++holding === 2) bothHold();
        await ready;
        await tx.execute(sql`select pg_advisory_xact_lock(${second})`);
      });
    const results = await Promise.allSettled([crosswise(917_001, 917_002), crosswise(917_002, 917_001)]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    return {};
  });
  app.post('/api/v1/probe/serialization', { config: open }, async () => {
    await t.database.db.execute(
      sql`do $$ begin raise exception 'clash' using errcode = 'serialization_failure'; end $$`,
    );
    return {};
  });
  // Signing in readies the app: after the probe routes.
  token = (await loginAdmin(app)).access_token;
});
afterAll(() => t.close());

function expectErrorBody(body: Record<string, unknown>, code: string) {
  expect(body.error_code).toBe(code);
  expect(typeof body.detail).toBe('string');
  expect(Number.isNaN(Date.parse(String(body.timestamp)))).toBe(false);
  expect(typeof body.request_id).toBe('string');
}

describe('error contract', () => {
  it('accepts a valid body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/probe/items',
      payload: { name: 'Kávé', quantity: 2, email: 'a@b.hu' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('answers malformed JSON with 400 INVALID_JSON, in English and Hungarian', async () => {
    const payload = '{"name": "x",';
    const en = await app.inject({
      method: 'POST',
      url: '/api/v1/probe/items',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(en.statusCode).toBe(400);
    expectErrorBody(en.json(), 'INVALID_JSON');
    expect(en.json().detail).toBe('The request body is not valid JSON.');
    const hu = await app.inject({
      method: 'POST',
      url: '/api/v1/probe/items',
      headers: { 'content-type': 'application/json', 'accept-language': 'hu-HU,hu;q=0.9,en;q=0.5' },
      payload,
    });
    expect(hu.statusCode).toBe(400);
    expect(hu.json().detail).toBe('A kérés törzse nem érvényes JSON.');
  });

  it('lists every invalid field with 422 VALIDATION_ERROR', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/probe/items',
      payload: { name: 'x', quantity: 0, email: 'not-an-email' },
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expectErrorBody(body, 'VALIDATION_ERROR');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'name', 'quantity']);
  });

  it('says in words what is wrong with an id or an e-mail, also for "an id, or null"', async () => {
    const payload = {
      product_id: 'not-an-id',
      warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e72',
      movement_type: 'receipt',
      quantity: 1,
      bin_id: 'nope',
    };
    for (const [locale, words] of [
      ['en', 'not a valid id'],
      ['hu', 'nem érvényes azonosító'],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/stock-movements',
        headers: { 'accept-language': locale, authorization: `Bearer ${token}` },
        payload,
      });
      expect(res.statusCode).toBe(422);
      const byField = Object.fromEntries(
        res.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]),
      );
      // bin_id is nullable: no "must match a schema in anyOf", just what is wrong.
      expect(byField).toEqual({ product_id: words, bin_id: words });
    }
    const email = await app.inject({
      method: 'POST',
      url: '/api/v1/probe/items',
      payload: { name: 'ok', quantity: 1, email: 'not-an-email' },
    });
    expect(email.json().errors).toEqual([{ field: 'email', message: 'not a valid e-mail address' }]);
  });

  it('names missing fields and localizes field messages in Hungarian', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/probe/items',
      headers: { 'accept-language': 'hu' },
      payload: { name: 'ok' },
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.detail).toBe('A kérés érvénytelen adatokat tartalmaz.');
    const byField = Object.fromEntries(
      body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(Object.keys(byField).sort()).toEqual(['email', 'quantity']);
    expect(byField.quantity).toMatch(/kötelező|tulajdonság/);
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expectErrorBody(res.json(), 'ROUTE_NOT_FOUND');
    const hu = await app.inject({
      method: 'GET',
      url: '/api/v1/nothing-here',
      headers: { 'accept-language': 'hu' },
    });
    expect(hu.json().detail).toBe('Nincs végpont ezen a címen: GET /api/v1/nothing-here.');
  });

  it('answers a known path with the wrong method with 405 and an Allow header', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/api/v1/probe/items' });
    expect(res.statusCode).toBe(405);
    expectErrorBody(res.json(), 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe('POST');
  });

  it('answers a body over the limit with 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/probe/items',
      payload: { name: 'x'.repeat(4096), quantity: 1, email: 'a@b.hu' },
    });
    expect(res.statusCode).toBe(413);
    expectErrorBody(res.json(), 'PAYLOAD_TOO_LARGE');
    expect(res.json().detail).toContain('2048');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/probe/items',
      headers: { 'content-type': 'application/xml' },
      payload: '<item/>',
    });
    expect(res.statusCode).toBe(415);
    expectErrorBody(res.json(), 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('renders a domain error with its status, code, parameters and extra fields', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/probe/conflict',
      headers: { 'accept-language': 'hu' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error_code: 'INSUFFICIENT_STOCK',
      detail: 'Csak 3 érhető el.',
      available: 3,
    });
  });

  it('hides internals of an unexpected failure but logs them with the request id', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/probe/crash',
      headers: { 'x-request-id': 'crash-probe-1' },
    });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expectErrorBody(body, 'INTERNAL_ERROR');
    expect(body.request_id).toBe('crash-probe-1');
    expect(res.body).not.toMatch(/table_that_does_not_exist|select|stack|at /i);
    const logged = t.logs.find((line) => line.request_id === 'crash-probe-1' && line.level === 50);
    expect(JSON.stringify(logged)).toContain('table_that_does_not_exist');
  });

  it('answers a transaction PostgreSQL ended to break a deadlock or a serialization clash with 409, to send again', async () => {
    const deadlock = await app.inject({
      method: 'POST',
      url: '/api/v1/probe/deadlock',
      headers: { 'accept-language': 'hu' },
    });
    expect(deadlock.statusCode).toBe(409);
    expectErrorBody(deadlock.json(), 'CONCURRENT_CHANGE');
    expect(deadlock.json().detail).toMatch(/^Egy másik kérés ugyanabban a pillanatban/);
    expect(deadlock.headers['retry-after']).toBe('1');
    const clash = await app.inject({ method: 'POST', url: '/api/v1/probe/serialization' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().detail).toBe(
      'Another request changed the same records at the same moment, so nothing was saved. Send the request again.',
    );
  });

  it('logs a failed statement without its values', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/probe/leak',
      headers: { 'x-request-id': 'leak-probe-1' },
    });
    expect(res.statusCode).toBe(500);
    const logged = JSON.stringify(t.logs.filter((line) => line.request_id === 'leak-probe-1'));
    expect(logged).toContain('Failed query');
    expect(logged).toContain('[Redacted]');
    expect(logged).not.toContain('never-in-a-log');
  });

  it('answers an over-long path parameter with 414 in the contract, headers included, path not echoed', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/products/${'x'.repeat(200)}`,
      headers: { 'accept-language': 'hu', 'x-request-id': 'long-path-1' },
    });
    expect(res.statusCode).toBe(414);
    expectErrorBody(res.json(), 'URI_TOO_LONG');
    expect(res.json().detail).toBe('A cím egy része hosszabb a megengedett 100 karakternél.');
    expect(res.headers['x-request-id']).toBe('long-path-1');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).not.toContain('xxxx');
  });

  it("answers Node's 431 for oversized headers in the contract, with a request id", async () => {
    const served = await buildTestApp();
    try {
      await served.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = served.app.server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/ping`, { headers: { 'x-big': 'a'.repeat(20_000) } });
      expect(res.status).toBe(431);
      const body = (await res.json()) as Record<string, unknown>;
      expectErrorBody(body, 'HEADERS_TOO_LARGE');
      expect(res.headers.get('x-request-id')).toBe(body.request_id);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await served.close();
    }
  });
});
