import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

interface Media {
  example?: unknown;
  examples?: unknown;
  schema?: { $ref?: string; examples?: unknown };
}

/** An example on the media object, or on the component schema it refers to. */
function hasExample(media: Media, spec: { components: { schemas: Record<string, { examples?: unknown }> } }) {
  if (media.example !== undefined || media.examples !== undefined || media.schema?.examples !== undefined)
    return true;
  const ref = media.schema?.$ref?.replace('#/components/schemas/', '');
  return ref !== undefined && spec.components.schemas[ref]?.examples !== undefined;
}

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('system endpoints', () => {
  it('GET /api names the service, its version, the business time zone and where the docs are', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Raktar',
      docs: '/docs',
      redoc: '/redoc',
      openapi: '/openapi.json',
      timezone: 'Europe/Budapest',
    });
    expect(res.json().version).toMatch(/^\d+\.\d+\.\d+/);
    const elsewhere = await buildTestApp({ timezone: 'America/Santiago' });
    try {
      expect((await elsewhere.app.inject({ method: 'GET', url: '/api' })).json().timezone).toBe(
        'America/Santiago',
      );
    } finally {
      await elsewhere.close();
    }
  });

  it('GET /ping answers ok', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ping' });
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /health reports the database, the scheduler and its jobs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('healthy');
    expect(body.database.status).toBe('ok');
    // The test app connects by URL, as with DATABASE_URL; the process tests cover the embedded server.
    expect(body.database.embedded).toBeNull();
    expect(body.scheduler).toBe('disabled');
    expect(Array.isArray(body.jobs)).toBe(true);
    expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
  });

  it('GET /metrics exposes request counts, latency, event-loop lag and pool usage', async () => {
    await t.app.inject({ method: 'GET', url: '/ping' });
    await t.app.inject({ method: 'GET', url: '/no-such-route' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/ping",status="200"\} \d+/);
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    expect(res.body).toContain('http_request_duration_seconds_bucket');
    expect(res.body).toContain('nodejs_eventloop_lag_seconds');
    expect(res.body).toMatch(/db_pool_connections\{state="total"\} \d+/);
  });

  it('serves /metrics to loopback callers only when no METRICS_TOKEN is set', async () => {
    const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(401);
    expect(remote.json().error_code).toBe('UNAUTHORIZED');
    expect(remote.body).not.toContain('http_requests_total');
  });

  it('with METRICS_TOKEN, serves /metrics to that bearer token only, from anywhere', async () => {
    const token = 'scrape-token-0123456789';
    const guarded = await buildTestApp({ metricsToken: token });
    try {
      const scrape = (headers: Record<string, string>) =>
        guarded.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers });
      expect((await scrape({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
      expect((await scrape({ authorization: 'Bearer wrong-token-0123456789' })).statusCode).toBe(401);
      expect((await scrape({})).statusCode).toBe(401);
      const local = await guarded.app.inject({ method: 'GET', url: '/metrics' });
      expect(local.statusCode).toBe(401);
    } finally {
      await guarded.close();
    }
  });

  it('serves Swagger UI at /docs and ReDoc at /redoc', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    expect(docs.body).toContain('swagger-ui');
    const bundle = await t.app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    const redoc = await t.app.inject({ method: 'GET', url: '/redoc' });
    expect(redoc.statusCode).toBe(200);
    expect(redoc.headers['content-type']).toContain('text/html');
    expect(redoc.body).toContain('spec-url="/openapi.json"');
    // Its script comes from this server (the npm package), so the page works offline.
    const src = /<script src="([^"]+)"/.exec(redoc.body)?.[1] ?? '';
    expect(src.startsWith('/')).toBe(true);
    const script = await t.app.inject({ method: 'GET', url: src });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.body.length).toBeGreaterThan(100_000);
  });

  it('publishes OpenAPI 3.1 where every operation has tags, a summary, schemas and an example', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.components.schemas.ErrorResponse).toBeDefined();
    // The document speaks of the API itself, not of the systems it was specified from.
    expect(res.body).not.toMatch(/\bseed \d{3}\b/i);
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Record<string, unknown>>).map(([method, op]) => ({
        path,
        method,
        op,
      })),
    );
    expect(operations.length).toBeGreaterThan(0);
    const checked = { public: 0, protected: 0 };
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.tags, where).toEqual(expect.arrayContaining([expect.any(String)]));
      expect(op.summary, where).toEqual(expect.any(String));
      // Public operations need no token; every other one documents 401 and 403.
      const rule = t.app.routeAccess.find(
        (r) => r.method === method.toUpperCase() && path === r.url.replace(/:(\w+)/g, '{$1}'),
      )?.rule;
      if (path.startsWith('/api/') && rule) {
        if ('public' in rule) expect(op.security, where).toEqual([]);
        else
          expect(Object.keys(op.responses as object), where).toEqual(expect.arrayContaining(['401', '403']));
        checked['public' in rule ? 'public' : 'protected'] += 1;
      }
      const responses = op.responses as Record<string, { content?: Record<string, Media> }>;
      const media = Object.values(responses).flatMap((r) => Object.values(r.content ?? {}));
      expect(media.length, where).toBeGreaterThan(0);
      const success = Object.entries(responses)
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([, r]) => Object.values(r.content ?? {}));
      // A 2xx with a body shows an example; a 204-only operation shows one on its error bodies.
      expect(
        (success.length ? success : media).some((m) => hasExample(m, spec)),
        `${where} has no example`,
      ).toBe(true);
      const body = (op.requestBody as { content?: Record<string, Media> } | undefined)?.content;
      if (body) {
        expect(
          Object.values(body).some((m) => hasExample(m, spec)),
          `${where} request body has no example`,
        ).toBe(true);
      }
    }
    // Every operation has its own operationId, and every tag used is declared.
    const ids = operations.map(({ op }) => op.operationId as string);
    expect(ids.every((id) => /^[a-z]+[A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const declared = new Set((spec.tags as { name: string; description: string }[]).map((tag) => tag.name));
    const used = new Set(operations.flatMap(({ op }) => op.tags as string[]));
    expect([...used].filter((tag) => !declared.has(tag))).toEqual([]);
    expect((spec.tags as { description?: string }[]).every((tag) => (tag.description ?? '').length > 0)).toBe(
      true,
    );
    expect(checked.public).toBeGreaterThan(3);
    expect(checked.protected).toBeGreaterThan(50);
  });
});

describe('health when the database is gone', () => {
  it('answers 503 unhealthy', async () => {
    const broken = await buildTestApp();
    try {
      await broken.database.close();
      const res = await broken.app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        status: 'unhealthy',
        database: { status: 'down', latency_ms: null },
      });
    } finally {
      await broken.close();
    }
  });
});
