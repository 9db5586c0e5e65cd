import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ loginMaxFailures: 5, loginFailureWindowSeconds: 60 });
});
afterAll(() => t.close());

const attempt = (username: string, password: string, ip = '10.1.1.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

describe('failed-login throttling per IP and username', () => {
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
});
