import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../helpers/exports.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const EXPORTABLE = [
  '/api/v1/products',
  '/api/v1/stock-movements',
  '/api/v1/purchase-orders',
  '/api/v1/sales-orders',
  '/api/v1/work-orders',
  '/api/v1/audit-log',
];

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('exportable lists in the OpenAPI document', () => {
  it('each takes `format` (json, csv, xlsx) and answers JSON, text/csv or XLSX with 200', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of EXPORTABLE) {
      const operation = spec.paths[path].get;
      const format = operation.parameters.find((p: { name: string }) => p.name === 'format');
      expect(format, path).toMatchObject({ in: 'query', required: false });
      expect(format.schema.enum, path).toEqual(['json', 'csv', 'xlsx']);
      expect(Object.keys(operation.responses['200'].content).sort(), path).toEqual(
        ['application/json', 'text/csv', XLSX_TYPE].sort(),
      );
      // Paging parameters stay documented for the JSON page.
      expect(
        operation.parameters.map((p: { name: string }) => p.name),
        path,
      ).toContain('page_size');
    }
  });
});
