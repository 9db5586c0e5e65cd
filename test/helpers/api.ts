import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Headers = Record<string, string>;
export type Response = LightMyRequestResponse;

/** One caller of the test app: every request goes through `app.inject` with the caller's bearer token. */
export interface Api {
  readonly app: FastifyInstance;
  /** The access token sent, or undefined for an anonymous caller. */
  readonly token: string | undefined;
  request(method: Method, url: string, body?: unknown, headers?: Headers): Promise<Response>;
  get(url: string, body?: unknown, headers?: Headers): Promise<Response>;
  post(url: string, body?: unknown, headers?: Headers): Promise<Response>;
  put(url: string, body?: unknown, headers?: Headers): Promise<Response>;
  patch(url: string, body?: unknown, headers?: Headers): Promise<Response>;
  delete(url: string, body?: unknown, headers?: Headers): Promise<Response>;
}

/**
 * A client for `app` as the holder of `token` (anonymous without one). A body is sent as JSON
 * unless it is a string, which goes as it is (a form body, say, with its content-type header).
 */
export function api(app: FastifyInstance, token?: string): Api {
  const request = (method: Method, url: string, body?: unknown, headers: Headers = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
      ...(body === undefined ? {} : { payload: body as object | string }),
    });
  return {
    app,
    token,
    request,
    get: (url, body, headers) => request('GET', url, body, headers),
    post: (url, body, headers) => request('POST', url, body, headers),
    put: (url, body, headers) => request('PUT', url, body, headers),
    patch: (url, body, headers) => request('PATCH', url, body, headers),
    delete: (url, body, headers) => request('DELETE', url, body, headers),
  };
}

/** The JSON body of a response that must have `status`; anything else throws with the body. */
// biome-ignore lint/suspicious/noExplicitAny: untyped by default, as `res.json()` itself is.
export function bodyOf<T = any>(res: Response, status = 200): T {
  if (res.statusCode !== status) {
    throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  }
  return res.json<T>();
}
