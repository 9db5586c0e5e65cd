import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { createSite, type Site, seedDispatch } from '../../helpers/dispatch.js';
import { type Fixture, setupApp } from '../../helpers/setup.js';

let t: Fixture<['manager', 'warehouse']>;
let site: Site;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse'] });
  site = await createSite(t.users[0].api);
});
afterAll(() => t.close());

describe('the trays warehouse set up on first use, and retried dispatches', () => {
  it('a first request refused inside an idempotent transaction still leaves the set-up warehouse usable', async () => {
    const operator = t.users[1].api;
    const refused = await operator.post('/api/v1/dispatches', seedDispatch(site, 1, 0), {
      'idempotency-key': 'first-dispatch-ever',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().available).toEqual({ HQ: 0, NQ: 0 });
    const inventory = bodyOf(await t.users[0].api.put('/api/v1/dispatch/inventory', { hq: 20, nq: 10 }));
    expect(inventory.trays).toEqual({
      HQ: { sku: 'TRAY-HQ', base: 20, on_hand: 20, out: 0, available: 20, quarantined: 0 },
      NQ: { sku: 'TRAY-NQ', base: 10, on_hand: 10, out: 0, available: 10, quarantined: 0 },
    });
    const warehouses = bodyOf(await t.admin.get('/api/v1/warehouses?search=TRAYS'));
    expect(warehouses.items.map((w: { code: string }) => w.code)).toEqual(['TRAYS']);
  });

  it('the same Idempotency-Key twice: one dispatch, trays taken once', async () => {
    const operator = t.users[1].api;
    const headers = { 'idempotency-key': 'dispatch-retry-1' };
    const first = bodyOf(await operator.post('/api/v1/dispatches', seedDispatch(site, 4, 2), headers), 201);
    const again = bodyOf(await operator.post('/api/v1/dispatches', seedDispatch(site, 4, 2), headers), 201);
    expect(again.id).toBe(first.id);
    expect(first.dispatch_number).toBe('DSP-000001');
    const available = bodyOf(await operator.get('/api/v1/dispatch/inventory/available'));
    expect(available).toEqual({ hq: 16, nq: 8, trays: { HQ: 16, NQ: 8 } });
  });
});
