// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import { ProductsPage } from './products-page';

const api = setupSignedInApi();

/** The SKUs in the table, top to bottom. */
function skus(): string[] {
  const table = screen.getByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]?.textContent ?? '');
}

describe('ProductsPage', () => {
  it('orders the list on the server by the column header clicked, ascending then descending', async () => {
    await i18n.changeLanguage('en');
    const warehouse = await api.call('POST', '/api/v1/warehouses', { code: 'SORT', name: 'Sorting' });
    for (const [sku, name, quantity] of [
      ['SRT-B', 'Apple', 5],
      ['SRT-A', 'Cherry', 1],
      ['SRT-C', 'Banana', 9],
    ] as const) {
      const product = await api.call('POST', '/api/v1/products', { sku, name });
      await api.call('POST', '/api/v1/stock-movements', {
        product_id: product.id,
        warehouse_id: warehouse.id,
        movement_type: 'receipt',
        quantity,
      });
    }
    renderWithProviders(<ProductsPage />, { signedIn: true, router: true });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Search'), 'SRT-');

    // By name at first, as the API orders by default.
    await waitFor(() => expect(skus()).toEqual(['SRT-B', 'SRT-C', 'SRT-A']));
    const name = screen.getByRole('columnheader', { name: /Name/ });
    expect(name.getAttribute('aria-sort')).toBe('ascending');

    await user.click(within(screen.getByRole('columnheader', { name: /SKU/ })).getByRole('button'));
    await waitFor(() => expect(skus()).toEqual(['SRT-A', 'SRT-B', 'SRT-C']));
    expect(screen.getByRole('columnheader', { name: /SKU/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(name.getAttribute('aria-sort')).toBe('none');

    await user.click(within(screen.getByRole('columnheader', { name: /SKU/ })).getByRole('button'));
    await waitFor(() => expect(skus()).toEqual(['SRT-C', 'SRT-B', 'SRT-A']));
    expect(screen.getByRole('columnheader', { name: /SKU/ }).getAttribute('aria-sort')).toBe('descending');

    await user.click(within(screen.getByRole('columnheader', { name: /On hand/ })).getByRole('button'));
    await waitFor(() => expect(skus()).toEqual(['SRT-A', 'SRT-B', 'SRT-C']));
    // Columns the API cannot order by have no button.
    expect(
      within(screen.getByRole('columnheader', { name: 'Barcode (EAN/UPC)' })).queryByRole('button'),
    ).toBeNull();
  });
});
