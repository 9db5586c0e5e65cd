import type { Config } from '../../src/config.js';
import type { Role } from '../../src/platform/roles.js';
import { type Api, api } from './api.js';
import { createUser, loginAdmin, type TestUser } from './factories.js';
import { createWarehouse, type Warehouse } from './stock.js';
import { buildTestApp, type TestApp } from './test-app.js';

/** A signed-in user with a client of their own. */
export interface ApiUser extends TestUser {
  api: Api;
}

export interface SetupOptions<R extends readonly Role[]> {
  /** Users to create and sign in, one per role listed, returned in the same order. */
  users?: R;
  /** A warehouse with its default bin: `true`, or the code to give it. */
  warehouse?: boolean | string;
  /** Settings that differ from the test defaults. */
  config?: Partial<Config>;
}

export interface Fixture<R extends readonly Role[] = readonly Role[]> extends TestApp {
  /** The first administrator, signed in. */
  admin: Api & { readonly token: string };
  users: { -readonly [K in keyof R]: ApiUser };
  /** The warehouse asked for; reading it when none was asked for throws. */
  readonly warehouse: Warehouse;
}

/** Signs `user` in as a client of `app`. */
export function withApi(t: TestApp, user: TestUser): ApiUser {
  return { ...user, api: api(t.app, user.token) };
}

/**
 * The real app on a fresh database, its administrator signed in, and the users and warehouse a
 * test file asks for; `close()` ends the app and drops the database.
 */
export async function setupApp<const R extends readonly Role[] = []>(
  options: SetupOptions<R> = {},
): Promise<Fixture<R>> {
  const t = await buildTestApp(options.config);
  try {
    const adminToken = (await loginAdmin(t.app)).access_token;
    const users: ApiUser[] = [];
    for (const role of options.users ?? []) {
      users.push(withApi(t, await createUser(t.app, adminToken, { role })));
    }
    const warehouse = options.warehouse
      ? await createWarehouse(
          t.app,
          adminToken,
          ...(typeof options.warehouse === 'string' ? [options.warehouse] : []),
        )
      : undefined;
    return {
      ...t,
      admin: { ...api(t.app, adminToken), token: adminToken },
      users: users as Fixture<R>['users'],
      get warehouse() {
        if (!warehouse) throw new Error('setupApp was not asked for a warehouse');
        return warehouse;
      },
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}
