// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { Layout } from '../../components/layout';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import { ModulesPage } from './modules-page';
import { UsersPage } from './users-page';

// The admin screens against the real API on a fresh database.
const api = setupSignedInApi();
let mia: { id: string; version: number };

beforeAll(async () => {
  await i18n.changeLanguage('en');
  mia = await api.createUser({
    username: 'mia',
    full_name: 'Mia Manager',
    password: 'Manager!pass1',
    role: 'manager',
  });
  mia = await api.call('PUT', `/api/v1/users/${mia.id}/modules`, { modules: ['inventory', 'biofloc'] });
});

function renderSignedIn(page: ReactNode) {
  return renderWithProviders(page, { router: true, signedIn: true });
}

const menu = async () =>
  within(await screen.findByRole('navigation', { name: 'Main' }))
    .getAllByRole('link')
    .map((link) => link.textContent);

describe('module switches and grants', () => {
  it("hides a switched-off module's menu from a user granted it, not from administrators", async () => {
    await api.signIn('mia', 'Manager!pass1');
    renderSignedIn(<Layout />);
    expect(await menu()).toEqual(expect.arrayContaining(['Biofloc', 'Imports']));
    cleanup();

    await api.signIn();
    renderSignedIn(<ModulesPage />);
    const biofloc = await screen.findByRole('switch', { name: 'Biofloc' });
    expect((biofloc as HTMLInputElement).checked).toBe(true);
    await userEvent.setup().click(biofloc);
    // The switch moves at once and is held until the API answers: wait for both.
    await waitFor(() => {
      expect((biofloc as HTMLInputElement).checked).toBe(false);
      expect((biofloc as HTMLInputElement).disabled).toBe(false);
    });
    expect(
      (await api.call('GET', '/api/v1/modules')).find((m: { key: string }) => m.key === 'biofloc').is_active,
    ).toBe(false);
    cleanup();

    await api.signIn('mia', 'Manager!pass1');
    renderSignedIn(<Layout />);
    const items = await menu();
    expect(items).toContain('Imports');
    expect(items).not.toContain('Biofloc');
    cleanup();

    await api.signIn();
    renderSignedIn(<Layout />);
    expect(await menu()).toContain('Biofloc');
  });

  it("grants a user's modules from the users page", async () => {
    await api.signIn();
    renderSignedIn(<UsersPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Modules\s*mia$/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Modules of mia' });
    expect(((await within(dialog).findByLabelText(/Inventory/)) as HTMLInputElement).checked).toBe(true);
    await user.click(within(dialog).getByLabelText(/Reports/));
    await user.click(within(dialog).getByLabelText(/Inventory/));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await api.call('GET', `/api/v1/users/${mia.id}`)).modules).toEqual(['biofloc', 'reports']);
  });

  it('changes a role, and asks for a reload when someone else changed the user first', async () => {
    await api.signIn();
    renderSignedIn(<UsersPage />);
    const user = userEvent.setup();
    const role = await screen.findByLabelText('Role of mia');
    await user.selectOptions(role, 'warehouse');
    await waitFor(async () =>
      expect((await api.call('GET', `/api/v1/users/${mia.id}`)).role).toBe('warehouse'),
    );
    await waitFor(() =>
      expect((screen.getByLabelText('Role of mia') as HTMLSelectElement).value).toBe('warehouse'),
    );
    // Someone else edits mia: the version this page holds is stale.
    await api.call('PATCH', `/api/v1/users/${mia.id}`, { full_name: 'Mia M.' });
    await user.selectOptions(screen.getByLabelText('Role of mia'), 'viewer');
    await screen.findByText(/Someone else changed this record/);
    expect((await api.call('GET', `/api/v1/users/${mia.id}`)).role).toBe('warehouse');
    // One's own role is not offered for change.
    expect(screen.queryByLabelText('Role of admin')).toBeNull();
  });
});
