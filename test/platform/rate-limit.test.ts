import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, login, loginAdmin, PASSWORD } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('the general API rate limit', () => {
  let t: TestApp;
  let admin: string;
  const tokens: string[] = [];

  // Three writes and three reads a window per caller, counted apart; sign-in is not counted.
  beforeAll(async () => {
    t = await buildTestApp({ rateLimitWriteMax: 3, rateLimitReadMax: 3, rateLimitWindowSeconds: 600 });
    admin = (await loginAdmin(t.app)).access_token;
    // The admin's three writes of this window.
    for (const role of ['manager', 'viewer', 'viewer'] as const) {
      const user = await createUser(t.app, admin, { role });
      tokens.push((await login(t.app, user.username, PASSWORD)).access_token);
    }
  });
  afterAll(async () => t?.close());

  const newCategory = (token: string, name: string, locale = 'en') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/categories',
      headers: { ...bearer(token), 'accept-language': locale },
      payload: { name },
    });

  it('refuses a caller past its writes with 429 in the error contract, and the refused write changes nothing', async () => {
    const refusedAdmin = await newCategory(admin, 'Limit admin');
    expect(refusedAdmin.statusCode).toBe(429);
    const manager = tokens[0] as string;
    for (const name of ['Limit A', 'Limit B', 'Limit C'])
      expect((await newCategory(manager, name)).statusCode).toBe(201);
    const refused = await newCategory(manager, 'Limit D', 'hu');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error_code: 'RATE_LIMITED' });
    expect(refused.json().detail).toContain('másodperc');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['x-request-id']).toBeTruthy();
    // Reads are counted apart, and the refused categories were not created.
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/categories', headers: bearer(manager) });
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).toContain('Limit C');
    expect(JSON.stringify(list.json())).not.toContain('Limit D');
    expect(JSON.stringify(list.json())).not.toContain('Limit admin');
  });

  it('counts each signed-in user apart, and reads apart from writes', async () => {
    const [, one, two] = tokens as [string, string, string];
    const read = (token: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/units', headers: bearer(token) });
    for (let i = 0; i < 3; i += 1) expect((await read(one)).statusCode).toBe(200);
    expect((await read(one)).statusCode).toBe(429);
    expect((await read(two)).statusCode).toBe(200);
  });

  it('leaves sign-in and what is not the API alone', async () => {
    for (let i = 0; i < 6; i += 1) {
      expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      expect((await loginAdmin(t.app)).access_token).toBeTruthy();
    }
  });
});

describe('without a configured limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('never answers 429 to a busy caller', async () => {
    const admin = (await loginAdmin(t.app)).access_token;
    const answers = await Promise.all(
      Array.from({ length: 60 }, () =>
        t.app.inject({ method: 'GET', url: '/api/v1/units', headers: bearer(admin) }),
      ),
    );
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 200)).toEqual([]);
  });
});
