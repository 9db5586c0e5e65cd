import { Valkey } from 'iovalkey';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ loginMaxFailures: 5, loginMaxFailuresPerIp: 10, loginFailureWindowSeconds: 60 });
});
afterAll(() => t.close());

const attempt = (username: string, password: string, ip = '10.1.1.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

describe('failed-login throttling per IP and account, and per IP', () => {
  it('allows 5 failures, then answers 429 with Retry-After even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('admin', 'wrong')).statusCode).toBe(401);
    const blocked = await attempt('admin', ADMIN_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error_code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('does not block the same username from another IP, nor another username from this IP', async () => {
    expect((await attempt('admin', ADMIN_PASSWORD, '10.2.2.2')).statusCode).toBe(200);
    expect((await attempt('someone-else', 'wrong')).statusCode).toBe(401);
  });

  it('a successful login clears the failures', async () => {
    for (let i = 0; i < 4; i++) await attempt('admin', 'wrong', '10.3.3.3');
    expect((await attempt('admin', ADMIN_PASSWORD, '10.3.3.3')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('admin', 'wrong', '10.3.3.3')).statusCode).toBe(401);
  });

  it('counts the username and the e-mail address of one account together', async () => {
    const ip = '10.5.5.5';
    for (let i = 0; i < 3; i++) expect((await attempt('admin', 'wrong', ip)).statusCode).toBe(401);
    for (let i = 0; i < 2; i++)
      expect((await attempt('ADMIN@raktar.test', 'wrong', ip)).statusCode).toBe(401);
    expect((await attempt('admin@raktar.test', ADMIN_PASSWORD, ip)).statusCode).toBe(429);
    expect((await attempt('admin', ADMIN_PASSWORD, ip)).statusCode).toBe(429);
    if (process.env.TEST_VALKEY_URL) {
      // The shared counters live under this deployment's VALKEY_PREFIX.
      const valkey = new Valkey(process.env.TEST_VALKEY_URL);
      try {
        expect((await valkey.keys(`${t.config.valkeyPrefix}login-fail*`)).length).toBeGreaterThan(0);
      } finally {
        valkey.disconnect();
      }
    }
  });

  it('counts the email field with the username field, and an unknown e-mail like an unknown name', async () => {
    const ip = '10.8.8.8';
    const byEmail = (email: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
        remoteAddress: ip,
      });
    for (let i = 0; i < 3; i++) expect((await byEmail('Admin@Raktar.test', 'wrong')).statusCode).toBe(401);
    for (let i = 0; i < 2; i++) expect((await attempt('admin', 'wrong', ip)).statusCode).toBe(401);
    expect((await byEmail('admin@raktar.test', ADMIN_PASSWORD)).statusCode).toBe(429);
    expect((await attempt('admin', ADMIN_PASSWORD, ip)).statusCode).toBe(429);
    // An address no account has: its own counter, the same as that text typed as a username.
    for (let i = 0; i < 3; i++) expect((await byEmail('ghost@raktar.test', 'x')).statusCode).toBe(401);
    for (let i = 0; i < 2; i++) expect((await attempt('GHOST@raktar.test', 'x', ip)).statusCode).toBe(401);
    expect((await byEmail('ghost@raktar.test', 'x')).statusCode).toBe(429);
  });

  it('limits one IP trying many names, whatever the names', async () => {
    const ip = '10.6.6.6';
    for (let i = 0; i < 10; i++) expect((await attempt(`spray-${i}`, 'wrong', ip)).statusCode).toBe(401);
    expect((await attempt('admin', ADMIN_PASSWORD, ip)).statusCode).toBe(429);
    expect((await attempt('admin', ADMIN_PASSWORD, '10.7.7.7')).statusCode).toBe(200);
  });
});
