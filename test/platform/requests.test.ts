import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  // Behind a proxy that terminates TLS, as production HTTPS usually is.
  t = await buildTestApp({ corsOrigins: ['https://ui.example.com'], trustProxy: true });
});
afterAll(() => t.close());

describe('request handling', () => {
  it('tolerates a trailing slash', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ping/' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers a text/plain body with 415 UNSUPPORTED_MEDIA_TYPE, in Hungarian too', async () => {
    for (const [locale, text] of [
      ['en', 'is not supported'],
      ['hu', 'nem támogatott'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'text/plain', 'accept-language': locale },
        payload: 'username=admin',
      });
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ error_code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(res.json().detail).toContain(text);
    }
  });

  it('honours a sent X-Request-Id and returns it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ping', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('generates a request id when none or an unsafe one is sent', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/ping' });
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await t.app.inject({ method: 'GET', url: '/ping', headers: { 'x-request-id': 'a b\nc' } });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one log line per request with method, path, status and duration', async () => {
    await t.app.inject({ method: 'GET', url: '/ping?secret=1', headers: { 'x-request-id': 'log-probe' } });
    const lines = t.logs.filter((line) => line.request_id === 'log-probe');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'GET', path: '/ping', status: 200, msg: 'request' });
    expect(typeof lines[0]?.duration_ms).toBe('number');
  });

  it('logs unknown routes in the same single line', async () => {
    await t.app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'log-404' } });
    const lines = t.logs.filter((line) => line.request_id === 'log-404');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 404 });
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ping' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('lets a route drop the content security policy and keep the rest', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/redoc' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends Strict-Transport-Security over HTTPS only', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/ping' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const tls = await t.app.inject({
      method: 'GET',
      url: '/ping',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('allows CORS only from configured origins', async () => {
    const allowed = await t.app.inject({
      method: 'OPTIONS',
      url: '/ping',
      headers: { origin: 'https://ui.example.com', 'access-control-request-method': 'GET' },
    });
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ui.example.com');
    const denied = await t.app.inject({
      method: 'GET',
      url: '/ping',
      headers: { origin: 'https://evil.example' },
    });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('compresses large responses with gzip and brotli', async () => {
    const gzip = await t.app.inject({
      method: 'GET',
      url: '/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const br = await t.app.inject({
      method: 'GET',
      url: '/openapi.json',
      headers: { 'accept-encoding': 'br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
  });
});
