import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { createSite, type Site, seedDispatch } from '../../helpers/dispatch.js';
import { column, csvOf, xlsxOf } from '../../helpers/exports.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';

let t: Fixture<['manager', 'warehouse', 'viewer']>;
let operator: ApiUser;
let viewer: ApiUser;
let tricky: Site;
let plain: Site;

const NAME = 'Acme, "Best" Drilling Kft.';

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse', 'viewer'] });
  const manager = t.users[0];
  [, operator, viewer] = t.users;
  tricky = await createSite(manager.api, NAME);
  plain = await createSite(manager.api, 'Plain Kft.');
  bodyOf(await manager.api.put('/api/v1/dispatch/inventory', { hq: 50, nq: 50 }));
  const a = bodyOf(
    await operator.api.post(
      '/api/v1/dispatches',
      seedDispatch(tricky, 4, 2, {
        dispatch_date: '2026-01-05',
        notes: 'line one, "quoted"',
        sample_type: 'assay',
      }),
    ),
    201,
  );
  bodyOf(
    await operator.api.post(`/api/v1/dispatches/${a.id}/return`, {
      returned_hq: 4,
      returned_nq: 2,
      return_condition: 'Good',
      return_date: '2026-01-09',
    }),
  );
  const b = bodyOf(
    await operator.api.post('/api/v1/dispatches', seedDispatch(plain, 2, 0, { dispatch_date: '2026-02-10' })),
    201,
  );
  bodyOf(
    await operator.api.post(`/api/v1/dispatches/${b.id}/return`, {
      returned_hq: 2,
      return_condition: 'fair',
      return_date: '2026-02-12',
    }),
  );
  bodyOf(
    await operator.api.post('/api/v1/dispatches', seedDispatch(plain, 1, 1, { dispatch_date: '2026-02-20' })),
    201,
  );
});
afterAll(() => t.close());

describe('dispatch reports', () => {
  it('export: CSV by default, commas and quotes escaped, the seed’s columns', async () => {
    const res = await viewer.api.get('/api/v1/dispatch/reports/export');
    expect(res.body).toContain('"Acme, ""Best"" Drilling Kft."');
    expect(res.body).toContain('"line one, ""quoted"""');
    const rows = csvOf(res);
    expect(rows[0]?.slice(0, 7)).toEqual([
      'Dispatch number',
      'Dispatch date',
      'Company',
      'Project',
      'Drillhole',
      'HQ boxes',
      'NQ boxes',
    ]);
    expect(column(rows, 'Dispatch number')).toEqual(['DSP-000003', 'DSP-000002', 'DSP-000001']);
    expect(column(rows, 'Company')).toEqual(['Plain Kft.', 'Plain Kft.', NAME]);
    expect(column(rows, 'HQ boxes')).toEqual(['1', '2', '4']);
    expect(column(rows, 'Returned HQ')).toEqual(['0', '2', '4']);
    expect(column(rows, 'Days out')[1]).toBe('2');
    expect(column(rows, 'Days out')[2]).toBe('4');
  });

  it('export as XLSX and in Hungarian; GET /dispatches?format=csv filters as the list does', async () => {
    const rows = await xlsxOf(await viewer.api.get('/api/v1/dispatch/reports/export?format=xlsx'));
    expect(column(rows, 'HQ boxes')).toEqual([1, 2, 4]);
    const hu = csvOf(
      await viewer.api.get('/api/v1/dispatch/reports/export', undefined, { 'accept-language': 'hu' }),
    );
    expect(hu[0]?.[0]).toBe('Kiszállítás száma');
    expect(column(hu, 'Állapot')).toEqual(['kint lévő', 'visszaérkezett', 'visszaérkezett']);
    const filtered = csvOf(
      await viewer.api.get(`/api/v1/dispatches?format=csv&company_id=${tricky.companyId}`),
    );
    expect(column(filtered, 'Dispatch number')).toEqual(['DSP-000001']);
  });

  it('analytics: per company, project, sample type and month, with the average turnaround', async () => {
    const analytics = bodyOf(await viewer.api.get('/api/v1/dispatch/reports/analytics'));
    expect(analytics.by_company).toEqual([
      expect.objectContaining({
        key: NAME,
        dispatches: 1,
        hq_dispatched: 4,
        nq_dispatched: 2,
        avg_turnaround_days: 4,
      }),
      expect.objectContaining({ key: 'Plain Kft.', dispatches: 2, hq_dispatched: 3, avg_turnaround_days: 2 }),
    ]);
    expect(analytics.by_month.map((r: { key: string; dispatches: number }) => [r.key, r.dispatches])).toEqual(
      [
        ['2026-01', 1],
        ['2026-02', 2],
      ],
    );
    expect(analytics.by_sample_type.map((r: { key: string }) => r.key)).toEqual(['assay', 'core']);
    const rows = csvOf(
      await viewer.api.get('/api/v1/dispatch/reports/analytics?format=csv&date_from=2026-02-01'),
    );
    expect(column(rows, 'Group')).toEqual(['Plain Kft.', 'Project 2', 'core', '2026-02']);
    expect(column(rows, 'Average turnaround (days)')).toEqual(['2', '2', '2', '2']);
  });

  it('dashboard and reconciliation answer as files too', async () => {
    const dashboard = csvOf(await viewer.api.get('/api/v1/dispatch/reports/dashboard?format=csv'));
    const metrics = Object.fromEntries(dashboard.slice(1).map(([metric, value]) => [metric, value]));
    expect(metrics).toMatchObject({
      'inventory.base.hq': '50',
      'inventory.outstanding.hq': '1',
      'inventory.available.hq': '49',
      'dispatches.total': '3',
      'dispatches.match_rate': '100',
    });
    const reconciliation = csvOf(await viewer.api.get('/api/v1/dispatch/reports/reconciliation?format=csv'));
    expect(reconciliation).toHaveLength(1);
  });
});
