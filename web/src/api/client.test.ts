// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type ApiServer, startApiServer } from '../../../test/helpers/api-server';
import i18n from '../lib/i18n';
import { api, setApiOrigin, tokenStore } from './client';

// The client's session handling against a real server process.
let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
  setApiOrigin(server.url);
}, 180_000);
afterAll(() => server?.stop(), 60_000);

async function signIn() {
  const { data } = await api.POST('/api/v1/auth/login-json', {
    body: { username: 'admin', password: ADMIN_PASSWORD },
  });
  if (!data) throw new Error('sign-in failed');
  tokenStore.set({ access_token: data.access_token, refresh_token: data.refresh_token });
  return data;
}

describe('the API client', () => {
  it('refreshes a rejected access token silently and sends the request again', async () => {
    const first = await signIn();
    tokenStore.set({ access_token: 'expired-or-forged', refresh_token: first.refresh_token });
    const me = await api.GET('/api/v1/auth/me');
    expect(me.response.status).toBe(200);
    expect(me.data?.username).toBe('admin');
    // A new pair replaced the old one; the used refresh token is spent.
    expect(tokenStore.get()?.refresh_token).not.toBe(first.refresh_token);
    expect(tokenStore.get()?.access_token).not.toBe('expired-or-forged');
  });

  it('signs out locally when the refresh token is refused too', async () => {
    tokenStore.set({ access_token: 'expired-or-forged', refresh_token: 'unknown-refresh-token' });
    const me = await api.GET('/api/v1/auth/me');
    expect(me.response.status).toBe(401);
    expect(tokenStore.get()).toBeNull();
  });

  it('asks in the chosen language and sends an Idempotency-Key with every post', async () => {
    await signIn();
    await i18n.changeLanguage('hu');
    const invalid = await api.POST('/api/v1/warehouses', { body: { code: 'W 1', name: 'x' } });
    expect(invalid.response.status).toBe(422);
    expect(invalid.error?.detail).toBe('A kérés érvénytelen adatokat tartalmaz.');
    await i18n.changeLanguage('en');

    // The same key twice: the second post gets the first answer and creates nothing more.
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    const once = await api.POST('/api/v1/warehouses', { headers, body: { code: 'IDEM', name: 'Once only' } });
    const twice = await api.POST('/api/v1/warehouses', {
      headers,
      body: { code: 'IDEM', name: 'Once only' },
    });
    expect(once.response.status).toBe(201);
    expect(twice.response.status).toBe(201);
    expect(twice.data?.id).toBe(once.data?.id);
    const list = await api.GET('/api/v1/warehouses', { params: { query: { search: 'IDEM' } } });
    expect(list.data?.items.filter((w) => w.code === 'IDEM')).toHaveLength(1);
  });
});
