import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, loginAdmin, type TestUser } from '../../helpers/factories.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let admin: string;
let manager: TestUser;
let worker: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await loginAdmin(t.app)).access_token;
  manager = await createUser(t.app, admin, { role: 'manager' });
  worker = await createUser(t.app, admin, { role: 'warehouse' });
});
afterAll(() => t.close());

const call = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  token: string,
  payload?: object,
  headers = {},
) => t.app.inject({ method, url, payload, headers: { ...bearer(token), ...headers } });

describe.each([
  ['suppliers', 'SUPPLIER'],
  ['customers', 'CUSTOMER'],
])('/api/v1/%s', (path, code) => {
  const url = `/api/v1/${path}`;

  it('creates with the phone normalized to E.164 and the e-mail lower-cased', async () => {
    const res = await call('POST', url, manager.token, {
      code: 'P-001',
      name: 'Kávé Kft.',
      email: 'Info@Kave.Example.hu',
      phone: '06 30 123 4567',
      contact_person: 'Kiss Anna',
      tax_number: '12345678-2-41',
      payment_terms: 'NET 30',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: 'P-001',
      email: 'info@kave.example.hu',
      phone: '+36301234567',
      payment_terms: 'NET 30',
      is_active: true,
      version: 1,
    });
    const intl = await call('POST', url, manager.token, {
      code: 'P-002',
      name: 'Vienna GmbH',
      phone: '+43 1 5321234',
    });
    expect(intl.json().phone).toBe('+4315321234');
  });

  it('refuses an invalid e-mail or phone naming the field, and a duplicate code', async () => {
    const email = await call('POST', url, manager.token, { code: 'P-009', name: 'Bad Mail', email: 'nope' });
    expect(email.statusCode).toBe(422);
    expect(email.json().errors[0].field).toBe('email');
    const phone = await call(
      'POST',
      url,
      manager.token,
      { code: 'P-009', name: 'Bad Phone', phone: '12' },
      { 'accept-language': 'hu' },
    );
    expect(phone.statusCode).toBe(422);
    expect(phone.json().errors).toEqual([{ field: 'phone', message: 'érvénytelen telefonszám' }]);
    const dup = await call('POST', url, manager.token, { code: 'p-001', name: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error_code).toBe(`${code}_CODE_TAKEN`);
  });

  it('lists with accent-insensitive search, sort and paging; every role reads, only managers write', async () => {
    const found = await call('GET', `${url}?search=kave`, worker.token);
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((p: { code: string }) => p.code)).toEqual(['P-001']);
    const sorted = await call('GET', `${url}?sort_by=name_desc&page_size=1`, worker.token);
    expect(sorted.json()).toMatchObject({ total: 2, pages: 2 });
    expect(sorted.json().items[0].name).toBe('Vienna GmbH');
    expect((await call('POST', url, worker.token, { code: 'W-1', name: 'Worker' })).statusCode).toBe(403);
  });

  it('updates with versions, soft-deletes, and hard-deletes one nothing refers to', async () => {
    const created = (await call('POST', url, admin, { code: 'TMP', name: 'Temporary' })).json();
    const updated = await call('PATCH', `${url}/${created.id}`, manager.token, {
      phone: '+36 1 234 5678',
      version: 1,
    });
    expect(updated.json()).toMatchObject({ phone: '+3612345678', version: 2 });
    expect(
      (await call('PUT', `${url}/${created.id}`, manager.token, { name: 'Stale', version: 1 })).statusCode,
    ).toBe(412);
    const soft = await call('DELETE', `${url}/${created.id}`, manager.token);
    expect(soft.statusCode).toBe(200);
    expect(soft.json().is_active).toBe(false);
    expect(
      (await call('GET', `${url}?is_active=true`, manager.token))
        .json()
        .items.map((p: { code: string }) => p.code),
    ).not.toContain('TMP');
    const hard = await call('DELETE', `${url}/${created.id}?hard=true`, manager.token);
    expect(hard.statusCode).toBe(204);
    const gone = await call('GET', `${url}/${created.id}`, manager.token);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error_code).toBe(`${code}_NOT_FOUND`);
  });
});
