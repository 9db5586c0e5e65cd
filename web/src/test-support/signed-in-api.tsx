// For the web UI's component tests: the real API server on a fresh database, signed in through
// the UI's own token store, and the providers a component needs around it when rendered.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type ApiServer, startApiServer } from '../../../test/helpers/api-server';
import {
  type ApiAnswer,
  call,
  createUser,
  type Json,
  logIn,
  type NewUser,
  request,
  type TokenPair,
} from '../../../test/helpers/web-api';
import { setApiOrigin, tokenStore } from '../api/client';
import { AuthProvider, useAuth } from '../lib/auth';

export interface SignedInApi {
  readonly server: ApiServer;
  /** The administrator's token pair, signed in when the file started. */
  readonly admin: TokenPair;
  /** Signs a user in (the administrator by default) as the UI does: the pair goes to its token store. */
  signIn: (username?: string, password?: string) => Promise<TokenPair>;
  /** A JSON request as the administrator (or `token`), answered whatever its status. */
  request: (method: string, url: string, body?: object, token?: string) => Promise<ApiAnswer>;
  /** A JSON request as the administrator, answered with its body; a status other than `expect` (or 2xx) fails. */
  call: (method: string, url: string, body?: object, expect?: number) => Promise<Json>;
  /** Creates a user of a role through the API. */
  createUser: (user: NewUser) => Promise<Json>;
}

/**
 * Registers the file's hooks: before all, the server started, the UI's client pointed at it and
 * the administrator signed in; after each test, the rendered tree unmounted and the administrator
 * back in the token store (so every test starts as the administrator); after all, the server gone.
 */
export function setupSignedInApi(): SignedInApi {
  let server: ApiServer | undefined;
  let admin: TokenPair | undefined;
  const started = () => {
    if (!server || !admin) throw new Error('the signed-in API is used before its beforeAll ran');
    return { server, admin };
  };

  beforeAll(async () => {
    server = await startApiServer();
    setApiOrigin(server.url);
    admin = await logIn(server.url);
    tokenStore.set(admin);
  }, 180_000);
  afterAll(() => server?.stop(), 60_000);
  afterEach(() => {
    cleanup();
    if (admin) tokenStore.set(admin);
  });

  const origin = () => started().server.url;
  const adminToken = () => started().admin.access_token;
  return {
    get server() {
      return started().server;
    },
    get admin() {
      return started().admin;
    },
    async signIn(username, password) {
      const pair = await logIn(origin(), username, password);
      tokenStore.set(pair);
      return pair;
    },
    request: (method, url, body, token = adminToken()) => request(origin(), token, method, url, body),
    call: (method, url, body, expect) => call(origin(), adminToken(), method, url, body, expect),
    createUser: (user) => createUser(origin(), adminToken(), user),
  };
}

export interface ProviderOptions {
  /** Inside the app's AuthProvider (who is signed in, what their role may do). */
  auth?: boolean;
  /** Inside a MemoryRouter, for components with links. */
  router?: boolean;
  /** Shown only once the signed-in user and their modules are known, as the app's RequireAuth shows pages (implies `auth`). */
  signedIn?: boolean;
}

function SignedIn({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  return me && !loading ? children : null;
}

/**
 * Renders `ui` with a fresh query client that does not retry (a refusal shows at once), and the
 * providers asked for around it.
 */
export function renderWithProviders(ui: ReactNode, { auth, router, signedIn }: ProviderOptions = {}) {
  let tree = ui;
  if (signedIn) tree = <SignedIn>{tree}</SignedIn>;
  if (router) tree = <MemoryRouter>{tree}</MemoryRouter>;
  if (auth || signedIn) tree = <AuthProvider>{tree}</AuthProvider>;
  const client = new QueryClient({
    defaultOptions: { mutations: { retry: false }, queries: { retry: false } },
  });
  return render(<QueryClientProvider client={client}>{tree}</QueryClientProvider>);
}
