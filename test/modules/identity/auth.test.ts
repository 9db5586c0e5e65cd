import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, createUser, login, loginAdmin, PASSWORD } from '../../helpers/factories.js';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let adminToken: string;

beforeAll(async () => {
  t = await buildTestApp();
  adminToken = (await loginAdmin(t.app)).access_token;
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const meWith = (token: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });

async function sign(
  claims: Record<string, unknown>,
  options: { secret?: string; exp?: string | number | null; sub: string },
) {
  const jwt = new SignJWT({ type: 'access', role: 'admin', tv: 1, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.sub)
    .setIssuer('raktar')
    .setIssuedAt();
  // null: a token that never expires.
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? '5m');
  return jwt.sign(new TextEncoder().encode(options.secret ?? t.config.jwtSecret));
}

describe('login', () => {
  it('returns a bearer token pair for JSON credentials', async () => {
    const res = await post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 900 });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.pragma).toBe('no-cache');
    expect(body.access_token.split('.')).toHaveLength(3);
    expect(body.refresh_token.length).toBeGreaterThan(30);
  });

  it('accepts the OAuth2 password form and the /login-json alias', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=password&username=admin&password=${encodeURIComponent(ADMIN_PASSWORD)}`,
    });
    expect(form.statusCode).toBe(200);
    const alias = await post('/api/v1/auth/login-json', { username: 'admin', password: ADMIN_PASSWORD });
    expect(alias.statusCode).toBe(200);
  });

  it('accepts the e-mail address, in any case, as the username', async () => {
    const res = await post('/api/v1/auth/login', { username: 'ADMIN@raktar.test', password: ADMIN_PASSWORD });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a wrong password or unknown user with 401 INVALID_CREDENTIALS, localized', async () => {
    const wrong = await post('/api/v1/auth/login', { username: 'admin', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error_code).toBe('INVALID_CREDENTIALS');
    const unknown = await post(
      '/api/v1/auth/login',
      { username: 'ghost', password: 'nope' },
      { 'accept-language': 'hu' },
    );
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().detail).toBe('Hibás felhasználónév vagy jelszó.');
  });

  it('accepts {email, password} as JSON and as the form, the e-mail in any case', async () => {
    const json = await post('/api/v1/auth/login', { email: 'Admin@RAKTAR.test', password: ADMIN_PASSWORD });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ token_type: 'bearer' });
    const alias = await post('/api/v1/auth/login-json', {
      email: 'admin@raktar.test',
      password: ADMIN_PASSWORD,
    });
    expect(alias.statusCode).toBe(200);
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=ADMIN%40raktar.test&password=${encodeURIComponent(ADMIN_PASSWORD)}`,
    });
    expect(form.statusCode).toBe(200);
    expect((await meWith(form.json().access_token)).json().username).toBe('admin');
  });

  it('answers a wrong or unknown e-mail exactly as a wrong username, in English and Hungarian', async () => {
    const shape = (res: { statusCode: number; json: () => Record<string, unknown> }) => ({
      status: res.statusCode,
      detail: res.json().detail,
      error_code: res.json().error_code,
      keys: Object.keys(res.json()).sort(),
    });
    for (const locale of ['en', 'hu']) {
      const headers = { 'accept-language': locale };
      const unknownName = shape(
        await post('/api/v1/auth/login', { username: 'ghost', password: 'x' }, headers),
      );
      const unknownEmail = shape(
        await post('/api/v1/auth/login', { email: 'ghost@raktar.test', password: 'x' }, headers),
      );
      const wrongPassword = shape(
        await post('/api/v1/auth/login', { email: 'admin@raktar.test', password: 'x' }, headers),
      );
      expect(unknownName.status).toBe(401);
      expect(unknownName.error_code).toBe('INVALID_CREDENTIALS');
      expect(unknownEmail).toEqual(unknownName);
      expect(wrongPassword).toEqual(unknownName);
    }
    // The username in the e-mail field matches nothing: `email` is an e-mail address only.
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=ghost%40raktar.test&password=x',
    });
    expect(form.statusCode).toBe(401);
    expect(form.json().error_code).toBe('INVALID_CREDENTIALS');
  });

  it('needs exactly one of username and email: neither or both is 422, localized', async () => {
    const neither = await post('/api/v1/auth/login', { password: ADMIN_PASSWORD });
    expect(neither.statusCode).toBe(422);
    expect(neither.json()).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      errors: [{ field: 'username', message: 'send a username or an e-mail address' }],
    });
    const both = await post(
      '/api/v1/auth/login',
      { username: 'admin', email: 'admin@raktar.test', password: ADMIN_PASSWORD },
      { 'accept-language': 'hu' },
    );
    expect(both.statusCode).toBe(422);
    expect(both.json()).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      detail: 'A kérés érvénytelen adatokat tartalmaz.',
      errors: [
        { field: 'username', message: 'a felhasználónevet vagy az e-mail-címet adja meg, ne mindkettőt' },
        { field: 'email', message: 'a felhasználónevet vagy az e-mail-címet adja meg, ne mindkettőt' },
      ],
    });
    const formNeither = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'hu' },
      payload: `grant_type=password&password=${encodeURIComponent(ADMIN_PASSWORD)}`,
    });
    expect(formNeither.statusCode).toBe(422);
    expect(formNeither.json().errors).toEqual([
      { field: 'username', message: 'adja meg a felhasználónevet vagy az e-mail-címet' },
    ]);
    const notAnAddress = await post('/api/v1/auth/login-json', { email: 'admin', password: ADMIN_PASSWORD });
    expect(notAnAddress.statusCode).toBe(422);
    expect(notAnAddress.json().errors).toEqual([{ field: 'email', message: 'not a valid e-mail address' }]);
    // A refused request shape is not a failed login: six of them lock nothing.
    for (let i = 0; i < 6; i++) {
      const res = await post('/api/v1/auth/login', {
        username: 'admin',
        email: 'admin@raktar.test',
        password: 'wrong',
      });
      expect(res.statusCode).toBe(422);
    }
    expect(
      (await post('/api/v1/auth/login', { email: 'admin@raktar.test', password: ADMIN_PASSWORD })).statusCode,
    ).toBe(200);
  });

  it('answers missing fields with 422 naming them', async () => {
    const res = await post('/api/v1/auth/login', { username: 'admin' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['password']);
  });
});

