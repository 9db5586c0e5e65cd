// The API as the web UI's tests reach it from outside the server: a sign-in and JSON requests with
// a token. Shared by the browser tests and the component tests (so no DOM and no web client here).
import type { Role } from '../../src/platform/roles.js';
import { ADMIN_PASSWORD } from './api-server.js';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
}

// biome-ignore lint/suspicious/noExplicitAny: whatever the route answers, read by the test
export type Json = any;

export interface ApiAnswer {
  status: number;
  body: Json;
}

/** Signs a user in (the administrator by default) on the server at `origin`; returns the token pair. */
export async function logIn(
  origin: string,
  username = 'admin',
  password = ADMIN_PASSWORD,
): Promise<TokenPair> {
  const res = await fetch(`${origin}/api/v1/auth/login-json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  const pair = (await res.json()) as TokenPair;
  return { access_token: pair.access_token, refresh_token: pair.refresh_token };
}

/** One JSON request as `token`, answered whatever its status. */
export async function request(
  origin: string,
  token: string,
  method: string,
  url: string,
  body?: object,
): Promise<ApiAnswer> {
  const res = await fetch(`${origin}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/**
 * One JSON request as `token`, answered with its body; a status other than `expect` (other than
 * 2xx when not given) fails the test with what the API said.
 */
export async function call(
  origin: string,
  token: string,
  method: string,
  url: string,
  body?: object,
  expect?: number,
): Promise<Json> {
  const answer = await request(origin, token, method, url, body);
  const ok = expect === undefined ? answer.status >= 200 && answer.status < 300 : answer.status === expect;
  if (!ok) throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** What a new user needs; the e-mail is USERNAME@raktar.test unless given. */
export interface NewUser {
  username: string;
  password: string;
  role: Role;
  full_name?: string;
  email?: string;
  modules?: string[];
}

/** Creates a user of a role through the API as the administrator `adminToken`; returns it. */
export function createUser(origin: string, adminToken: string, user: NewUser): Promise<Json> {
  return call(
    origin,
    adminToken,
    'POST',
    '/api/v1/users',
    { email: `${user.username}@raktar.test`, ...user },
    201,
  );
}
