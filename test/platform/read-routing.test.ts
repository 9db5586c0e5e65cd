// Replicas that cannot serve: one refuses connections, one has no such database. Lists, reports
// and exports still answer, from the primary; each replica is tried first (the warning says so).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseUrl } from '../helpers/databases.js';
import { freePort } from '../helpers/debian.js';
import { type Fixture, setupApp } from '../helpers/setup.js';

let t: Fixture<readonly ['viewer']>;

beforeAll(async () => {
  const closedPort = await freePort();
  t = await setupApp({
    users: ['viewer'],
    warehouse: true,
    config: {
      databaseReplicaUrls: [
        `postgres://postgres@127.0.0.1:${closedPort}/raktar`,
        databaseUrl(inject('serverUrl'), 'raktar_no_such_database'),
      ],
    },
  });
});

afterAll(async () => {
  await t?.close();
});

describe('read replicas that cannot serve', () => {
  it('answers lists, reports and exports from the primary, with what was just written', async () => {
    const created = await t.admin.post('/api/v1/products', { sku: 'RR-1', name: 'Routed' });
    expect(created.statusCode).toBe(201);
    // A reader with no write of its own is sent to a replica, which fails: the primary answers.
    const viewer = t.users[0].api;
    for (const url of ['/api/v1/products', '/api/v1/products?format=csv']) {
      const res = await viewer.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('RR-1');
    }
    const fallbacks = t.logs.filter((line) => line.msg === 'replica read failed; reading from the primary');
    expect(fallbacks.length).toBeGreaterThanOrEqual(1);
    // The writer reads its own write: it checks the replicas' replay first, and finds none usable.
    for (const url of [
      '/api/v1/products',
      '/api/v1/products?format=csv',
      `/api/v1/reports/stock-on-hand?warehouse_id=${t.warehouse.id}`,
    ]) {
      const res = await t.admin.get(url);
      expect(res.statusCode, url).toBe(200);
    }
    expect((await t.admin.get('/api/v1/products')).json().items.map((p: { sku: string }) => p.sku)).toContain(
      'RR-1',
    );
    expect((await t.admin.get('/api/v1/products?format=csv')).body).toContain('RR-1');
  });
});
