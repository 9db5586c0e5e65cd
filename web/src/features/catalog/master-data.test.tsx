// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import { MasterDataPage, type MasterKind } from './master-data';
import { categoryKind, supplierKind } from './master-data-kinds';

const api = setupSignedInApi();

function renderPage<T>(config: MasterKind<T>) {
  return renderWithProviders(<MasterDataPage config={config} />, { signedIn: true });
}

describe('MasterDataPage', () => {
  it("shows the API's field errors next to their fields, in the chosen language, and saves once fixed", async () => {
    await i18n.changeLanguage('hu');
    renderPage(supplierKind);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Új szállító' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText('Kód'), 'SUP-1');
    await user.type(within(dialog).getByLabelText('E-mail'), 'nem-email');
    await user.click(within(dialog).getByRole('button', { name: 'Mentés' }));

    const email = within(dialog).getByLabelText('E-mail');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const message = document.getElementById(email.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    expect(message).not.toBe('');
    expect(message).not.toMatch(/must/);
    expect(within(dialog).getByLabelText('Név').getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByLabelText('Kód').getAttribute('aria-invalid')).toBeNull();

    await user.type(within(dialog).getByLabelText('Név'), 'Tejüzem Kft.');
    await user.clear(within(dialog).getByLabelText('E-mail'));
    await user.type(within(dialog).getByLabelText('E-mail'), 'rendeles@tejuzem.hu');
    await user.click(within(dialog).getByRole('button', { name: 'Mentés' }));
    await screen.findByRole('cell', { name: 'Tejüzem Kft.' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('tells the user to reload when someone else changed the category meanwhile (412)', async () => {
    await i18n.changeLanguage('en');
    const created = await api.request('POST', '/api/v1/categories', { name: 'Tinned fish' });
    renderPage(categoryKind);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Edit\s*Tinned fish$/ }));
    // Another user renames it first: the form's copy is one version behind.
    const other = await api.request('PATCH', `/api/v1/categories/${created.body.id}`, {
      name: 'Fish in tins',
      version: created.body.version,
    });
    expect(other.status).toBe(200);
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText('Description'), 'Sardines');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(i18n.t('errors.stale'));
  });
});
