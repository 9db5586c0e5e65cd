// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import { AlertsPanel } from './alerts-panel';

// The panel against the real API on a fresh database: the alerts are raised by the API's own check.
const api = setupSignedInApi();

beforeAll(async () => {
  await i18n.changeLanguage('en');
  // Two products below their reorder point in one warehouse: the low-stock check raises two alerts.
  const warehouse = await api.call('POST', '/api/v1/warehouses', { code: 'AL-WH', name: 'Alerts' });
  for (const sku of ['LOW-1', 'LOW-2']) {
    const product = await api.call('POST', '/api/v1/products', {
      sku,
      name: `Product ${sku}`,
      reorder_point: 10,
    });
    await api.call('POST', '/api/v1/inventory/receipts', {
      warehouse_id: warehouse.id,
      lines: [{ product_id: product.id, quantity: 2, unit_cost: 1 }],
    });
  }
  const run = await api.call('POST', '/api/v1/alerts/run', { kind: 'low_stock' });
  expect(run.raised).toBeGreaterThanOrEqual(2);
  const viewer = await api.createUser({
    username: 'vic',
    full_name: 'Vic Viewer',
    password: 'Viewer!pass1',
    role: 'viewer',
  });
  await api.call('PUT', `/api/v1/users/${viewer.id}/modules`, { modules: ['inventory'] });
});

function renderPanel() {
  return renderWithProviders(<AlertsPanel />, { signedIn: true });
}

const openAlerts = async () =>
  (await api.call('GET', '/api/v1/alerts?acknowledged=false')).items as { id: string; sku: string }[];

describe('AlertsPanel', () => {
  it('lists the open alerts; acknowledging one takes it off the list and records who did', async () => {
    await api.signIn();
    renderPanel();
    const list = await screen.findByRole('list', { name: /Alerts to acknowledge/ });
    const item = await within(list).findByText(
      /LOW-1 Product LOW-1: 2 on hand in all warehouses, reorder point 10\./,
    );
    const row = item.closest('li') as HTMLElement;
    await userEvent.setup().click(within(row).getByRole('button', { name: /^Acknowledge/ }));
    await waitFor(() => expect(within(list).queryByText(/LOW-1 Product/)).toBeNull());
    expect(within(list).getByText(/LOW-2 Product/)).toBeTruthy();
    const all = (await api.call('GET', '/api/v1/alerts?acknowledged=true')).items;
    expect(all.map((a: { sku: string }) => a.sku)).toEqual(['LOW-1']);
    expect(all[0].acknowledged_by).not.toBeNull();
  });

  it("shows the API's refusal when someone else acknowledged the alert first", async () => {
    await api.signIn();
    renderPanel();
    const list = await screen.findByRole('list', { name: /Alerts to acknowledge/ });
    const row = (await within(list).findByText(/LOW-2 Product/)).closest('li') as HTMLElement;
    const [other] = (await openAlerts()).filter((a) => a.sku === 'LOW-2');
    await api.call('POST', `/api/v1/alerts/${other?.id}/acknowledge`);
    await userEvent.setup().click(within(row).getByRole('button', { name: /^Acknowledge/ }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/already/i);
    await waitFor(() => expect(within(list).queryByText(/LOW-2 Product/)).toBeNull());
  });

  it('shows a viewer the alerts without the button it may not use', async () => {
    await api.call('POST', '/api/v1/alerts/run', { kind: 'low_stock' });
    await api.signIn('vic', 'Viewer!pass1');
    renderPanel();
    await screen.findByRole('list', { name: /Alerts to acknowledge/ });
    await waitFor(() => expect(screen.getByRole('heading').textContent).toMatch(/\(\d+\)/));
    expect(screen.queryByRole('button', { name: /Acknowledge/ })).toBeNull();
    // Only expired lots: there are none.
    await userEvent.setup().selectOptions(screen.getByLabelText('Kind'), 'lot_expired');
    await screen.findByText('No open alerts.');
  });
});
