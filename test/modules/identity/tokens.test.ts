import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api } from '../../helpers/api.js';
import { createUser, loginAdmin } from '../../helpers/factories.js';
import { type Fixture, setupApp } from '../../helpers/setup.js';

let t: Fixture;
let adminToken: string;

beforeAll(async () => {
  t = await setupApp();
  adminToken = t.admin.token;
});
afterAll(() => t.close());

const post = (url: string, payload: unknown) => api(t.app).post(url, payload);
const meWith = (token: string) => api(t.app, token).get('/api/v1/auth/me');

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

describe('access tokens', () => {
  it('GET /me returns the user with role and module grants', async () => {
    const res = await meWith(adminToken);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'admin', role: 'admin', is_active: true });
    expect(res.json().modules).toContain('admin');
    expect(res.json()).not.toHaveProperty('password_hash');
  });

  it('refuses no token, a malformed header, a tampered, expired, foreign, alg:none, non-access, never-expiring or non-UUID-subject token', async () => {
    const me = await meWith(adminToken);
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
      const res = await api(t.app).get('/api/v1/auth/me', undefined, authorization ? { authorization } : {});
      expect(res.statusCode, name).toBe(401);
      // No bearer token at all asks for authentication; any token that fails is invalid.
      const expected = name === 'missing' || name === 'malformed' ? 'UNAUTHORIZED' : 'INVALID_TOKEN';
      expect(res.json().error_code, name).toBe(expected);
    }
  });

  it('a token accepted before is refused once it expires, and a changed byte is never accepted', async () => {
    const me = await meWith(adminToken);
    const adminId = me.json().id as string;
    const token = await sign({}, { sub: adminId, exp: '2m' });
    const call = meWith;
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
    const res = await meWith(pair.refresh_token);
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
    const me = await meWith(second.access_token);
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
    const user = await createUser(t.app, adminToken);
    await t.database.executeSql(
      "update refresh_tokens set expires_at = now() - interval '1 minute' where user_id = $1",
      [user.id],
    );
    const res = await post('/api/v1/auth/refresh', { refresh_token: user.refresh });
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
