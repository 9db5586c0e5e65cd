import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/api.js';
import { type Fixture, setupApp } from '../../helpers/setup.js';
import { ADMIN_PASSWORD } from '../../helpers/test-app.js';

let t: Fixture;

beforeAll(async () => {
  t = await setupApp();
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  api(t.app).post(url, payload, headers);
const meWith = (token: string) => api(t.app, token).get('/api/v1/auth/me');

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
    const form = await post(
      '/api/v1/auth/login',
      `grant_type=password&username=admin&password=${encodeURIComponent(ADMIN_PASSWORD)}`,
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
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
    const form = await post(
      '/api/v1/auth/login',
      `email=ADMIN%40raktar.test&password=${encodeURIComponent(ADMIN_PASSWORD)}`,
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
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
    const form = await post('/api/v1/auth/login', 'email=ghost%40raktar.test&password=x', {
      'content-type': 'application/x-www-form-urlencoded',
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
    const formNeither = await post(
      '/api/v1/auth/login',
      `grant_type=password&password=${encodeURIComponent(ADMIN_PASSWORD)}`,
      { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'hu' },
    );
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
