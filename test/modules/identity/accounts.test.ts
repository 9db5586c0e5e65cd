import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/api.js';
import { bearer, createUser, login, PASSWORD } from '../../helpers/factories.js';
import { type Fixture, setupApp } from '../../helpers/setup.js';
import { buildTestApp } from '../../helpers/test-app.js';

let t: Fixture;
let adminToken: string;

beforeAll(async () => {
  t = await setupApp();
  adminToken = t.admin.token;
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  api(t.app).post(url, payload, headers);
const meWith = (token: string) => api(t.app, token).get('/api/v1/auth/me');

describe('passwords', () => {
  it('enforces the strength rules naming what is missing, in English and Hungarian', async () => {
    const base = { username: 'weakling', email: 'weak@raktar.test', role: 'viewer' };
    const en = await post('/api/v1/users', { ...base, password: 'short' }, bearer(adminToken));
    expect(en.statusCode).toBe(422);
    expect(en.json().errors).toEqual([
      {
        field: 'password',
        message:
          'The password needs at least 8 characters, an upper-case letter, a digit, a special character.',
      },
    ]);
    const hu = await post(
      '/api/v1/users',
      { ...base, password: 'alllowercase' },
      { ...bearer(adminToken), 'accept-language': 'hu' },
    );
    expect(hu.json().errors[0].message).toBe(
      'A jelszóból hiányzik: egy nagybetű, egy számjegy, egy speciális karakter.',
    );
  });

  it('change-password needs the current password, ends old tokens and returns a new pair', async () => {
    const user = await createUser(t.app, adminToken, { role: 'warehouse' });
    const wrong = await post(
      '/api/v1/auth/change-password',
      { current_password: 'Wrong!pass1', new_password: 'N3w!password' },
      bearer(user.token),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error_code).toBe('WRONG_PASSWORD');
    const weak = await post(
      '/api/v1/auth/change-password',
      { current_password: PASSWORD, new_password: 'weak' },
      bearer(user.token),
    );
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].field).toBe('new_password');

    const ok = await post(
      '/api/v1/auth/change-password',
      { current_password: PASSWORD, new_password: 'N3w!password' },
      bearer(user.token),
    );
    expect(ok.statusCode).toBe(200);
    const stale = await meWith(user.token);
    expect(stale.statusCode).toBe(401);
    expect((await post('/api/v1/auth/refresh', { refresh_token: user.refresh })).statusCode).toBe(401);
    const fresh = await meWith(ok.json().access_token);
    expect(fresh.statusCode).toBe(200);
    await expect(login(t.app, user.username, 'N3w!password')).resolves.toBeDefined();
  });
});

describe('deactivated users', () => {
  it('cannot sign in, and tokens issued before are refused', async () => {
    const user = await createUser(t.app, adminToken);
    const res = await t.admin.delete(`/api/v1/users/${user.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().is_active).toBe(false);
    const me = await meWith(user.token);
    expect(me.statusCode).toBe(401);
    const again = await post('/api/v1/auth/login', { username: user.username, password: PASSWORD });
    expect(again.statusCode).toBe(401);
    expect(again.json().error_code).toBe('USER_INACTIVE');
    const refreshed = await post('/api/v1/auth/refresh', { refresh_token: user.refresh });
    expect(refreshed.statusCode).toBe(401);
    expect(refreshed.json().error_code).toBe('USER_INACTIVE');
    const { rows } = await t.database.executeSql(
      `select count(*)::int as n from audit_log where action = 'auth.refresh_reuse' and entity_id = $1`,
      [user.id],
    );
    expect(rows[0]?.n).toBe(0);
  });
});

describe('registration', () => {
  it('is not there unless ALLOW_REGISTRATION is on', async () => {
    const res = await post('/api/v1/auth/register', {
      username: 'self',
      email: 'self@raktar.test',
      password: PASSWORD,
    });
    expect(res.statusCode).toBe(404);
  });

  it('creates a user with DEFAULT_ROLE and DEFAULT_MODULES when on', async () => {
    const open = await buildTestApp({
      allowRegistration: true,
      defaultRole: 'warehouse',
      defaultModules: ['inventory'],
    });
    try {
      const res = await api(open.app).post('/api/v1/auth/register', {
        username: 'self',
        email: 'self@raktar.test',
        password: PASSWORD,
        full_name: 'Self Made',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ username: 'self', role: 'warehouse', modules: ['inventory'] });
      const dup = await api(open.app).post('/api/v1/auth/register', {
        username: 'Self',
        email: 'other@raktar.test',
        password: PASSWORD,
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error_code).toBe('USERNAME_TAKEN');
      await expect(login(open.app, 'self', PASSWORD)).resolves.toBeDefined();
    } finally {
      await open.close();
    }
  });
});
