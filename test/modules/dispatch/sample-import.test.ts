import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { createSite, seedDispatch } from '../../helpers/dispatch.js';
import { brief, csv, upload } from '../../helpers/imports.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';

let t: Fixture<['manager', 'warehouse']>;
let manager: ApiUser;
let dispatch: { id: string; dispatch_number: string };

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse'] });
  [manager] = t.users;
  const site = await createSite(manager.api);
  bodyOf(await manager.api.put('/api/v1/dispatch/inventory', { hq: 5, nq: 5 }));
  dispatch = bodyOf(await t.users[1].api.post('/api/v1/dispatches', seedDispatch(site, 1, 0)), 201);
  bodyOf(
    await manager.api.post('/api/v1/samples', {
      sample_id: 'EXISTING',
      dispatch_id: dispatch.id,
      from_depth: 0,
      to_depth: 1,
    }),
    201,
  );
});
afterAll(() => t.close());

describe('POST /imports/samples (CSV)', () => {
  it('a file with problems: every one listed by row and column, nothing written', async () => {
    const file = csv([
      ['sample_id', 'dispatch', 'from_depth', 'to_depth', 'sample_type'],
      ['EXISTING', dispatch.dispatch_number, 5, 6, 'core'],
      ['A-1', 'DSP-999999', 5, 6, 'core'],
      ['A-2', dispatch.dispatch_number, 7, 7, 'core'],
      ['A-3', dispatch.dispatch_number, 0.5, 2, 'assay'],
      ['A-4', dispatch.dispatch_number, 10, 11, 'core'],
      ['A-5', dispatch.dispatch_number, 10.5, 12, 'core'],
      ['a-4', dispatch.dispatch_number, 20, 21, 'core'],
    ]);
    const res = await upload(manager.api, 'samples', file);
    expect(res.statusCode).toBe(422);
    expect(brief(res.json())).toEqual([
      [2, 'sample_id', 'SAMPLE_ID_TAKEN'],
      [3, 'dispatch', 'DISPATCH_NOT_FOUND'],
      [4, 'to_depth', 'INVALID_DEPTH_INTERVAL'],
      [5, 'from_depth', 'SAMPLE_INTERVAL_OVERLAP'],
      [7, 'from_depth', 'SAMPLE_INTERVAL_OVERLAP'],
      [8, 'sample_id', 'DUPLICATE_IN_FILE'],
    ]);
    const samples = bodyOf(await manager.api.get('/api/v1/samples'));
    expect(samples.total).toBe(1);
  });

  it('a good file with Hungarian headers: every sample created, by dispatch number', async () => {
    const file = csv([
      ['Mintaazonosító', 'Kiszállítás', 'Mélységtől', 'Mélységig', 'Mintatípus'],
      ['B-1', dispatch.dispatch_number, 1, 2.5, 'vizsgálati'],
      ['B-2', dispatch.dispatch_number, 2.5, 4, 'mag'],
      ['B-1-D', dispatch.id, 1, 2.5, 'ismétlő'],
    ]);
    const res = await upload(manager.api, 'samples', file);
    expect(res.statusCode).toBe(201);
    expect(res.json().created).toEqual({ samples: 3 });
    const page = bodyOf(await manager.api.get(`/api/v1/dispatches/${dispatch.id}/samples`));
    expect(
      page.items.map((s: { sample_id: string; sample_type: string; from_depth: number }) => [
        s.sample_id,
        s.sample_type,
        s.from_depth,
      ]),
    ).toEqual([
      ['EXISTING', 'core', 0],
      ['B-1', 'assay', 1],
      ['B-1-D', 'duplicate', 1],
      ['B-2', 'core', 2.5],
    ]);
  });

  it('operators may not import samples (403)', async () => {
    const res = await upload(t.users[1].api, 'samples', csv([['sample_id'], ['X']]));
    expect(res.statusCode).toBe(403);
  });
});
