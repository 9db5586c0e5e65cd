// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import { IssuePage } from './issue-page';

const api = setupSignedInApi();

/** The products of the issue's lines, as their headers show them. */
function lineTexts(): string[] {
  return screen.queryAllByRole('listitem').map((item) => item.textContent ?? '');
}

describe('IssuePage scanning', () => {
  it('adds a line per known code, says an unknown one, and says a lookup that failed', async () => {
    await i18n.changeLanguage('en');
    await api.call('POST', '/api/v1/products', {
      sku: 'SCAN-1',
      name: 'Scanned jam',
      barcode: '5901234123457',
    });
    const picker = await api.createUser({
      username: 'picker',
      password: 'Picker!pass1',
      role: 'warehouse',
      modules: ['inventory'],
    });
    await api.signIn('picker', 'Picker!pass1');
    renderWithProviders(<IssuePage />, { signedIn: true, router: true });
    const user = userEvent.setup();
    const field = await screen.findByLabelText(/Scan or type a barcode/);

    await user.type(field, '5901234123457{Enter}');
    await waitFor(() => expect(lineTexts()).toEqual([expect.stringContaining('SCAN-1')]));

    await user.type(field, 'NO-SUCH-CODE{Enter}');
    await screen.findByText('No product has the code NO-SUCH-CODE.');

    // The inventory grant is taken away while the page is open: the next lookup fails, and says so.
    await api.call('PUT', `/api/v1/users/${picker.id}/modules`, { modules: [] });
    await user.type(field, '5901234123457{Enter}');
    await screen.findByText('You do not have permission to do this.');
    expect(lineTexts()).toHaveLength(1);
  });
});
