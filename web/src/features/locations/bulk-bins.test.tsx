// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import { BulkBins } from './bulk-bins';

const api = setupSignedInApi();
let warehouseId = '';
beforeAll(async () => {
  await i18n.changeLanguage('en');
  warehouseId = (await api.call('POST', '/api/v1/warehouses', { code: 'BULK', name: 'Bulk' })).id;
});

async function binCodes(): Promise<string[]> {
  const page = await api.call('GET', `/api/v1/warehouses/${warehouseId}/bins?page_size=100`);
  return (page.items as { code: string }[]).map((bin) => bin.code);
}

function renderGenerator() {
  return renderWithProviders(<BulkBins warehouseId={warehouseId} />);
}

describe('BulkBins', () => {
  it('previews the codes by a dry run, creates nothing until confirmed, then creates exactly those', async () => {
    const before = await binCodes();
    renderGenerator();
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('aisle to'));
    await user.type(screen.getByLabelText('aisle to'), 'C');
    await user.click(screen.getByRole('button', { name: 'Preview codes' }));

    const list = await screen.findByRole('list', { name: 'Codes to create' });
    const codes = within(list)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(codes).toHaveLength(18);
    expect(codes.slice(0, 3)).toEqual(['A-01-1', 'A-01-2', 'A-02-1']);
    expect(codes.at(-1)).toBe('C-03-2');
    expect(screen.getByText('18 bins would be created')).toBeTruthy();
    expect(await binCodes()).toEqual(before);

    // A change after the preview withdraws the offer to create: only a previewed set is created.
    await user.clear(screen.getByLabelText('level to'));
    await user.type(screen.getByLabelText('level to'), '1');
    expect(screen.queryByRole('button', { name: /^Create/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Preview codes' }));
    await user.click(await screen.findByRole('button', { name: 'Create 9 bins' }));
    await screen.findByText('Bins created: 9.');
    const after = await binCodes();
    expect(after.filter((code) => !before.includes(code)).sort()).toEqual(
      codes.filter((c) => c?.endsWith('-1')).sort(),
    );
  });

  it("shows the API's refusal: a bad pattern, and codes that already exist", async () => {
    renderGenerator();
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Pattern'));
    await user.type(screen.getByLabelText('Pattern'), 'A B{{rack}');
    await user.click(screen.getByRole('button', { name: 'Preview codes' }));
    expect((await screen.findByRole('alert')).textContent).not.toBe('');

    await user.clear(screen.getByLabelText('Pattern'));
    await user.type(screen.getByLabelText('Pattern'), '{{aisle}-{{rack:02}-{{level}');
    await user.click(screen.getByRole('button', { name: 'Preview codes' }));
    // A-01-1 and others were created by the first test.
    expect((await screen.findByRole('alert')).textContent).toMatch(/A-01-1/);
    expect(screen.queryByRole('button', { name: /^Create/ })).toBeNull();
  });
});
