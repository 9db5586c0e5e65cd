// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../../../../test/helpers/api-server';
import { type SignedInApi, startSignedInApi } from '../../../../test/helpers/web-api';
import { setApiOrigin, tokenStore } from '../../api/client';
import { AuthProvider, useAuth } from '../../lib/auth';
import i18n from '../../lib/i18n';
import { SalesOrderDetail } from './sales-order-detail';

// The order screen against the real API on a fresh database: short lines are the API's own answer.
let api: SignedInApi;
let orderId = '';
beforeAll(async () => {
  api = await startSignedInApi();
  setApiOrigin(api.server.url);
  await i18n.changeLanguage('en');
  const warehouse = await api.call('POST', '/api/v1/warehouses', { code: 'SO-WH', name: 'Sales stock' });
  const customer = await api.call('POST', '/api/v1/customers', { code: 'SHOP', name: 'Corner shop' });
  const product = await api.call('POST', '/api/v1/products', { sku: 'SHORT-1', name: 'Scarce item' });
  const receipt = await api.call('POST', '/api/v1/inventory/receipts', {
    warehouse_id: warehouse.body.id,
    lines: [{ product_id: product.body.id, quantity: 3 }],
  });
  expect(receipt.status).toBe(201);
  const order = await api.call('POST', '/api/v1/sales-orders', {
    customer_id: customer.body.id,
    warehouse_id: warehouse.body.id,
    lines: [{ product_id: product.body.id, quantity: 5, unit_price: 10 }],
  });
  expect(order.status).toBe(201);
  orderId = order.body.id;
}, 180_000);
afterAll(() => api?.server.stop(), 60_000);
afterEach(cleanup);

function Signed() {
  const { me } = useAuth();
  return me ? <span>signed in as {me.username}</span> : null;
}

function renderDetail() {
  const client = new QueryClient({
    defaultOptions: { mutations: { retry: false }, queries: { retry: false } },
  });
  return render(
    <QueryClientProvider client={client}>
      <AuthProvider>
        <Signed />
        <SalesOrderDetail id={orderId} />
      </AuthProvider>
    </QueryClientProvider>,
  );
}

describe('SalesOrderDetail', () => {
  it('hides every action from a viewer', async () => {
    const user = await api.call('POST', '/api/v1/users', {
      username: 'looker',
      email: 'looker@raktar.test',
      password: 'Passw0rd!x',
      role: 'viewer',
      modules: ['sales', 'inventory'],
    });
    expect(user.status).toBe(201);
    tokenStore.set(await api.signIn('looker', 'Passw0rd!x'));
    renderDetail();
    await screen.findByText('signed in as looker');
    await screen.findByText('SO-000001');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('lists the short lines the API reports, then confirms with the rest on backorder', async () => {
    tokenStore.set(await api.signIn('admin', ADMIN_PASSWORD));
    renderDetail();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Confirm' }));

    const short = await screen.findByRole('table', { name: 'Short lines' });
    const row = within(short).getByRole('row', { name: /SHORT-1/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['SHORT-1', '5', '3', '2']);
    expect(screen.getByRole('alert').textContent).toMatch(/nothing was reserved/i);
    // Refused: still a draft, nothing reserved.
    expect((await api.call('GET', `/api/v1/sales-orders/${orderId}`)).body.status).toBe('draft');

    await user.click(screen.getByRole('button', { name: 'Confirm with backorder' }));
    await waitFor(() => expect(document.querySelector('[data-status]')?.textContent).toBe('Confirmed'));
    expect(screen.getByTestId('backorder-SHORT-1').textContent).toBe('2');
    expect(screen.getByText(/Some lines are on backorder/)).toBeTruthy();
    // The pick list: the 3 reserved, from the warehouse's default bin.
    const picks = await screen.findByRole('table', { name: /Pick list/ });
    await waitFor(() => expect(within(picks).getAllByRole('row')).toHaveLength(2));
    expect(within(picks).getAllByRole('row')[1]?.textContent).toMatch(/SHORT-1.*3$/);

    // More than is reserved: the API refuses and nothing ships.
    const toShip = screen.getByLabelText(/Ship now of SHORT-1/);
    await user.clear(toShip);
    await user.type(toShip, '5');
    await user.click(screen.getByRole('button', { name: 'Post shipment' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Only 3 of SHORT-1 is reserved/);
    expect((await api.call('GET', `/api/v1/sales-orders/${orderId}`)).body.status).toBe('confirmed');
  });
});
