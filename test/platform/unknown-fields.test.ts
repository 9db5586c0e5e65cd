import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { droppingUnknownFields } from '../../src/platform/validation.js';
import { bearer, loginAdmin } from '../helpers/factories.js';
import { createWarehouse } from '../helpers/stock.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: string;

const Nested = Type.Object({
  name: Type.String(),
  address: Type.Object({ city: Type.String() }),
  lines: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer() })),
  contact: Type.Union([Type.Object({ phone: Type.String() }), Type.Null()]),
  labels: Type.Optional(Type.Record(Type.String(), Type.String())),
  update: Type.Optional(Type.Object({ note: Type.Optional(Type.String()) }, { minProperties: 1 })),
});

beforeAll(async () => {
  t = await buildTestApp();
  // Answers what the handler was given, so the test sees the body after validation.
  t.app.post('/echo-body', { schema: { hide: true, body: Nested } }, async (request) => request.body);
  admin = (await loginAdmin(t.app)).access_token;
});
afterAll(() => t.close());

const call = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object, headers = {}) =>
  t.app.inject({ method, url, payload, headers: { ...bearer(admin), ...headers } });

describe('unknown body fields are dropped, not refused', () => {
  it('at the top, in nested objects, in array items and in a nullable object; a record keeps its keys', async () => {
    const res = await call('POST', '/echo-body', {
      name: 'Kovács Kft.',
      id: 42,
      address: { city: 'Győr', country: 'HU' },
      lines: [
        { sku: 'A-1', quantity: 2, colour: 'red' },
        { sku: 'B-2', quantity: 1, discount: { percent: 5 } },
      ],
      contact: { phone: '+36301234567', fax: '1' },
      labels: { shelf: 'top', aisle: '3' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      name: 'Kovács Kft.',
      address: { city: 'Győr' },
      lines: [
        { sku: 'A-1', quantity: 2 },
        { sku: 'B-2', quantity: 1 },
      ],
      contact: { phone: '+36301234567' },
      labels: { shelf: 'top', aisle: '3' },
    });
  });

  it('still refuses declared fields that are wrong, naming them, in English and Hungarian', async () => {
    const body = {
      name: 'X',
      address: { city: 7, country: 'HU' },
      lines: [{ sku: 'A-1', quantity: 'two', colour: 'red' }],
      contact: null,
      surplus: true,
    };
    const en = await call('POST', '/echo-body', body);
    expect(en.statusCode).toBe(422);
    expect(en.json().error_code).toBe('VALIDATION_ERROR');
    expect(en.json().errors).toEqual([
      { field: 'address.city', message: 'must be text' },
      { field: 'lines.0.quantity', message: 'must be a whole number' },
    ]);
    const hu = await call('POST', '/echo-body', body, { 'accept-language': 'hu' });
    expect(hu.statusCode).toBe(422);
    expect(hu.json().detail).toBe('A kérés érvénytelen adatokat tartalmaz.');
    expect(hu.json().errors).toEqual([
      { field: 'address.city', message: 'szöveg kell legyen' },
      { field: 'lines.0.quantity', message: 'egész szám kell legyen' },
    ]);
  });

  it('counts properties after dropping: an update naming only unknown fields changes nothing', async () => {
    const nested = await call('POST', '/echo-body', {
      name: 'X',
      address: { city: 'Pécs' },
      lines: [],
      contact: null,
      update: { colour: 'red' },
    });
    expect(nested.statusCode).toBe(422);
    expect(nested.json().errors).toEqual([{ field: 'update', message: 'must name at least 1 field(s)' }]);

    const before = (await call('GET', '/api/v1/units')).json();
    const onlyUnknown = await call(
      'PATCH',
      '/api/v1/units/pcs',
      { colour: 'red' },
      { 'accept-language': 'hu' },
    );
    expect(onlyUnknown.statusCode).toBe(422);
    expect(onlyUnknown.json()).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      detail: 'A kérés érvénytelen adatokat tartalmaz.',
    });
    expect((await call('GET', '/api/v1/units')).json()).toEqual(before);
    const withKnown = await call('PATCH', '/api/v1/units/pcs', { name: 'Piece', colour: 'red' });
    expect(withKnown.statusCode).toBe(200);
    expect(withKnown.json()).toMatchObject({ code: 'pcs', name: 'Piece' });
    expect(withKnown.json()).not.toHaveProperty('colour');
  });

  it('on real routes: the record is created, and nothing of the unknown fields is stored', async () => {
    const res = await call('POST', '/api/v1/products', {
      sku: 'DROP-1',
      name: 'Dropped extras',
      id: 12345,
      owner_id: 7,
      secret_note: 'should-not-be-kept',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().id).not.toBe(12345);
    expect(res.json()).not.toHaveProperty('secret_note');
    const { rows } = await t.database.executeSql(
      `select count(*)::int as n from audit_log where entity_id = $1 and (after::text like '%should-not-be-kept%' or after::text like '%owner_id%')`,
      [res.json().id],
    );
    expect(rows[0]?.n).toBe(0);

    const warehouse = await createWarehouse(t.app, admin);
    const bin = await call('POST', `/api/v1/warehouses/${warehouse.id}/bins`, {
      code: 'DROP-A',
      type: 'storage',
      legacy_code: 99,
    });
    expect(bin.statusCode).toBe(201);
  });

  it('an Idempotency-Key retry that adds an unknown field is the same request', async () => {
    const headers = { 'idempotency-key': 'unknown-fields-retry' };
    const first = await call('POST', '/api/v1/products', { sku: 'IDEM-1', name: 'Once' }, headers);
    expect(first.statusCode).toBe(201);
    const retry = await call(
      'POST',
      '/api/v1/products',
      { sku: 'IDEM-1', name: 'Once', client_version: '2.1' },
      headers,
    );
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    // A declared field that differs is another request, as before.
    const other = await call('POST', '/api/v1/products', { sku: 'IDEM-1', name: 'Twice' }, headers);
    expect(other.statusCode).toBe(422);
  });

  it('the OAuth2 form fields the login does not use are dropped too', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=password&scope=&client_id=x&client_secret=y&username=admin&password=Admin%21pass1',
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('query strings keep their behaviour', () => {
  it('an unknown query parameter is ignored, a declared one is still validated', async () => {
    const ignored = await call('GET', '/api/v1/products?colour=red&page_size=1');
    expect(ignored.statusCode).toBe(200);
    expect(ignored.json().page_size).toBe(1);
    const bad = await call('GET', '/api/v1/products?colour=red&page_size=0');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['page_size']);
  });
});

describe('the OpenAPI document', () => {
  it('says unknown body fields are dropped', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.info.description).toMatch(/unknown fields in a request body are ignored and dropped/i);
  });
});

describe('droppingUnknownFields', () => {
  it('leaves the schema it was given untouched and reuses its copy', () => {
    const schema = Type.Object({ a: Type.String() });
    const copy = droppingUnknownFields(schema);
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(copy).toMatchObject({ additionalProperties: false });
    expect(droppingUnknownFields(schema)).toBe(copy);
  });

  it('keeps what a schema allows on purpose, and leaves unions of several objects alone', () => {
    const open = Type.Object({ a: Type.String() }, { additionalProperties: true });
    expect(droppingUnknownFields(open)).toMatchObject({ additionalProperties: true });
    const either = Type.Union([Type.Object({ a: Type.String() }), Type.Object({ b: Type.String() })]);
    const copy = droppingUnknownFields(either) as { anyOf: object[] };
    for (const branch of copy.anyOf) expect(branch).not.toHaveProperty('additionalProperties');
  });
});
