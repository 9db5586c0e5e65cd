// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BinPicker } from '../../components/bin-picker';
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

function PickerForm({ onSubmit, warehouse }: { onSubmit: () => void; warehouse: string }) {
  const [binId, setBinId] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <BinPicker id="bin" warehouseId={warehouse} value={binId} onChange={setBinId} />
      <output data-testid="chosen">{binId}</output>
    </form>
  );
}

describe('BinPicker', () => {
  it('lists a small warehouse whole, and searches a large one by code: a full code picks its bin', async () => {
    const small = (await api.call('POST', '/api/v1/warehouses', { code: 'FEW', name: 'Few bins' })).id;
    await api.call('POST', `/api/v1/warehouses/${small}/bins/bulk`, {
      pattern: 'S-{position:02}',
      ranges: { position: [1, 3] },
    });
    const submitted = vi.fn();
    renderWithProviders(<PickerForm onSubmit={submitted} warehouse={small} />);
    const select = screen.getByLabelText('Bin');
    await within(select).findByRole('option', { name: 'S-03' });
    expect(screen.queryByRole('searchbox')).toBeNull();
    cleanup();

    // 150 bins: more than one page, so the list comes from a search.
    const large = (await api.call('POST', '/api/v1/warehouses', { code: 'MANY', name: 'Many bins' })).id;
    await api.call('POST', `/api/v1/warehouses/${large}/bins/bulk`, {
      pattern: '{aisle}-{position:02}',
      ranges: { aisle: ['A', 'C'], position: [1, 50] },
    });
    renderWithProviders(<PickerForm onSubmit={submitted} warehouse={large} />);
    const user = userEvent.setup();
    const search = await screen.findByRole('searchbox', { name: 'Find bin by code' });
    expect(screen.getByText(/of 151 bins match/)).toBeTruthy();
    // Beyond the first 100 (A-01 … B-50, and the default bin).
    await user.type(search, 'c-4');
    await within(screen.getByLabelText('Bin')).findByRole('option', { name: 'C-49' });
    expect(within(screen.getByLabelText('Bin')).queryByRole('option', { name: 'A-41' })).toBeNull();
    // A scanned code ends with Enter: it picks the bin and does not submit the form.
    await user.type(search, '7{Enter}');
    const c47 = (await api.call('GET', `/api/v1/warehouses/${large}/bins?search=C-47`)).items[0].id;
    await waitFor(() => expect(screen.getByTestId('chosen').textContent).toBe(c47));
    expect(screen.getByLabelText('Bin')).toHaveProperty('value', c47);
    expect(submitted).not.toHaveBeenCalled();
    // Another choice from the list stands, though the search still names C-47.
    await user.selectOptions(screen.getByLabelText('Bin'), '');
    expect(screen.getByTestId('chosen').textContent).toBe('');
  });
});
