import { ADMIN_PASSWORD, type ApiServer, startApiServer } from './api-server.js';

export interface SignedInApi {
  server: ApiServer;
  /** The administrator's access token. */
  adminToken: string;
  /** A JSON request to the server as `token` (the administrator's by default). */
  call: (
    method: string,
    url: string,
    body?: object,
    token?: string,
  ) => Promise<{ status: number; body: Record<string, unknown> & { id: string } }>;
  /** Signs a user in and returns their token pair. */
  signIn: (username: string, password: string) => Promise<{ access_token: string; refresh_token: string }>;
}

/**
 * The real server on a fresh database, signed in as its administrator, for the web UI's component
 * tests: they set up what they need through the API and render against it.
 */
export async function startSignedInApi(): Promise<SignedInApi> {
  const server = await startApiServer();
  const signIn = async (username: string, password: string) => {
    const res = await fetch(`${server.url}/api/v1/auth/login-json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return (await res.json()) as { access_token: string; refresh_token: string };
  };
  const adminToken = (await signIn('admin', ADMIN_PASSWORD)).access_token;
  const call: SignedInApi['call'] = async (method, url, body, token = adminToken) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  };
  return { server, adminToken, call, signIn };
}
