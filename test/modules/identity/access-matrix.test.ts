import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../src/platform/roles.js';
import { bearer, createUser, loginAdmin } from '../../helpers/factories.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await loginAdmin(t.app);
  tokens.set('admin', admin.access_token);
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    tokens.set(role, (await createUser(t.app, admin.access_token, { role })).token);
  }
});
afterAll(() => t.close());

/** A concrete URL for a route pattern: any well-formed id will do, the record need not exist. */
function concrete(url: string): string {
  return url.replace(/:id\b/g, '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f').replace(/:(\w+)/g, 'inventory');
}

describe('authorization matrix over every registered /api route', () => {
  it('covers the registered routes', () => {
    expect(t.app.routeAccess.length).toBeGreaterThan(10);
  });

  it('refuses a missing token with 401, a role not allowed with 403, and lets allowed roles past', async () => {
    const failures: string[] = [];
    for (const { method, url, rule } of t.app.routeAccess) {
      if ('public' in rule) continue;
      const target = concrete(url);
      const payload = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
      const anonymous = await t.app.inject({ method: method as 'GET', url: target, payload });
      if (anonymous.statusCode !== 401)
        failures.push(`${method} ${url} without token → ${anonymous.statusCode}`);
      for (const role of ROLES) {
        const res = await t.app.inject({
          method: method as 'GET',
          url: target,
          payload,
          headers: bearer(tokens.get(role) as string),
        });
        const allowed = role === 'admin' || rule.roles.includes(role);
        if (!allowed && res.statusCode !== 403)
          failures.push(`${method} ${url} as ${role} → ${res.statusCode}, want 403`);
        if (allowed && res.statusCode === 401) failures.push(`${method} ${url} as ${role} → 401`);
        if (allowed && res.statusCode === 403 && !rule.ownRecords)
          failures.push(`${method} ${url} as ${role} → 403`);
      }
    }
    expect(failures).toEqual([]);
  });
});
