import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Roles } from '../../../src/platform/access.js';
import { bearer, createUser, loginAdmin, type TestUser } from '../../helpers/factories.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let admin: string;
let worker: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  // A route of the inventory module, as the inventory endpoints declare it.
  t.app.get(
    '/api/v1/probe/inventory',
    { config: { access: { roles: Roles.staff, module: 'inventory' } } },
    async () => ({
      ok: true,
    }),
  );
  admin = (await loginAdmin(t.app)).access_token;
  worker = await createUser(t.app, admin, { role: 'warehouse' });
});
afterAll(() => t.close());

const probe = (token: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/probe/inventory', headers: bearer(token) });

describe('module registry and grants', () => {
  it('lists the modules in order', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/modules', headers: bearer(worker.token) });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((m: { key: string }) => m.key)).toEqual([
      'inventory',
      'purchasing',
      'sales',
      'production',
      'dispatch',
      'biofloc',
      'reports',
      'admin',
    ]);
  });

  it('a default user may use a module their role allows; without the grant it is 403', async () => {
    expect((await probe(worker.token)).statusCode).toBe(200);
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${worker.id}/modules`,
      headers: bearer(admin),
      payload: { modules: ['sales'] },
    });
    expect((await probe(worker.token)).statusCode).toBe(403);
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${worker.id}/modules`,
      headers: bearer(admin),
      payload: { modules: ['inventory'] },
    });
    expect((await probe(worker.token)).statusCode).toBe(200);
  });

  it('a change of role applies to the very next request', async () => {
    const changing = await createUser(t.app, admin, { role: 'warehouse' });
    const setRole = (role: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${changing.id}`,
        headers: bearer(admin),
        payload: { role },
      });
    expect((await probe(changing.token)).statusCode).toBe(200);
    expect((await setRole('viewer')).statusCode).toBe(200);
    expect((await probe(changing.token)).statusCode).toBe(403);
    expect((await setRole('warehouse')).statusCode).toBe(200);
    expect((await probe(changing.token)).statusCode).toBe(200);
  });

  it('the role still decides: a viewer with the grant is refused a staff route', async () => {
    const viewer = await createUser(t.app, admin, { role: 'viewer' });
    expect((await probe(viewer.token)).statusCode).toBe(403);
  });

  it('an inactive module is closed to non-admins but not to admins', async () => {
    const off = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/modules/inventory',
      headers: bearer(admin),
      payload: { is_active: false },
    });
    expect(off.statusCode).toBe(200);
    expect(off.json().is_active).toBe(false);
    expect((await probe(worker.token)).statusCode).toBe(403);
    expect((await probe(admin)).statusCode).toBe(200);
    // /auth/me lists what the user may use now; the users list keeps the grant itself.
    const me = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(worker.token) })).json();
    expect((await me()).modules).not.toContain('inventory');
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users/${worker.id}`,
      headers: bearer(admin),
    });
    expect(listed.json().modules).toContain('inventory');
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/modules/inventory',
      headers: bearer(admin),
      payload: { is_active: true },
    });
    expect((await probe(worker.token)).statusCode).toBe(200);
    expect((await me()).modules).toContain('inventory');
  });

  it('switching modules is for admins, on known modules, with a boolean', async () => {
    const asWorker = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/modules/inventory',
      headers: bearer(worker.token),
      payload: { is_active: false },
    });
    expect(asWorker.statusCode).toBe(403);
    const unknown = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/modules/teleport',
      headers: bearer(admin),
      payload: { is_active: false },
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/modules/inventory',
      headers: bearer(admin),
      payload: { is_active: 'maybe' },
    });
    expect(bad.statusCode).toBe(422);
  });
});
