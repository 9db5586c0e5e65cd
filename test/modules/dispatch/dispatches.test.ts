import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { createSite, type Site, seedDispatch } from '../../helpers/dispatch.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { verifyLedger } from '../../helpers/stock.js';

let t: Fixture<['manager', 'warehouse', 'viewer']>;
let manager: ApiUser;
let operator: ApiUser;
let site: Site;

const inventory = async () => bodyOf(await manager.api.get('/api/v1/dispatch/inventory'));
const available = async () => bodyOf(await manager.api.get('/api/v1/dispatch/inventory/available'));

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse', 'viewer'] });
  [manager, operator] = t.users;
  site = await createSite(manager.api);
  bodyOf(await manager.api.put('/api/v1/dispatch/inventory', { hq: 100, nq: 100 }));
});
afterAll(() => t.close());

describe('dispatch, return, reconcile (seed 002)', () => {
  let first: { id: string; version: number };

  it('base 100/100, dispatch 10 HQ + 5 NQ → available 90/95, outstanding at 0 days', async () => {
    const created = bodyOf(await operator.api.post('/api/v1/dispatches', seedDispatch(site, 10, 5)), 201);
    first = created;
    expect(created.dispatch_number).toBe('DSP-000001');
    expect(created).toMatchObject({
      status: 'outstanding',
      hq_boxes: 10,
      nq_boxes: 5,
      returned_hq: 0,
      returned_nq: 0,
      is_match: false,
      days_out: 0,
      project_name: 'Project 1',
      drillhole_name: 'DH-1',
      company_name: 'Company 1',
    });
    expect(await available()).toEqual({ hq: 90, nq: 95, trays: { HQ: 90, NQ: 95 } });
    const inv = await inventory();
    expect(inv.base).toEqual({ hq: 100, nq: 100 });
    expect(inv.outstanding).toEqual({ hq: 10, nq: 5 });
    const outstanding = bodyOf(await operator.api.get('/api/v1/dispatches/outstanding'));
    expect(outstanding.overdue_after_days).toBe(10);
    expect(outstanding.items.map((d: { dispatch_number: string }) => d.dispatch_number)).toEqual([
      'DSP-000001',
    ]);
    expect(outstanding.items[0]).toMatchObject({ days_out: 0, band: '0-3', is_overdue: false });
  });

  it('a dispatch beyond available → 409 with available per type, nothing moves and no number is used', async () => {
    const res = await operator.api.post('/api/v1/dispatches', seedDispatch(site, 91, 5));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error_code: 'INSUFFICIENT_STOCK', available: { HQ: 90, NQ: 95 } });
    const hu = await operator.api.post('/api/v1/dispatches', seedDispatch(site, 91, 0), {
      'accept-language': 'hu',
    });
    expect(hu.json().detail).toBe('Nincs elég elérhető láda (HQ); semmi sem lett könyvelve.');
    expect(await available()).toEqual({ hq: 90, nq: 95, trays: { HQ: 90, NQ: 95 } });
    const list = bodyOf(await manager.api.get('/api/v1/dispatches'));
    expect(list.total).toBe(1);
  });

  it('zero trays → 422, an unknown tray type → 422, a drillhole of another project → 422', async () => {
    const zero = await operator.api.post('/api/v1/dispatches', seedDispatch(site, 0, 0));
    expect(zero.statusCode).toBe(422);
    expect(zero.json().error_code).toBe('NO_TRAYS');
    const pq = await operator.api.post('/api/v1/dispatches', {
      ...seedDispatch(site, 0, 0),
      trays: { PQ: 1 },
    });
    expect(pq.json().error_code).toBe('UNKNOWN_TRAY_TYPE');
    const other = await createSite(manager.api);
    const mixed = await operator.api.post('/api/v1/dispatches', {
      ...seedDispatch(site, 1, 0),
      drillhole_id: other.drillholeId,
    });
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json().error_code).toBe('DRILLHOLE_NOT_IN_PROJECT');
    const company = await operator.api.post('/api/v1/dispatches', {
      ...seedDispatch(site, 1, 0),
      company_id: other.companyId,
    });
    expect(company.json().error_code).toBe('COMPANY_NOT_OF_PROJECT');
  });

  it('return 9 HQ + 5 NQ Damaged → partially_returned, −1 HQ, trays in quarantine, match rate excludes it', async () => {
    const returned = bodyOf(
      await operator.api.post(`/api/v1/dispatches/${first.id}/return`, {
        returned_hq: 9,
        returned_nq: 5,
        return_condition: 'DAMAGED',
        return_notes: 'Wet boxes',
      }),
    );
    expect(returned).toMatchObject({
      status: 'partially_returned',
      returned_hq: 9,
      returned_nq: 5,
      is_match: false,
      discrepancy: { HQ: -1, NQ: 0 },
      return_condition: 'damaged',
    });
    const inv = await inventory();
    expect(inv.quarantined).toEqual({ hq: 9, nq: 5 });
    expect(inv.available).toEqual({ hq: 90, nq: 95 });
    expect(inv.outstanding).toEqual({ hq: 1, nq: 0 });
    expect(inv.base).toEqual({ hq: 100, nq: 100 });

    const second = bodyOf(await operator.api.post('/api/v1/dispatches', seedDispatch(site, 2, 0)), 201);
    bodyOf(
      await operator.api.post(`/api/v1/dispatches/${second.id}/return`, {
        returned_hq: 2,
        returned_nq: 0,
        return_condition: 'good',
      }),
    );
    const dashboard = bodyOf(await manager.api.get('/api/v1/dispatch/reports/dashboard'));
    expect(dashboard).toEqual({
      inventory: { base: { hq: 100, nq: 100 }, outstanding: { hq: 1, nq: 0 }, available: { hq: 90, nq: 95 } },
      dispatches: { total: 2, outstanding: 1, returned: 1, match_rate: 100 },
      samples: { total: 0, outstanding: 0 },
    });
    const reconciliation = bodyOf(await manager.api.get('/api/v1/dispatch/reports/reconciliation'));
    expect(reconciliation.outstanding.map((d: { dispatch_number: string }) => d.dispatch_number)).toEqual([
      'DSP-000001',
    ]);
    expect(reconciliation.discrepancies).toEqual([
      expect.objectContaining({
        dispatch_number: 'DSP-000001',
        hq_dispatched: 10,
        hq_returned: 9,
        hq_difference: -1,
        nq_dispatched: 5,
        nq_returned: 5,
        nq_difference: 0,
      }),
    ]);
  });

  it('returning more than is out → 409; the rest written off by a manager closes it, audited', async () => {
    const over = await operator.api.post(`/api/v1/dispatches/${first.id}/return`, {
      returned_hq: 2,
      return_condition: 'Good',
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error_code).toBe('OVER_RETURN');
    const byOperator = await operator.api.post(`/api/v1/dispatches/${first.id}/write-off`, {
      reason: 'lost',
    });
    expect(byOperator.statusCode).toBe(403);
    const closed = bodyOf(
      await manager.api.post(`/api/v1/dispatches/${first.id}/write-off`, { reason: 'Lost at the core shed' }),
    );
    expect(closed).toMatchObject({
      status: 'returned',
      is_match: false,
      write_off_reason: 'Lost at the core shed',
    });
    expect(closed.trays.HQ).toEqual({ dispatched: 10, returned: 9, written_off: 1 });
    const again = await operator.api.post(`/api/v1/dispatches/${first.id}/return`, {
      returned_hq: 1,
      return_condition: 'Good',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error_code).toBe('DISPATCH_ALREADY_RETURNED');
    const inv = await inventory();
    expect(inv.base).toEqual({ hq: 99, nq: 100 });
    const dashboard = bodyOf(await manager.api.get('/api/v1/dispatch/reports/dashboard'));
    expect(dashboard.dispatches).toEqual({ total: 2, outstanding: 0, returned: 2, match_rate: 50 });
    const audit = bodyOf(await t.admin.get('/api/v1/audit-log?action=dispatch.write_off'));
    expect(audit.items).toHaveLength(1);
  });

  it('two edits with the same version → the second is 412; new counts post only the difference', async () => {
    const d = bodyOf(await operator.api.post('/api/v1/dispatches', seedDispatch(site, 3, 0)), 201);
    const before = await available();
    const edited = bodyOf(
      await operator.api.patch(`/api/v1/dispatches/${d.id}`, { hq_boxes: 5, version: d.version }),
    );
    expect(edited.hq_boxes).toBe(5);
    expect((await available()).hq).toBe(before.hq - 2);
    const stale = await operator.api.put(`/api/v1/dispatches/${d.id}`, {
      driver: 'Szabó',
      version: d.version,
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error_code).toBe('STALE_VERSION');
    bodyOf(
      await operator.api.post(`/api/v1/dispatches/${d.id}/return`, {
        returned_hq: 1,
        return_condition: 'fair',
      }),
    );
    const frozen = await operator.api.patch(`/api/v1/dispatches/${d.id}`, { hq_boxes: 4 });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error_code).toBe('DISPATCH_COUNTS_FROZEN');
    const deleteReturned = await t.admin.delete(`/api/v1/dispatches/${d.id}`);
    expect(deleteReturned.json().error_code).toBe('DISPATCH_HAS_RETURNS');
  });

  it('delete (admin only) puts the trays back; paths answer with and without a trailing slash', async () => {
    const before = await available();
    const d = bodyOf(
      await operator.api.post('/api/v1/dispatches/', {
        ...seedDispatch(site, 0, 0),
        trays: { hq: 4, NQ: 1 },
      }),
      201,
    );
    expect(await available()).toMatchObject({ hq: before.hq - 4, nq: before.nq - 1 });
    expect((await operator.api.delete(`/api/v1/dispatches/${d.id}`)).statusCode).toBe(403);
    expect((await t.admin.delete(`/api/v1/dispatches/${d.id}/`)).statusCode).toBe(204);
    expect(await available()).toMatchObject({ hq: before.hq, nq: before.nq });
    expect((await manager.api.get(`/api/v1/dispatches/${d.id}`)).statusCode).toBe(404);
    await verifyLedger(t.app, t.admin.token);
  });

  it('an operator may not set the base (403); a viewer may not dispatch (403); no token → 401', async () => {
    const res = await operator.api.put('/api/v1/dispatch/inventory', { hq: 5 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error_code).toBe('FORBIDDEN');
    expect((await t.users[2].api.post('/api/v1/dispatches', seedDispatch(site, 1, 0))).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dispatches' })).statusCode).toBe(401);
  });

  it('lists filter by status, newest first; unknown ids are 404', async () => {
    const returned = bodyOf(
      await manager.api.get('/api/v1/dispatches?status_filter=returned&limit=10&skip=0'),
    );
    expect(returned.items.map((d: { dispatch_number: string }) => d.dispatch_number)).toEqual([
      'DSP-000002',
      'DSP-000001',
    ]);
    const missing = await manager.api.get('/api/v1/dispatches/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e00');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error_code).toBe('DISPATCH_NOT_FOUND');
    const bad = await manager.api.get('/api/v1/dispatches?status=lost');
    expect(bad.statusCode).toBe(422);
  });
});
