// For the web UI's component tests: the real API server, signed in as a user the test names.
import { ADMIN_PASSWORD, type ApiServer } from './api-server.js';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
}

/** Signs in and hands the pair to `keep` (the UI's token store, in a component test); returns the access token. */
export async function signInAs(
  server: ApiServer,
  keep: (pair: TokenPair) => void,
  username = 'admin',
  password = ADMIN_PASSWORD,
): Promise<string> {
  const login = await fetch(`${server.url}/api/v1/auth/login-json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const pair = (await login.json()) as TokenPair;
  keep({ access_token: pair.access_token, refresh_token: pair.refresh_token });
  return pair.access_token;
}

/** One call to the API as `token`; a status other than `expect` fails the test with the body. */
export async function call(
  server: ApiServer,
  token: string,
  method: string,
  url: string,
  body?: object,
  expect?: number,
  // biome-ignore lint/suspicious/noExplicitAny: whatever the route answers, read by the test
): Promise<any> {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (expect !== undefined && res.status !== expect)
    throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
