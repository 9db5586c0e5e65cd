// @vitest-environment jsdom

import { File as NodeFile } from 'node:buffer';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import { ImportsPage } from './imports-page';

// The import screen against the real API on a fresh database: the problems listed are the API's.
const api = setupSignedInApi();
beforeAll(async () => {
  // The upload goes through Node's fetch, which cannot read jsdom's FormData and File: the
  // component builds Node's here (Response.formData() answers with Node's own class).
  globalThis.FormData = (await new Response(new URLSearchParams()).formData()).constructor as typeof FormData;
  await i18n.changeLanguage('en');
});

function renderPage() {
  return renderWithProviders(<ImportsPage />, { signedIn: true });
}

async function productsNamed(search: string): Promise<number> {
  return ((await api.call('GET', `/api/v1/products?search=${search}`)) as { total: number }).total;
}

const csv = (text: string, name = 'products.csv') =>
  new NodeFile([text], name, { type: 'text/csv' }) as unknown as File;

/** Picks a file as the file dialog would (userEvent.upload wants jsdom's File). */
function choose(input: HTMLElement, file: File) {
  fireEvent.change(input, { target: { files: [file] } });
}

describe('ImportsPage', () => {
  it('lists every problem of a dry run by row and column, and imports nothing', async () => {
    renderPage();
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('What to import'), 'products');
    choose(
      screen.getByLabelText('File (CSV or XLSX)'),
      csv('sku,name,unit_price\r\nIMP-GOOD,Good one,1.5\r\nIMP-BAD,Bad price,abc\r\n,No SKU,2\r\n'),
    );
    await user.click(screen.getByRole('button', { name: 'Check file (dry run)' }));
    const table = await screen.findByRole('table', { name: 'Problems in the file' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const texts = rows.map((row) => row.textContent ?? '');
    expect(texts.some((text) => text.startsWith('3unit_price'))).toBe(true);
    expect(texts.some((text) => text.startsWith('4sku'))).toBe(true);
    // Nothing to import until a dry run passes; nothing was imported.
    expect(screen.getByRole('button', { name: 'Import' }).hasAttribute('disabled')).toBe(true);
    expect(await productsNamed('IMP-GOOD')).toBe(0);
  });

  it('imports a file that passed its dry run, showing the progress until done', async () => {
    renderPage();
    const user = userEvent.setup();
    choose(
      await screen.findByLabelText('File (CSV or XLSX)'),
      csv('sku,name,unit_price\r\nIMP-A,First,1.5\r\nIMP-B,Second,2\r\n'),
    );
    await user.click(screen.getByRole('button', { name: 'Check file (dry run)' }));
    expect((await screen.findByTestId('dry-run-result')).textContent).toMatch(/2 rows.*products: 2/);
    expect(await productsNamed('IMP-A')).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const bar = await screen.findByRole('progressbar', { name: 'Rows imported' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('100'));
    expect(screen.getByText('Done. Created products: 2, categories: 0.')).toBeTruthy();
    expect(await productsNamed('IMP-')).toBe(2);
    await within(screen.getByRole('table', { name: 'Recent imports' })).findByText('products.csv');
  });
});
