// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import { ProductForm } from './product-form';

// The form against the real API on a fresh database: the messages shown are the API's own.
const api = setupSignedInApi();

function renderForm(onDone = () => {}) {
  return renderWithProviders(<ProductForm onDone={onDone} />);
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
    const created = await api.request('POST', '/api/v1/products', { sku: 'TAKEN-1', name: 'Taken' });
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
    const created = await api.request('POST', '/api/v1/products', { sku: 'EDIT-1', name: 'Before' });
    expect(created.status).toBe(201);
    // Another user saves first: the form's copy is now one version behind.
    const other = await api.request('PATCH', `/api/v1/products/${created.body.id}`, {
      name: 'Changed elsewhere',
      version: created.body.version,
    });
    expect(other.status).toBe(200);
    renderWithProviders(<ProductForm product={created.body} onDone={() => {}} />);
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Mine');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe(i18n.t('errors.stale'));
  });
});
