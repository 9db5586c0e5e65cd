import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/platform/roles.js';
import { ADMIN_PASSWORD } from './test-app.js';

export const PASSWORD = 'Passw0rd!';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<TokenPair> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export function loginAdmin(app: FastifyInstance): Promise<TokenPair> {
  return login(app, 'admin', ADMIN_PASSWORD);
}

let counter = 0;

export interface TestUser {
  id: string;
  username: string;
  email: string;
  password: string;
  role: Role;
  token: string;
  refresh: string;
}

/** Creates a user through the API (as admin) and signs them in. */
export async function createUser(
  app: FastifyInstance,
  adminToken: string,
  options: { role?: Role; modules?: string[]; username?: string } = {},
): Promise<TestUser> {
  counter += 1;
  const username = options.username ?? `user${counter}_${Math.random().toString(36).slice(2, 8)}`;
  const email = `${username}@raktar.test`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: bearer(adminToken),
    payload: {
      username,
      email,
      password: PASSWORD,
      role: options.role ?? 'viewer',
      ...(options.modules ? { modules: options.modules } : {}),
    },
  });
  if (res.statusCode !== 201) throw new Error(`create user failed: ${res.statusCode} ${res.body}`);
  const tokens = await login(app, username, PASSWORD);
  return {
    id: res.json().id,
    username,
    email,
    password: PASSWORD,
    role: options.role ?? 'viewer',
    token: tokens.access_token,
    refresh: tokens.refresh_token,
  };
}
