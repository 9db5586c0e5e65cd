// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import type { ReportKey } from './report-definitions';
import { ReportPage } from './report-page';

// The report screen against the real API on a fresh database.
const api = setupSignedInApi();

beforeAll(async () => {
  const warehouse = await api.call('POST', '/api/v1/warehouses', { code: 'RP-WH', name: 'Reports' });
  const product = await api.call('POST', '/api/v1/products', { sku: 'RP-1', name: 'Report goods' });
  await api.call('POST', '/api/v1/inventory/receipts', {
    warehouse_id: warehouse.id,
    lines: [{ product_id: product.id, quantity: 12345, unit_cost: 2 }],
  });
  await api.createUser({
    username: 'wes',
    full_name: 'Wes Warehouse',
    password: 'Warehouse!pass1',
    role: 'warehouse',
  });
});

function renderReport(key: ReportKey) {
  return renderWithProviders(<ReportPage reportKey={key} />, { router: true, signedIn: true });
}

describe('ReportPage', () => {
  it("shows the rows with numbers in the user's language", async () => {
    await api.signIn();
    await i18n.changeLanguage('hu');
    renderReport('stock-on-hand');
    const table = await screen.findByRole('table', { name: 'Készlet' });
    const row = (await within(table).findByText('RP-1')).closest('tr') as HTMLElement;
    expect(row.textContent?.replace(/\s/g, ' ')).toContain('12 345');
    await i18n.changeLanguage('en');
  });

  it("shows the API's message for a filter next to it", async () => {
    await api.signIn();
    renderReport('abc');
    const user = userEvent.setup();
    const share = await screen.findByLabelText('Class A share (%)');
    await user.type(share, '150');
    await waitFor(() => expect(share.getAttribute('aria-invalid')).toBe('true'));
    const message = document.getElementById(share.getAttribute('aria-describedby') ?? '')?.textContent;
    expect(message).toMatch(/at most 99/);
  });

  it('offers only the reports the role allows', async () => {
    await api.signIn('wes', 'Warehouse!pass1');
    renderReport('stock-on-hand');
    const choice = await screen.findByLabelText('Report');
    const options = within(choice)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['Stock on hand', 'Lots by expiry (FEFO)', 'Low stock', 'Movement history']);
  });
});
