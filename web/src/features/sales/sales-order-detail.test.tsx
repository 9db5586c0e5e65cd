// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { useAuth } from '../../lib/auth';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import { SalesOrderDetail } from './sales-order-detail';

// The order screen against the real API on a fresh database: short lines are the API's own answer.
const api = setupSignedInApi();
let orderId = '';
beforeAll(async () => {
  await i18n.changeLanguage('en');
  const warehouse = await api.request('POST', '/api/v1/warehouses', { code: 'SO-WH', name: 'Sales stock' });
  const customer = await api.request('POST', '/api/v1/customers', { code: 'SHOP', name: 'Corner shop' });
  const product = await api.request('POST', '/api/v1/products', { sku: 'SHORT-1', name: 'Scarce item' });
  const receipt = await api.request('POST', '/api/v1/inventory/receipts', {
    warehouse_id: warehouse.body.id,
    lines: [{ product_id: product.body.id, quantity: 3 }],
  });
  expect(receipt.status).toBe(201);
  const order = await api.request('POST', '/api/v1/sales-orders', {
    customer_id: customer.body.id,
    warehouse_id: warehouse.body.id,
    lines: [{ product_id: product.body.id, quantity: 5, unit_price: 10 }],
  });
  expect(order.status).toBe(201);
  orderId = order.body.id;
});

function Signed() {
  const { me } = useAuth();
  return me ? <span>signed in as {me.username}</span> : null;
}

function renderDetail() {
  return renderWithProviders(
    <>
      <Signed />
      <SalesOrderDetail id={orderId} />
    </>,
    { auth: true },
  );
}

describe('SalesOrderDetail', () => {
  it('hides every action from a viewer', async () => {
    await api.createUser({
      username: 'looker',
      password: 'Passw0rd!x',
      role: 'viewer',
      modules: ['sales', 'inventory'],
    });
    await api.signIn('looker', 'Passw0rd!x');
    renderDetail();
    await screen.findByText('signed in as looker');
    await screen.findByText('SO-000001');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('lists the short lines the API reports, then confirms with the rest on backorder', async () => {
    await api.signIn();
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
    expect((await api.request('GET', `/api/v1/sales-orders/${orderId}`)).body.status).toBe('draft');

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
    expect((await api.request('GET', `/api/v1/sales-orders/${orderId}`)).body.status).toBe('confirmed');
  });
});
