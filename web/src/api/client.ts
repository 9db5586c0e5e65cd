import createClient, { type Middleware } from 'openapi-fetch';
import i18n from '../lib/i18n';
import type { components, paths } from './schema';

export type ApiError = components['schemas']['ErrorResponse'];

const TOKENS = 'raktar.tokens';

interface Tokens {
  access_token: string;
  refresh_token: string;
}

/** The signed-in user's token pair, kept across reloads in this browser. */
export const tokenStore = {
  get(): Tokens | null {
    const raw = localStorage.getItem(TOKENS);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  },
  set(tokens: Tokens | null): void {
    if (tokens) localStorage.setItem(TOKENS, JSON.stringify(tokens));
    else localStorage.removeItem(TOKENS);
    for (const listener of listeners) listener();
  },
};
const listeners = new Set<() => void>();
export function onTokensChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// JSON only: list routes also answer CSV/XLSX, which a `format` download fetches on its own.
export const api = createClient<paths, 'application/json'>({ baseUrl: globalThis.location?.origin ?? '' });

// One refresh at a time: parallel requests that got 401 all wait for the same new pair.
let refreshing: Promise<boolean> | null = null;
async function refreshTokens(): Promise<boolean> {
  const current = tokenStore.get();
  if (!current) return false;
  refreshing ??= api
    .POST('/api/v1/auth/refresh', { body: { refresh_token: current.refresh_token } })
    .then(({ data }) => {
      tokenStore.set(data ? { access_token: data.access_token, refresh_token: data.refresh_token } : null);
      return Boolean(data);
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

// Where the API is: this page's origin, or another one a test or an embedding page sets.
let apiOrigin: string | null = null;
export function setApiOrigin(origin: string): void {
  apiOrigin = origin;
}

const retries = new Map<string, Request>();
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SESSIONLESS = /^\/api\/v1\/auth\/(login|login-json|refresh|logout|forgot-password|reset-password)$/;

/**
 * Every request carries the chosen language and the bearer token; a mutation carries an
 * Idempotency-Key (a form passes its own, kept until it succeeds, so a resend posts once); an
 * expired access token is refreshed silently and the request sent again.
 */
const session: Middleware = {
  async onRequest({ request: sent, id }) {
    const url = new URL(sent.url);
    const request =
      apiOrigin && url.origin !== apiOrigin
        ? new Request(`${apiOrigin}${url.pathname}${url.search}`, {
            method: sent.method,
            headers: sent.headers,
            body: sent.body ? await sent.arrayBuffer() : null,
          })
        : sent;
    request.headers.set('Accept-Language', i18n.language || 'en');
    const tokens = tokenStore.get();
    if (tokens && !request.headers.has('Authorization'))
      request.headers.set('Authorization', `Bearer ${tokens.access_token}`);
    if (MUTATING.has(request.method) && !request.headers.has('Idempotency-Key'))
      request.headers.set('Idempotency-Key', crypto.randomUUID());
    // A refused sign-in or refresh is an answer, not an expired session to refresh.
    if (!SESSIONLESS.test(new URL(request.url).pathname)) retries.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const original = retries.get(id);
    retries.delete(id);
    if (response.status !== 401 || !original) return response;
    if (!(await refreshTokens())) return response;
    const retry = new Request(original);
    retry.headers.set('Authorization', `Bearer ${tokenStore.get()?.access_token ?? ''}`);
    return fetch(retry);
  },
};
api.use(session);

/** The API's error body of a failed call, or a generic one when the body was not JSON. */
export function asApiError(error: unknown): ApiError {
  if (error && typeof error === 'object' && 'error_code' in error) return error as ApiError;
  return { detail: String(error), error_code: 'UNKNOWN', timestamp: '', request_id: '' };
}

/** Thrown by `unwrap` so TanStack Query's `error` is the API's error body with its status. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.detail);
  }
}

/** The data of an openapi-fetch result, or an ApiFailure carrying the error body and status. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw new ApiFailure(result.response.status, asApiError(result.error));
  return result.data as T;
}

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body a route answers with `status` (types from the generated schema, never by hand). */
export type ResponseOf<
  P extends keyof paths,
  M extends keyof paths[P],
  S extends number = 200,
> = paths[P][M] extends { responses: infer R } ? (S extends keyof R ? JsonOf<R[S]> : never) : never;

/** The JSON body a route takes. */
export type BodyOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: infer B;
}
  ? JsonOf<NonNullable<B>>
  : never;
