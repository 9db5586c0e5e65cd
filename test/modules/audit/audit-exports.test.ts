import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { column, csvOf, onClock, xlsxOf } from '../../helpers/exports.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct } from '../../helpers/stock.js';
import { waitFor } from '../../helpers/wait.js';

let t: Fixture<['manager']>;
let manager: ApiUser;
let product: { id: string; sku: string };

beforeAll(async () => {
  t = await setupApp({ users: ['manager'] });
  [manager] = t.users;
  product = await createProduct(t.app, manager.token, { name: 'Naplózott' });
});
afterAll(() => t.close());

describe('GET /audit-log?format=', () => {
  it("CSV of one entity's history: what the JSON list shows, on the Budapest clock", async () => {
    const listed = bodyOf(await t.admin.get(`/api/v1/audit-log?entity_id=${product.id}`)).items;
    expect(listed.length).toBeGreaterThan(0);
    const rows = csvOf(await t.admin.get(`/api/v1/audit-log?entity_id=${product.id}&format=csv`));
    expect(column(rows, 'Entry ID')).toEqual(listed.map((e: { id: string }) => e.id));
    expect(column(rows, 'User')).toEqual(listed.map(() => manager.username));
    expect(column(rows, 'Time')).toEqual(listed.map((e: { occurred_at: string }) => onClock(e.occurred_at)));
    expect(JSON.parse(column(rows, 'After')[0] ?? '{}')).toMatchObject({
      sku: product.sku,
      name: 'Naplózott',
    });
  });

  it('is for admins only, as the list: a manager gets 403', async () => {
    expect((await manager.api.get('/api/v1/audit-log?format=csv')).statusCode).toBe(403);
    expect((await manager.api.get('/api/v1/audit-log?format=xlsx')).statusCode).toBe(403);
  });

  it('exports are audited too, and an XLSX of the export entries lists them', async () => {
    await t.admin.get(`/api/v1/audit-log?entity_id=${product.id}&format=csv`);
    const exported = async () =>
      bodyOf(await t.admin.get('/api/v1/audit-log?action=audit-log.export')).items as {
        after: { format: string; filters: Record<string, unknown>; rows: number };
      }[];
    await waitFor(async () => (await exported()).length >= 2, 'the export audit rows');
    expect((await exported())[0]?.after).toMatchObject({
      format: 'csv',
      filters: { entity_id: product.id },
      rows: 1,
      complete: true,
    });
    const rows = await xlsxOf(await t.admin.get('/api/v1/audit-log?action=audit-log.export&format=xlsx'));
    expect(column(rows, 'Action').every((a) => a === 'audit-log.export')).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(3);
  });
});
