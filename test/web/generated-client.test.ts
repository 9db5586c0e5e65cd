import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessSource, schemaSource } from '../../scripts/web-client-sources.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const api = path.resolve(import.meta.dirname, '../../web/src/api');

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe("the web UI's generated client", () => {
  it('is the one the API generates today (run `npm run web:api` after changing a route)', {
    timeout: 120_000,
  }, async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(readFileSync(path.join(api, 'schema.d.ts'), 'utf8') === (await schemaSource(spec))).toBe(true);
    expect(readFileSync(path.join(api, 'access.gen.ts'), 'utf8')).toBe(accessSource(t.app));
  });
});
