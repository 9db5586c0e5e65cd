// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type ApiServer, startApiServer } from '../../../../test/helpers/api-server';
import { setApiOrigin, tokenStore } from '../../api/client';
import { AuthProvider, useAuth } from '../../lib/auth';
import i18n from '../../lib/i18n';
import type { ReportKey } from './report-definitions';
import { ReportPage } from './report-page';

// The report screen against the real API on a fresh database.
let server: ApiServer;
let token = '';

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

async function post(url: string, body: object) {
  const res = await fetch(`${server.url}${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

beforeAll(async () => {
  server = await startApiServer();
  setApiOrigin(server.url);
  token = await signIn('admin', ADMIN_PASSWORD);
  const warehouse = await post('/api/v1/warehouses', { code: 'RP-WH', name: 'Reports' });
  const product = await post('/api/v1/products', { sku: 'RP-1', name: 'Report goods' });
  await post('/api/v1/inventory/receipts', {
    warehouse_id: warehouse.id,
    lines: [{ product_id: product.id, quantity: 12345, unit_cost: 2 }],
  });
  await post('/api/v1/users', {
    username: 'wes',
    email: 'wes@raktar.test',
    full_name: 'Wes Warehouse',
    password: 'Warehouse!pass1',
    role: 'warehouse',
  });
}, 180_000);
afterAll(() => server?.stop(), 60_000);
afterEach(cleanup);

function SignedIn({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  return me && !loading ? children : null;
}

function renderReport(key: ReportKey) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AuthProvider>
        <MemoryRouter>
          <SignedIn>
            <ReportPage reportKey={key} />
          </SignedIn>
        </MemoryRouter>
      </AuthProvider>
    </QueryClientProvider>,
  );
}

describe('ReportPage', () => {
  it("shows the rows with numbers in the user's language", async () => {
    await signIn('admin', ADMIN_PASSWORD);
    await i18n.changeLanguage('hu');
    renderReport('stock-on-hand');
    const table = await screen.findByRole('table', { name: 'Készlet' });
    const row = (await within(table).findByText('RP-1')).closest('tr') as HTMLElement;
    expect(row.textContent?.replace(/\s/g, ' ')).toContain('12 345');
    await i18n.changeLanguage('en');
  });

  it("shows the API's message for a filter next to it", async () => {
    await signIn('admin', ADMIN_PASSWORD);
    renderReport('abc');
    const user = userEvent.setup();
    const share = await screen.findByLabelText('Class A share (%)');
    await user.type(share, '150');
    await waitFor(() => expect(share.getAttribute('aria-invalid')).toBe('true'));
    const message = document.getElementById(share.getAttribute('aria-describedby') ?? '')?.textContent;
    expect(message).toMatch(/at most 99/);
  });

  it('offers only the reports the role allows', async () => {
    await signIn('wes', 'Warehouse!pass1');
    renderReport('stock-on-hand');
    const choice = await screen.findByLabelText('Report');
    const options = within(choice)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['Stock on hand', 'Lots by expiry (FEFO)', 'Low stock', 'Movement history']);
  });
});
