import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { createSite, seedDispatch } from '../../helpers/dispatch.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';

let t: Fixture<['manager', 'warehouse']>;
let operator: ApiUser;
let dispatchId: string;
let otherDispatchId: string;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse'] });
  const manager = t.users[0];
  operator = t.users[1];
  const site = await createSite(manager.api);
  const other = await createSite(manager.api);
  bodyOf(await manager.api.put('/api/v1/dispatch/inventory', { trays: { HQ: 10, NQ: 10 } }));
  dispatchId = bodyOf(await operator.api.post('/api/v1/dispatches', seedDispatch(site, 1, 0)), 201).id;
  otherDispatchId = bodyOf(await operator.api.post('/api/v1/dispatches', seedDispatch(other, 1, 0)), 201).id;
  bodyOf(
    await operator.api.post('/api/v1/samples', {
      sample_id: 'S-001',
      dispatch_id: dispatchId,
      from_depth: 10,
      to_depth: 11.5,
      sample_type: 'assay',
    }),
    201,
  );
});
afterAll(() => t.close());

const sample = (id: string, from: number, to: number, extra: Record<string, unknown> = {}) => ({
  sample_id: id,
  dispatch_id: dispatchId,
  from_depth: from,
  to_depth: to,
  ...extra,
});

describe('samples', () => {
  it('from ≥ to → 422 (in Hungarian too); a negative depth → 422', async () => {
    const equal = await operator.api.post('/api/v1/samples', sample('S-100', 12, 12));
    expect(equal.statusCode).toBe(422);
    expect(equal.json().error_code).toBe('INVALID_DEPTH_INTERVAL');
    const hu = await operator.api.post('/api/v1/samples', sample('S-100', 13, 12), {
      'accept-language': 'hu',
    });
    expect(hu.json().detail).toBe('A kezdő mélységnek (13) kisebbnek kell lennie a záró mélységnél (12).');
    const negative = await operator.api.post('/api/v1/samples', sample('S-100', -1, 2));
    expect(negative.statusCode).toBe(422);
    expect(negative.json().error_code).toBe('VALIDATION_ERROR');
  });

  it('a duplicate sample id → 409, whatever its case', async () => {
    const res = await operator.api.post('/api/v1/samples', sample('s-001', 50, 51));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error_code: 'SAMPLE_ID_TAKEN' });
    const hu = await operator.api.post('/api/v1/samples', sample('S-001', 50, 51), {
      'accept-language': 'hu',
    });
    expect(hu.json().detail).toBe('A(z) S-001 mintaazonosító már létezik.');
  });

  it('an overlapping interval on the hole → 409 unless typed as a duplicate; touching ends do not overlap', async () => {
    const overlap = await operator.api.post('/api/v1/samples', sample('S-002', 11, 12));
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({ error_code: 'SAMPLE_INTERVAL_OVERLAP' });
    expect(overlap.json().detail).toBe('The interval 11–12 m overlaps sample S-001 on this drillhole.');
    bodyOf(await operator.api.post('/api/v1/samples', sample('S-003', 11.5, 12)), 201);
    const duplicate = bodyOf(
      await operator.api.post('/api/v1/samples', sample('S-001-D', 10, 11.5, { sample_type: 'duplicate' })),
      201,
    );
    expect(duplicate).toMatchObject({
      sample_type: 'duplicate',
      from_depth: 10,
      to_depth: 11.5,
      status: 'collected',
    });
    // Another hole's intervals are its own.
    bodyOf(
      await operator.api.post('/api/v1/samples', {
        ...sample('S-OTHER', 10, 11.5),
        dispatch_id: otherDispatchId,
      }),
      201,
    );
  });

  it('an unknown dispatch → 404, never 500; a drillhole not the dispatch’s → 422', async () => {
    const res = await operator.api.post('/api/v1/samples', {
      ...sample('S-404', 100, 101),
      dispatch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e00',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error_code).toBe('DISPATCH_NOT_FOUND');
    const list = await operator.api.get('/api/v1/dispatches/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e00/samples');
    expect(list.statusCode).toBe(404);
    const mismatch = await operator.api.post('/api/v1/samples', {
      ...sample('S-X', 100, 101),
      drillhole_id: otherDispatchId,
    });
    expect(mismatch.statusCode).toBe(422);
  });

  it('status moves collected → processing → completed, never skipping or back; stale version → 412', async () => {
    const s = bodyOf(await operator.api.post('/api/v1/samples', sample('S-FLOW', 200, 201)), 201);
    const skip = await operator.api.patch(`/api/v1/samples/${s.id}`, { status: 'completed' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error_code).toBe('ILLEGAL_STATUS_TRANSITION');
    const processing = bodyOf(
      await operator.api.patch(`/api/v1/samples/${s.id}`, { status: 'processing', version: 1 }),
    );
    expect(processing).toMatchObject({ status: 'processing', version: 2 });
    expect((await operator.api.patch(`/api/v1/samples/${s.id}`, { notes: 'x', version: 1 })).statusCode).toBe(
      412,
    );
    bodyOf(await operator.api.put(`/api/v1/samples/${s.id}`, { status: 'completed' }));
    const back = await operator.api.patch(
      `/api/v1/samples/${s.id}`,
      { status: 'collected' },
      {
        'accept-language': 'hu',
      },
    );
    expect(back.statusCode).toBe(409);
    expect(back.json().detail).toBe('A(z) befejezett állapotú minta esetén nem hajtható végre: begyűjtés.');
  });

  it('GET /dispatches/{id}/samples lists the dispatch’s samples by depth', async () => {
    const page = bodyOf(await operator.api.get(`/api/v1/dispatches/${dispatchId}/samples`));
    expect(page.items.map((s: { sample_id: string }) => s.sample_id)).toEqual([
      'S-001',
      'S-001-D',
      'S-003',
      'S-FLOW',
    ]);
    expect(page.total).toBe(4);
    const dashboard = bodyOf(await operator.api.get('/api/v1/dispatch/reports/dashboard'));
    expect(dashboard.samples).toEqual({ total: 5, outstanding: 4 });
  });

  it('a dispatch with samples cannot be deleted', async () => {
    const res = await t.admin.delete(`/api/v1/dispatches/${dispatchId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error_code).toBe('DISPATCH_HAS_SAMPLES');
  });
});
