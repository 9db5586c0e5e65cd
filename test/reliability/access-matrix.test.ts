// Every registered /api route called by every role, with and without the route's module, and
// without a token; and the README's table of who may call what, generated from the same rules.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../../src/platform/access.js';
import { ROLES, type Role } from '../../src/platform/roles.js';
import { bearer, createUser, loginAdmin } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const README = path.resolve(import.meta.dirname, '../../README.md');
/** Non-managers see only their own record on an `ownRecords` route (see AccessRule). */
const SEES_EVERYONE: Role[] = ['admin', 'manager'];
const FAKE_ID = '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f';

interface Caller {
  name: string;
  role: Role | null;
  /** Whether the caller holds every module (an admin needs none). */
  granted: boolean;
  id: string;
  headers: Record<string, string>;
}

let t: TestApp;
const callers: Caller[] = [];

beforeAll(async () => {
  // Registration on, so that its route is registered and checked too.
  t = await buildTestApp({ allowRegistration: true });
  const admin = await loginAdmin(t.app);
  const me = await t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: bearer(admin.access_token),
  });
  callers.push({ name: 'anonymous', role: null, granted: false, id: FAKE_ID, headers: {} });
  callers.push({
    name: 'admin',
    role: 'admin',
    granted: true,
    id: me.json().id,
    headers: bearer(admin.access_token),
  });
  const modules = await t.app.inject({
    method: 'GET',
    url: '/api/v1/modules',
    headers: bearer(admin.access_token),
  });
  const every = (modules.json() as { key: string }[]).map((m) => m.key);
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    for (const granted of [true, false]) {
      const user = await createUser(t.app, admin.access_token, { role, modules: granted ? every : [] });
      const name = `${role} ${granted ? 'with' : 'without'} modules`;
      callers.push({ name, role, granted, id: user.id, headers: bearer(user.token) });
    }
  }
}, 60_000);
afterAll(() => t?.close());

/** What the access rule lets `caller` do: `public` and `allowed` pass the hook, the rest are refused. */
function expected(rule: RouteAccess['rule'], caller: Caller): 'allowed' | 401 | 403 {
  if ('public' in rule) return 'allowed';
  if (!caller.role) return 401;
  if (caller.role === 'admin') return 'allowed';
  if (!rule.roles.includes(caller.role)) return 403;
  if (rule.module && !caller.granted) return 403;
  return 'allowed';
}

/** A concrete URL: a well-formed id (the caller's own where only own records are visible), a code that exists nowhere. */
function concrete(route: RouteAccess, caller: Caller): string {
  const own = !('public' in route.rule) && route.rule.ownRecords && route.method === 'GET';
  return route.url.replace(/:(\w+)/g, (_all, name: string) => {
    if (name === 'id') return own ? caller.id : FAKE_ID;
    if (name.endsWith('Id')) return FAKE_ID;
    return 'zz9';
  });
}

/** The README's table of routes and roles, as it should read. */
function accessTable(routes: RouteAccess[]): string {
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  // Code-unit order, the same under every locale.
  const sorted = [...routes].sort((a, b) =>
    a.url === b.url ? methods.indexOf(a.method) - methods.indexOf(b.method) : a.url < b.url ? -1 : 1,
  );
  const rows = sorted.map(({ method, url, rule }) => {
    const route = `\`${method} ${url.replace(/:(\w+)/g, '{$1}')}\``;
    if ('public' in rule) return `| ${route} | public | public | public | public | — |`;
    const cells = ROLES.map((role) => {
      if (!rule.roles.includes(role)) return '—';
      return rule.ownRecords && !SEES_EVERYONE.includes(role) ? '✓ own' : '✓';
    });
    return `| ${route} | ${cells.join(' | ')} | ${rule.module ? `\`${rule.module}\`` : '—'} |`;
  });
  return [
    `| route | ${ROLES.join(' | ')} | module |`,
    `|---|${ROLES.map(() => '---|').join('')}---|`,
    ...rows,
  ].join('\n');
}

describe('authorization matrix: every /api route × every role, with and without its module', () => {
  it('registers the routes the matrix walks', () => {
    expect(t.app.routeAccess.length).toBeGreaterThan(100);
    expect(callers.map((c) => c.name)).toHaveLength(8);
  });

  it('answers 401 without a token, 403 to a role or grant the rule leaves out, and lets the others past', async () => {
    const failures: string[] = [];
    const counts = { calls: 0, 401: 0, 403: 0, allowed: 0 };
    for (const route of t.app.routeAccess) {
      const payload = ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
      for (const caller of callers) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: concrete(route, caller),
          headers: caller.headers,
          ...(payload ? { payload } : {}),
        });
        const want = expected(route.rule, caller);
        counts.calls += 1;
        counts[want] += 1;
        const got = res.statusCode;
        const ok = want === 'allowed' ? got !== 401 && got !== 403 && got < 500 : got === want;
        if (!ok) failures.push(`${route.method} ${route.url} as ${caller.name}: ${got}, want ${want}`);
      }
    }
    console.log(
      `access matrix: ${t.app.routeAccess.length} routes × ${callers.length} callers: ${JSON.stringify(counts)}`,
    );
    expect(failures).toEqual([]);
  });

  it('is the README table of routes and roles, and the README lists no other route', () => {
    const readme = readFileSync(README, 'utf8');
    const documented = /<!-- route-access -->\n([\s\S]*?)\n<!-- \/route-access -->/.exec(readme)?.[1];
    const table = accessTable(t.app.routeAccess);
    expect(documented, `README table between <!-- route-access --> markers should read:\n${table}`).toBe(
      table,
    );
  });
});
