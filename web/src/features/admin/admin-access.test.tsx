// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type ApiServer, startApiServer } from '../../../../test/helpers/api-server';
import { setApiOrigin, tokenStore } from '../../api/client';
import { Layout } from '../../components/layout';
import { AuthProvider, useAuth } from '../../lib/auth';
import i18n from '../../lib/i18n';
import { ModulesPage } from './modules-page';
import { UsersPage } from './users-page';

// The admin screens against the real API on a fresh database.
let server: ApiServer;
let adminToken = '';
let mia: { id: string; version: number };

async function signIn(username: string, password: string) {
  const res = await fetch(`${server.url}/api/v1/auth/login-json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const pair = await res.json();
  tokenStore.set({ access_token: pair.access_token, refresh_token: pair.refresh_token });
  return pair.access_token as string;
}

async function call(method: string, url: string, body?: object) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${adminToken}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

beforeAll(async () => {
  server = await startApiServer();
  setApiOrigin(server.url);
  adminToken = await signIn('admin', ADMIN_PASSWORD);
  await i18n.changeLanguage('en');
  mia = await call('POST', '/api/v1/users', {
    username: 'mia',
    email: 'mia@raktar.test',
    full_name: 'Mia Manager',
    password: 'Manager!pass1',
    role: 'manager',
  });
  mia = await call('PUT', `/api/v1/users/${mia.id}/modules`, { modules: ['inventory', 'biofloc'] });
}, 180_000);
afterAll(() => server?.stop(), 60_000);
afterEach(cleanup);

function SignedIn({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  return me && !loading ? children : null;
}

function renderSignedIn(page: ReactNode) {
  const client = new QueryClient({
    defaultOptions: { mutations: { retry: false }, queries: { retry: false } },
  });
  return render(
    <QueryClientProvider client={client}>
      <AuthProvider>
        <MemoryRouter>
          <SignedIn>{page}</SignedIn>
        </MemoryRouter>
      </AuthProvider>
    </QueryClientProvider>,
  );
}

const menu = async () =>
  within(await screen.findByRole('navigation', { name: 'Main' }))
    .getAllByRole('link')
    .map((link) => link.textContent);

describe('module switches and grants', () => {
  it("hides a switched-off module's menu from a user granted it, not from administrators", async () => {
    await signIn('mia', 'Manager!pass1');
    renderSignedIn(<Layout />);
    expect(await menu()).toEqual(expect.arrayContaining(['Biofloc', 'Imports']));
    cleanup();

    await signIn('admin', ADMIN_PASSWORD);
    renderSignedIn(<ModulesPage />);
    const biofloc = await screen.findByRole('switch', { name: 'Biofloc' });
    expect((biofloc as HTMLInputElement).checked).toBe(true);
    await userEvent.setup().click(biofloc);
    await waitFor(() => expect((biofloc as HTMLInputElement).checked).toBe(false));
    expect(
      (await call('GET', '/api/v1/modules')).find((m: { key: string }) => m.key === 'biofloc').is_active,
    ).toBe(false);
    cleanup();

    await signIn('mia', 'Manager!pass1');
    renderSignedIn(<Layout />);
    const items = await menu();
    expect(items).toContain('Imports');
    expect(items).not.toContain('Biofloc');
    cleanup();

    await signIn('admin', ADMIN_PASSWORD);
    renderSignedIn(<Layout />);
    expect(await menu()).toContain('Biofloc');
  });

  it("grants a user's modules from the users page", async () => {
    await signIn('admin', ADMIN_PASSWORD);
    renderSignedIn(<UsersPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Modules\s*mia$/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Modules of mia' });
    expect((within(dialog).getByLabelText(/Inventory/) as HTMLInputElement).checked).toBe(true);
    await user.click(within(dialog).getByLabelText(/Reports/));
    await user.click(within(dialog).getByLabelText(/Inventory/));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await call('GET', `/api/v1/users/${mia.id}`)).modules).toEqual(['biofloc', 'reports']);
  });

  it('changes a role, and asks for a reload when someone else changed the user first', async () => {
    await signIn('admin', ADMIN_PASSWORD);
    renderSignedIn(<UsersPage />);
    const user = userEvent.setup();
    const role = await screen.findByLabelText('Role of mia');
    await user.selectOptions(role, 'warehouse');
    await waitFor(async () => expect((await call('GET', `/api/v1/users/${mia.id}`)).role).toBe('warehouse'));
    await waitFor(() =>
      expect((screen.getByLabelText('Role of mia') as HTMLSelectElement).value).toBe('warehouse'),
    );
    // Someone else edits mia: the version this page holds is stale.
    await call('PATCH', `/api/v1/users/${mia.id}`, { full_name: 'Mia M.' });
    await user.selectOptions(screen.getByLabelText('Role of mia'), 'viewer');
    await screen.findByText(/Someone else changed this record/);
    expect((await call('GET', `/api/v1/users/${mia.id}`)).role).toBe('warehouse');
    // One's own role is not offered for change.
    expect(screen.queryByLabelText('Role of admin')).toBeNull();
  });
});
