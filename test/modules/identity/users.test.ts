import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, login, loginAdmin, PASSWORD, type TestUser } from '../../helpers/factories.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let admin: string;
let adminId: string;
let manager: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await loginAdmin(t.app)).access_token;
  adminId = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(admin) })).json().id;
  manager = await createUser(t.app, admin, { role: 'manager', username: 'manny' });
  viewer = await createUser(t.app, admin, { role: 'viewer', username: 'vera' });
});
afterAll(() => t.close());

const req = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  token: string,
  payload?: object,
  headers = {},
) => t.app.inject({ method, url, payload, headers: { ...bearer(token), ...headers } });

describe('creating users', () => {
  it('creates with role aliases and default modules; the hash never leaves', async () => {
    const res = await req('POST', '/api/v1/users', admin, {
      email: 'otto@raktar.test',
      username: 'otto',
      full_name: 'Otto Operator',
      password: PASSWORD,
      role: 'operator',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'otto', role: 'warehouse', is_active: true, version: 1 });
    expect(res.json().modules).toEqual([
      'biofloc',
      'dispatch',
      'inventory',
      'production',
      'purchasing',
      'reports',
      'sales',
    ]);
    expect(res.body).not.toMatch(/argon2|password/);
  });

  it('refuses duplicate username or e-mail (case-insensitive) with 409', async () => {
    const dupName = await req('POST', '/api/v1/users', admin, {
      email: 'x1@raktar.test',
      username: 'OTTO',
      password: PASSWORD,
    });
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json().error_code).toBe('USERNAME_TAKEN');
    const dupMail = await req('POST', '/api/v1/users', admin, {
      email: 'Otto@Raktar.test',
      username: 'otto2',
      password: PASSWORD,
    });
    expect(dupMail.statusCode).toBe(409);
    expect(dupMail.json().error_code).toBe('EMAIL_TAKEN');
  });

  it('validates every field and unknown modules', async () => {
    const bad = await req('POST', '/api/v1/users', admin, {
      email: 'nope',
      username: 'a b',
      password: PASSWORD,
      role: 'boss',
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['email', 'role', 'username']);
    const mod = await req('POST', '/api/v1/users', admin, {
      email: 'm@raktar.test',
      username: 'modder',
      password: PASSWORD,
      modules: ['inventory', 'teleport'],
    });
    expect(mod.statusCode).toBe(422);
    expect(mod.json().error_code).toBe('UNKNOWN_MODULE');
  });

  it('is for admins only', async () => {
    const res = await req('POST', '/api/v1/users', manager.token, {
      email: 'q@raktar.test',
      username: 'q',
      password: PASSWORD,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('reading users', () => {
  it('admins and managers list everyone, with search, filter, sort and paging', async () => {
    const all = await req('GET', '/api/v1/users?page_size=2&sort_by=username_asc', manager.token);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ page: 1, page_size: 2 });
    expect(all.json().items).toHaveLength(2);
    expect(all.json().total).toBeGreaterThanOrEqual(4);
    expect(all.json().pages).toBe(Math.ceil(all.json().total / 2));
    const search = await req('GET', '/api/v1/users?search=MANN', admin);
    expect(search.json().items.map((u: { username: string }) => u.username)).toEqual(['manny']);
    const byRole = await req('GET', '/api/v1/users?role=viewer', admin);
    expect(byRole.json().items.every((u: { role: string }) => u.role === 'viewer')).toBe(true);
    // An alias finds the users of the role it stands for (`staff` is warehouse staff).
    const byAlias = await req('GET', '/api/v1/users?role=staff', admin);
    expect(byAlias.json().items.length).toBeGreaterThan(0);
    expect(byAlias.json().items.every((u: { role: string }) => u.role === 'warehouse')).toBe(true);
    const skipLimit = await req('GET', '/api/v1/users?skip=1&limit=1&sort_by=username_asc', admin);
    expect(skipLimit.json().items[0].username).toBe(all.json().items[1].username);
  });

  it('a viewer sees only themselves', async () => {
    const list = await req('GET', '/api/v1/users', viewer.token);
    expect(list.json().items.map((u: { id: string }) => u.id)).toEqual([viewer.id]);
    expect((await req('GET', `/api/v1/users/${viewer.id}`, viewer.token)).statusCode).toBe(200);
    expect((await req('GET', `/api/v1/users/${manager.id}`, viewer.token)).statusCode).toBe(403);
  });

  it('answers an unknown id with 404 and a malformed one with 422', async () => {
    const missing = await req('GET', '/api/v1/users/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f', admin);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error_code).toBe('USER_NOT_FOUND');
    expect((await req('GET', '/api/v1/users/not-a-uuid', admin)).statusCode).toBe(422);
    expect((await req('GET', '/api/v1/users?sort_by=password_asc', admin)).statusCode).toBe(422);
  });
});

describe('updating users', () => {
  it('PUT and PATCH change only the given fields and bump the version', async () => {
    const user = await createUser(t.app, admin);
    const res = await req('PATCH', `/api/v1/users/${user.id}`, admin, { full_name: 'New Name', version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ full_name: 'New Name', role: 'viewer', version: 2 });
    const put = await req('PUT', `/api/v1/users/${user.id}`, admin, { role: 'staff' }, { 'if-match': '"2"' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ full_name: 'New Name', role: 'warehouse', version: 3 });
  });

  it('refuses a stale version in the body or If-Match with 412', async () => {
    const user = await createUser(t.app, admin);
    const body = await req('PATCH', `/api/v1/users/${user.id}`, admin, { full_name: 'X', version: 7 });
    expect(body.statusCode).toBe(412);
    expect(body.json().error_code).toBe('STALE_VERSION');
    const header = await req(
      'PATCH',
      `/api/v1/users/${user.id}`,
      admin,
      { full_name: 'X' },
      { 'if-match': 'W/"9"' },
    );
    expect(header.statusCode).toBe(412);
    const bad = await req(
      'PATCH',
      `/api/v1/users/${user.id}`,
      admin,
      { full_name: 'X' },
      { 'if-match': 'banana' },
    );
    expect(bad.statusCode).toBe(422);
    const after = await req('GET', `/api/v1/users/${user.id}`, admin);
    expect(after.json().full_name).toBe('');
  });

  it('an admin password change ends the user’s sessions', async () => {
    const user = await createUser(t.app, admin);
    const res = await req('PATCH', `/api/v1/users/${user.id}`, admin, { password: 'Chang3d!pw' });
    expect(res.statusCode).toBe(200);
    expect((await req('GET', '/api/v1/auth/me', user.token)).statusCode).toBe(401);
    await expect(login(t.app, user.username, 'Chang3d!pw')).resolves.toBeDefined();
  });

  it('nobody deactivates or demotes themselves', async () => {
    const demote = await req('PATCH', `/api/v1/users/${adminId}`, admin, { role: 'viewer' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error_code).toBe('CANNOT_CHANGE_SELF');
    expect((await req('DELETE', `/api/v1/users/${adminId}`, admin)).statusCode).toBe(409);
  });

  it('the last active admin cannot be removed by another admin either', async () => {
    const second = await createUser(t.app, admin, { role: 'admin' });
    // Two admins: one may go.
    const first = await req('DELETE', `/api/v1/users/${second.id}`, admin);
    expect(first.statusCode).toBe(200);
    const third = await createUser(t.app, admin, { role: 'admin' });
    const demoteOriginal = await req('PATCH', `/api/v1/users/${adminId}`, third.token, { role: 'manager' });
    expect(demoteOriginal.statusCode).toBe(200);
    const lastOne = await req('PATCH', `/api/v1/users/${third.id}`, admin, { is_active: false });
    // The original admin is a manager now: 403 before any rule about admins.
    expect(lastOne.statusCode).toBe(403);
    const restore = await req('PATCH', `/api/v1/users/${adminId}`, third.token, { role: 'admin' });
    expect(restore.statusCode).toBe(200);
  });

  it('refuses to remove the last admin', async () => {
    const solo = await buildTestApp();
    try {
      const token = (await loginAdmin(solo.app)).access_token;
      const other = await createUser(solo.app, token, { role: 'admin' });
      const soloAdminId = (
        await solo.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })
      ).json().id;
      expect(
        (
          await solo.app.inject({
            method: 'DELETE',
            url: `/api/v1/users/${soloAdminId}`,
            headers: bearer(other.token),
          })
        ).statusCode,
      ).toBe(200);
      const res = await solo.app.inject({
        method: 'DELETE',
        url: `/api/v1/users/${other.id}`,
        headers: bearer(other.token),
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error_code).toBe('CANNOT_CHANGE_SELF');
    } finally {
      await solo.close();
    }
  });

  it('two admins removing each other at once leave one admin standing', async () => {
    const pair = await buildTestApp();
    try {
      const root = (await loginAdmin(pair.app)).access_token;
      const rootId = (
        await pair.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(root) })
      ).json().id;
      const a = await createUser(pair.app, root, { role: 'admin' });
      const b = await createUser(pair.app, root, { role: 'admin' });
      // Leave exactly a and b as active admins.
      const off = await pair.app.inject({
        method: 'DELETE',
        url: `/api/v1/users/${rootId}`,
        headers: bearer(a.token),
      });
      expect(off.statusCode).toBe(200);
      const results = await Promise.all([
        pair.app.inject({ method: 'DELETE', url: `/api/v1/users/${b.id}`, headers: bearer(a.token) }),
        pair.app.inject({ method: 'DELETE', url: `/api/v1/users/${a.id}`, headers: bearer(b.token) }),
      ]);
      const codes = results.map((r) => r.statusCode).sort();
      // One wins; the other is refused: the rule held (409) or its token died with it (401).
      expect(codes[0]).toBe(200);
      expect([401, 409]).toContain(codes[1]);
      const { rows } = await pair.database.executeSql(
        "select count(*)::int as n from users where role = 'admin' and is_active",
        [],
      );
      expect(rows[0]?.n).toBe(1);
    } finally {
      await pair.close();
    }
  });
});

describe('module grants', () => {
  it('PUT /users/{id}/modules replaces the grants and /me shows them', async () => {
    const user = await createUser(t.app, admin, { role: 'warehouse' });
    const res = await req('PUT', `/api/v1/users/${user.id}/modules`, admin, {
      modules: ['sales', 'inventory'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().modules).toEqual(['inventory', 'sales']);
    const me = await req('GET', '/api/v1/auth/me', user.token);
    expect(me.json().modules).toEqual(['inventory', 'sales']);
    const unknown = await req('PUT', `/api/v1/users/${user.id}/modules`, admin, { modules: ['nope'] });
    expect(unknown.statusCode).toBe(422);
    const missing = await req('PUT', '/api/v1/users/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f/modules', admin, {
      modules: [],
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('user with the password rules applied on create', () => {
  it('stores a user that can then sign in', async () => {
    const created = await req('POST', '/api/v1/users', admin, {
      email: 'sign@raktar.test',
      username: 'signer',
      password: PASSWORD,
    });
    expect(created.statusCode).toBe(201);
    await expect(login(t.app, 'signer', PASSWORD)).resolves.toBeDefined();
  });
});
