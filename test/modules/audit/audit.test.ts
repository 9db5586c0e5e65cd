import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, loginAdmin, PASSWORD } from '../../helpers/factories.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await loginAdmin(t.app)).access_token;
});
afterAll(() => t.close());

const audit = async (query: string) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/audit-log?${query}`,
    headers: bearer(admin),
  });
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('audit log', () => {
  it('records a user change with only the changed fields, who did it and the request id', async () => {
    const user = await createUser(t.app, admin);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: { ...bearer(admin), 'x-request-id': 'audit-probe-1', 'user-agent': 'audit-test' },
      payload: { role: 'manager', password: 'An0ther!pass' },
    });
    const page = await audit(`entity_type=user&entity_id=${user.id}&action=user.update`);
    expect(page.total).toBe(1);
    const [entry] = page.items;
    expect(entry).toMatchObject({
      actor_username: 'admin',
      action: 'user.update',
      request_id: 'audit-probe-1',
      user_agent: 'audit-test',
      before: { role: 'viewer', password_changed: false },
      after: { role: 'manager', password_changed: true },
    });
    expect(JSON.stringify(page)).not.toMatch(/argon2|An0ther/);
  });

  it('records the creation with the new record and no password', async () => {
    const user = await createUser(t.app, admin);
    const page = await audit(`entity_id=${user.id}&action=user.create`);
    expect(page.items[0].after).toMatchObject({ username: user.username, role: 'viewer' });
    expect(page.items[0].after).not.toHaveProperty('password');
    expect(page.items[0].after).not.toHaveProperty('password_hash');
  });

  it('records sign-in events: login, failed login, logout and refresh reuse', async () => {
    const user = await createUser(t.app, admin);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: user.username, password: 'bad' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: user.refresh },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: user.refresh },
    });
    const fresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: user.username, password: PASSWORD },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      payload: { refresh_token: fresh.json().refresh_token },
    });
    const page = await audit(`entity_id=${user.id}&page_size=50`);
    const actions = page.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.login', 'auth.login_failed', 'auth.refresh_reuse', 'auth.logout']),
    );
    const failed = page.items.find((e: { action: string }) => e.action === 'auth.login_failed');
    expect(failed.after).toEqual({ username: user.username, reason: 'bad_credentials' });
    expect(JSON.stringify(page)).not.toContain(user.refresh);
  });

  it('filters by actor and date range and pages newest first', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(admin) })).json();
    const byActor = await audit(`user_id=${me.id}&page_size=2`);
    expect(byActor.items.every((e: { actor_id: string }) => e.actor_id === me.id)).toBe(true);
    expect(byActor.items).toHaveLength(2);
    const [newer, older] = byActor.items;
    expect(Date.parse(newer.occurred_at)).toBeGreaterThanOrEqual(Date.parse(older.occurred_at));
    const future = await audit(`from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    expect(future.total).toBe(0);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit-log?from=yesterday',
      headers: bearer(admin),
    });
    expect(bad.statusCode).toBe(422);
  });

  it('is for admins only', async () => {
    const manager = await createUser(t.app, admin, { role: 'manager' });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit-log',
      headers: bearer(manager.token),
    });
    expect(res.statusCode).toBe(403);
  });

  it('a failed change writes no audit row', async () => {
    const before = (await audit('action=user.create')).total;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: { username: 'admin', email: 'fresh@raktar.test', password: PASSWORD },
    });
    expect(res.statusCode).toBe(409);
    expect((await audit('action=user.create')).total).toBe(before);
  });
});
