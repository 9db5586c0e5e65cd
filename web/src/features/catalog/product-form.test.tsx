// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type ApiServer, startApiServer } from '../../../../test/helpers/api-server';
import { setApiOrigin, tokenStore } from '../../api/client';
import i18n from '../../lib/i18n';
import { ProductForm } from './product-form';

// The form against the real API on a fresh database: the messages shown are the API's own.
let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
  setApiOrigin(server.url);
  const login = await fetch(`${server.url}/api/v1/auth/login-json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const pair = await login.json();
  tokenStore.set({ access_token: pair.access_token, refresh_token: pair.refresh_token });
}, 180_000);
afterAll(() => server?.stop(), 60_000);
afterEach(cleanup);

function renderForm(onDone = () => {}) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ProductForm onDone={onDone} />
    </QueryClientProvider>,
  );
}

async function apiCall(method: string, url: string, body: object) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${tokenStore.get()?.access_token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('ProductForm', () => {
  it("shows the API's field errors next to their fields, in the chosen language", async () => {
    await i18n.changeLanguage('hu');
    renderForm();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Cikkszám'), 'GOOD-1');
    await user.type(screen.getByLabelText('Vonalkód (EAN/UPC)'), '12ab');
    await user.click(screen.getByRole('button', { name: 'Mentés' }));

    const barcode = screen.getByLabelText('Vonalkód (EAN/UPC)');
    await waitFor(() => expect(barcode.getAttribute('aria-invalid')).toBe('true'));
    const message =
      document.getElementById(barcode.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    expect(message).not.toBe('');
    // Hungarian from the API (Accept-Language: hu), not the English text.
    expect(message).not.toMatch(/must/);
    const name = screen.getByLabelText('Név');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Cikkszám').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows a conflict with an existing SKU as a form error, and saves once fixed', async () => {
    await i18n.changeLanguage('en');
    const created = await fetch(`${server.url}/api/v1/products`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokenStore.get()?.access_token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ sku: 'TAKEN-1', name: 'Taken' }),
    });
    expect(created.status).toBe(201);
    let done = 0;
    renderForm(() => done++);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('SKU'), 'TAKEN-1');
    await user.type(screen.getByLabelText('Name'), 'Second');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/TAKEN-1|SKU|exists/i);

    await user.clear(screen.getByLabelText('SKU'));
    await user.type(screen.getByLabelText('SKU'), 'FREE-1');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(done).toBe(1));
  });

  it('tells the user to reload when someone else changed the product meanwhile (412)', async () => {
    await i18n.changeLanguage('en');
    const created = await apiCall('POST', '/api/v1/products', { sku: 'EDIT-1', name: 'Before' });
    expect(created.status).toBe(201);
    // Another user saves first: the form's copy is now one version behind.
    const other = await apiCall('PATCH', `/api/v1/products/${created.body.id}`, {
      name: 'Changed elsewhere',
      version: created.body.version,
    });
    expect(other.status).toBe(200);
    const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <ProductForm product={created.body} onDone={() => {}} />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Mine');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe(i18n.t('errors.stale'));
  });
});
