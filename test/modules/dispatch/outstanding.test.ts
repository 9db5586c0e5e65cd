import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { createSite, type Site, seedDispatch } from '../../helpers/dispatch.js';
import { type Fixture, setupApp } from '../../helpers/setup.js';

let t: Fixture<['manager', 'warehouse']>;
let site: Site;

/** The business date `days` ago in Budapest. */
function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Budapest' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse'] });
  site = await createSite(t.users[0].api);
  bodyOf(await t.users[0].api.put('/api/v1/dispatch/inventory', { hq: 50, nq: 50, reason: 'opening count' }));
});
afterAll(() => t.close());

describe('GET /dispatches/outstanding', () => {
  it('oldest first, with days out, the 0-3 / 4-7 / 8+ bands and overdue past 10 days', async () => {
    const operator = t.users[1].api;
    for (const days of [2, 12, 5, 10]) {
      bodyOf(
        await operator.post('/api/v1/dispatches', seedDispatch(site, 1, 0, { dispatch_date: daysAgo(days) })),
        201,
      );
    }
    // A moment is taken as its date in the business time zone: 22:30 UTC on a summer day is the next day in Budapest.
    const moment = bodyOf(
      await operator.post(
        '/api/v1/dispatches',
        seedDispatch(site, 1, 0, { dispatch_date: '2026-06-30T22:30:00Z' }),
      ),
      201,
    );
    expect(moment.dispatch_date).toBe('2026-07-01');
    expect((await t.admin.delete(`/api/v1/dispatches/${moment.id}`)).statusCode).toBe(204);
    const outstanding = bodyOf(await operator.get('/api/v1/dispatches/outstanding'));
    expect(
      outstanding.items.map((d: { days_out: number; band: string; is_overdue: boolean }) => [
        d.days_out,
        d.band,
        d.is_overdue,
      ]),
    ).toEqual([
      [12, '8+', true],
      [10, '8+', false],
      [5, '4-7', false],
      [2, '0-3', false],
    ]);
  });

  it('a returned dispatch counts its days to the return date', async () => {
    const operator = t.users[1].api;
    const d = bodyOf(
      await operator.post('/api/v1/dispatches', seedDispatch(site, 2, 0, { dispatch_date: daysAgo(9) })),
      201,
    );
    const back = bodyOf(
      await operator.post(`/api/v1/dispatches/${d.id}/return`, {
        returned_hq: 2,
        return_condition: 'good',
        return_date: daysAgo(6),
      }),
    );
    expect(back).toMatchObject({ status: 'returned', days_out: 3, is_match: true });
  });

  it('a base below what is out → 409 (in Hungarian too), and nothing is posted', async () => {
    const res = await t.users[0].api.put(
      '/api/v1/dispatch/inventory',
      { hq: 3 },
      { 'accept-language': 'hu' },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error_code: 'BASE_BELOW_OUTSTANDING',
      detail: 'A(z) HQ ládák alapkészlete nem lehet 3: 4 darab van kint kiszállításon.',
    });
    const inventory = bodyOf(await t.users[0].api.get('/api/v1/dispatch/inventory/'));
    expect(inventory.trays.HQ).toMatchObject({ base: 50, out: 4, on_hand: 46 });
  });

  it('setting the base is an audited adjustment', async () => {
    const audit = bodyOf(await t.admin.get('/api/v1/audit-log?action=dispatch.inventory.set'));
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].after).toEqual({ HQ: 50, NQ: 50 });
    const movements = bodyOf(await t.admin.get('/api/v1/stock-movements?movement_type=adjustment'));
    expect(movements.items.map((m: { quantity: number; reason: string }) => [m.quantity, m.reason])).toEqual([
      [50, 'opening count'],
      [50, 'opening count'],
    ]);
  });
});
