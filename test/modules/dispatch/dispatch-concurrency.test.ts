import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { createSite, type Site, seedDispatch } from '../../helpers/dispatch.js';
import { type Fixture, setupApp } from '../../helpers/setup.js';
import { verifyLedger } from '../../helpers/stock.js';

let t: Fixture<['manager', 'warehouse']>;
let site: Site;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse'] });
  site = await createSite(t.users[0].api);
  bodyOf(await t.users[0].api.put('/api/v1/dispatch/inventory', { hq: 100, nq: 0 }));
});
afterAll(() => t.close());

describe('concurrent dispatches', () => {
  it('50 dispatches of 3 HQ against 100 trays: 33 succeed, 17 are 409, never more than 100 out', async () => {
    const operator = t.users[1].api;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => operator.post('/api/v1/dispatches', seedDispatch(site, 3, 0))),
    );
    const codes = results.map((res) => res.statusCode);
    expect(codes.filter((code) => code === 201)).toHaveLength(33);
    expect(codes.filter((code) => code === 409)).toHaveLength(17);
    const numbers = results
      .filter((res) => res.statusCode === 201)
      .map((res) => res.json().dispatch_number)
      .sort();
    expect(numbers).toEqual(Array.from({ length: 33 }, (_, i) => `DSP-${String(i + 1).padStart(6, '0')}`));
    const inventory = bodyOf(await operator.get('/api/v1/dispatch/inventory'));
    expect(inventory.trays.HQ).toMatchObject({ base: 100, on_hand: 1, out: 99, available: 1 });
    await verifyLedger(t.app, t.admin.token);
  });

  it('the base set while dispatches run stays base = on hand + out', async () => {
    const operator = t.users[1].api;
    const manager = t.users[0].api;
    const [, ...dispatched] = await Promise.all([
      manager.put('/api/v1/dispatch/inventory', { hq: 130 }),
      ...Array.from({ length: 10 }, () => operator.post('/api/v1/dispatches', seedDispatch(site, 1, 0))),
    ]);
    const ok = dispatched.filter((res) => res.statusCode === 201).length;
    const inventory = bodyOf(await operator.get('/api/v1/dispatch/inventory'));
    expect(inventory.trays.HQ.base).toBe(130);
    expect(inventory.trays.HQ.out).toBe(99 + ok);
    expect(inventory.trays.HQ.on_hand).toBe(130 - 99 - ok);
  });
});
