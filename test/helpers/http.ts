// Requests to a server running as its own process (fetch over loopback, not app.inject).

/** `method route` under `/api/v1` of `base`: the status and the parsed JSON body, if any. */
export async function call(
  base: string,
  method: string,
  route: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : undefined;
  return { status: res.status, body: json, text };
}

/** An access token for `username`; throws unless the login succeeds. */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await call(base, 'POST', '/auth/login', undefined, { username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  return res.body.access_token;
}
