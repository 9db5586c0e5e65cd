import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { createSite, type Site, seedDispatch } from '../../helpers/dispatch.js';
import { type Fixture, setupApp } from '../../helpers/setup.js';

// A fresh database: the trays warehouse, its quarantine bin and the tray products do not exist yet.
let t: Fixture<['manager', 'warehouse']>;
let site: Site;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse'] });
  site = await createSite(t.users[0].api);
});
afterAll(() => t.close());

async function setupRows(): Promise<number> {
  const { rows } = await t.database.executeSql(
    `select (select count(*) from warehouses) + (select count(*) from bins) + (select count(*) from products) as n`,
  );
  return Number(rows[0]?.n);
}

describe('the first use of tray dispatch', () => {
  it('refuses dispatches and returns without creating the trays warehouse, then sets it up with the base', async () => {
    const operator = t.users[1].api;
    const before = await setupRows();
    const unknown = '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e71';
    const refused = [
      await operator.post(`/api/v1/dispatches/${unknown}/return`, {
        returned_hq: 1,
        returned_nq: 0,
        return_condition: 'Good',
      }),
      await operator.post(`/api/v1/dispatches/${unknown}/return`, {
        trays: { aisle: 3 },
        return_condition: 'Good',
      }),
      await operator.post('/api/v1/dispatches', { ...seedDispatch(site, 1, 0), project_id: 'NO-SUCH' }),
      await t.admin.delete(`/api/v1/dispatches/${unknown}`),
      await t.users[0].api.put('/api/v1/dispatch/inventory', { trays: { aisle: 100 } }),
    ];
    expect(refused.map((res) => res.statusCode)).toEqual([404, 422, 404, 404, 422]);
    // Nothing was ever counted in: every tray asked for is short.
    const short = await operator.post('/api/v1/dispatches', seedDispatch(site, 3, 2));
    expect(short.statusCode).toBe(409);
    expect(short.json()).toMatchObject({ error_code: 'INSUFFICIENT_STOCK', available: { HQ: 0, NQ: 0 } });
    expect(await setupRows()).toBe(before);

    bodyOf(await t.users[0].api.put('/api/v1/dispatch/inventory', { hq: 10, nq: 10 }));
    expect(await setupRows()).toBeGreaterThan(before);
    const sent = await operator.post('/api/v1/dispatches', seedDispatch(site, 3, 2));
    expect(sent.statusCode, sent.body).toBe(201);
  });
});
