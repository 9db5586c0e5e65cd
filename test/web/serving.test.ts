import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, waitForMail } from '../helpers/smtp.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const INDEX =
  '<!doctype html><html><body><div id="root"></div><script src="/assets/app-1.js"></script></body></html>';

let t: TestApp;
let bare: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const webDir = mkdtempSync(path.join(tmpdir(), 'raktar-web-'));

beforeAll(async () => {
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'index.html'), INDEX);
  writeFileSync(path.join(webDir, 'assets', 'app-1.js'), 'console.log("ui")');
  smtp = await startSmtpServer();
  t = await buildTestApp({ webDir, smtpUrl: smtp.url, publicUrl: 'https://raktar.example.com' });
  bare = await buildTestApp({ webDir: path.join(webDir, 'missing') });
});
afterAll(async () => {
  await t?.close();
  await bare?.close();
  await smtp?.close();
  rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, app = t) =>
  app.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });

describe('the web UI served at /', () => {
  it('serves index.html at / and for client routes, revalidated on every load', async () => {
    for (const url of ['/', '/products', '/stock/receive', '/login?next=%2F']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toBe(INDEX);
    }
  });

  it('serves hashed assets cached for good', async () => {
    const res = await get('/assets/app-1.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps the JSON 404 for unknown API paths, documentation paths, files and other methods', async () => {
    for (const url of [
      '/api/v1/nothing-here',
      '/api/nothing',
      '/docs/nothing',
      '/health/x',
      '/assets/gone.js',
      '/x.png',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error_code, url).toBe('ROUTE_NOT_FOUND');
    }
    const post = await t.app.inject({ method: 'POST', url: '/products', payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.json().error_code).toBe('ROUTE_NOT_FOUND');
  });

  it('answers the service info at /api', async () => {
    const res = await get('/api');
    expect(res.json()).toMatchObject({ name: 'Raktar', docs: '/docs', openapi: '/openapi.json' });
  });

  it('opens the mailed password-reset link on the UI', async () => {
    const user = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/forgot-password',
      payload: { email: 'admin@raktar.test' },
    });
    expect(user.statusCode).toBe(202);
    const mail = await waitForMail(smtp.inbox);
    const text = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = /https:\/\/raktar\.example\.com(\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(text)?.[1];
    expect(link).toBeDefined();
    const page = await get(link ?? '');
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(INDEX);
  });

  it('without a built UI, / and client routes are the JSON 404 and the API still works', async () => {
    expect((await get('/', bare)).statusCode).toBe(404);
    expect((await get('/products', bare)).json().error_code).toBe('ROUTE_NOT_FOUND');
    expect((await get('/api', bare)).statusCode).toBe(200);
  });
});