describe('access tokens', () => {
  it('GET /me returns the user with role and module grants', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(adminToken) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'admin', role: 'admin', is_active: true });
    expect(res.json().modules).toContain('admin');
    expect(res.json()).not.toHaveProperty('password_hash');
  });

  it('refuses no token, a malformed header, a tampered, expired, foreign, alg:none, non-access, never-expiring or non-UUID-subject token', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(adminToken) });
    const adminId = me.json().id as string;
    const [header, payload, signature] = adminToken.split('.') as [string, string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...decoded, role: 'viewer', tv: 99 })).toString('base64url')}.${signature}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    const candidates: Record<string, string | undefined> = {
      missing: undefined,
      malformed: 'Token abc',
      garbage: 'Bearer not-a-jwt',
      tampered: `Bearer ${tampered}`,
      none: `Bearer ${none}`,
      expired: `Bearer ${await sign({}, { sub: adminId, exp: Math.floor(Date.now() / 1000) - 60 })}`,
      foreign: `Bearer ${await sign({}, { sub: adminId, secret: 'another-secret-of-sufficient-length-000' })}`,
      refreshType: `Bearer ${await sign({ type: 'refresh' }, { sub: adminId })}`,
      unknownUser: `Bearer ${await sign({}, { sub: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f' })}`,
      neverExpires: `Bearer ${await sign({}, { sub: adminId, exp: null })}`,
      notAUuid: `Bearer ${await sign({}, { sub: 'admin' })}`,
    };
    for (const [name, authorization] of Object.entries(candidates)) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode, name).toBe(401);
      // No bearer token at all asks for authentication; any token that fails is invalid.
      const expected = name === 'missing' || name === 'malformed' ? 'UNAUTHORIZED' : 'INVALID_TOKEN';
      expect(res.json().error_code, name).toBe(expected);
    }
  });

  it('a token accepted before is refused once it expires, and a changed byte is never accepted', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(adminToken) });
    const adminId = me.json().id as string;
    const token = await sign({}, { sub: adminId, exp: '2m' });
    const call = (value: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(value) });
    expect((await call(token)).statusCode).toBe(200);
    expect((await call(token)).statusCode).toBe(200);
    const flipped = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`;
    expect((await call(flipped)).json().error_code).toBe('INVALID_TOKEN');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 3 * 60_000);
      const late = await call(token);
      expect(late.statusCode).toBe(401);
      expect(late.json().error_code).toBe('INVALID_TOKEN');
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a refresh token presented as an access token', async () => {
    const pair = await loginAdmin(t.app);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(pair.refresh_token),
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh token works once and yields a new pair', async () => {
    const first = await loginAdmin(t.app);
    const res = await post('/api/v1/auth/refresh', { refresh_token: first.refresh_token });
    expect(res.statusCode).toBe(200);
    const second = res.json();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(second.access_token),
    });
    expect(me.statusCode).toBe(200);
  });

  it('reuse of a spent token revokes the whole family and is 401', async () => {
    const first = await loginAdmin(t.app);
    const second = (await post('/api/v1/auth/refresh', { refresh_token: first.refresh_token })).json();
    const reuse = await post('/api/v1/auth/refresh', { refresh_token: first.refresh_token });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error_code).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate holder's newer token is revoked too.
    const after = await post('/api/v1/auth/refresh', { refresh_token: second.refresh_token });
    expect(after.statusCode).toBe(401);
    // So are the access tokens of that login, at once; other logins are untouched.
    for (const token of [first.access_token, second.access_token]) {
      expect((await meWith(token)).statusCode).toBe(401);
    }
    const other = await loginAdmin(t.app);
    expect((await meWith(other.access_token)).statusCode).toBe(200);
    expect((await post('/api/v1/auth/refresh', { refresh_token: other.refresh_token })).statusCode).toBe(200);
  });

  it('refuses an unknown or expired refresh token', async () => {
    expect((await post('/api/v1/auth/refresh', { refresh_token: 'made-up' })).statusCode).toBe(401);
    const pair = await loginAdmin(t.app);
    await t.database.executeSql("update refresh_tokens set expires_at = now() - interval '1 minute'", []);
    const res = await post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token });
    expect(res.statusCode).toBe(401);
    expect(res.json().error_code).toBe('INVALID_TOKEN');
  });

  it('logout revokes the family; logging out twice is harmless', async () => {
    const pair = await loginAdmin(t.app);
    expect((await meWith(pair.access_token)).statusCode).toBe(200);
    expect((await post('/api/v1/auth/logout', { refresh_token: pair.refresh_token })).statusCode).toBe(204);
    // The login's access token ends with it, not 15 minutes later.
    expect((await meWith(pair.access_token)).statusCode).toBe(401);
    expect((await meWith(adminToken)).statusCode).toBe(200);
    expect((await post('/api/v1/auth/logout', { refresh_token: pair.refresh_token })).statusCode).toBe(204);
    const after = await post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token });
    expect(after.statusCode).toBe(401);
    // A token revoked by logout is stale, not stolen.
    expect(after.json().error_code).toBe('INVALID_TOKEN');
    expect((await post('/api/v1/auth/logout', { refresh_token: 'unknown' })).statusCode).toBe(401);
  });
});

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
    const stale = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(user.token) });
    expect(stale.statusCode).toBe(401);
    expect((await post('/api/v1/auth/refresh', { refresh_token: user.refresh })).statusCode).toBe(401);
    const fresh = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(ok.json().access_token),
    });
    expect(fresh.statusCode).toBe(200);
    await expect(login(t.app, user.username, 'N3w!password')).resolves.toBeDefined();
  });
});

describe('deactivated users', () => {
  it('cannot sign in, and tokens issued before are refused', async () => {
    const user = await createUser(t.app, adminToken);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${user.id}`,
      headers: bearer(adminToken),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().is_active).toBe(false);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(user.token) });
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
      const res = await open.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { username: 'self', email: 'self@raktar.test', password: PASSWORD, full_name: 'Self Made' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ username: 'self', role: 'warehouse', modules: ['inventory'] });
      const dup = await open.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { username: 'Self', email: 'other@raktar.test', password: PASSWORD },
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error_code).toBe('USERNAME_TAKEN');
      await expect(login(open.app, 'self', PASSWORD)).resolves.toBeDefined();
    } finally {
      await open.close();
    }
  });
});
