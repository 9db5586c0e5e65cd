// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SignedInApi, startSignedInApi } from '../../../../test/helpers/web-api';
import { setApiOrigin, tokenStore } from '../../api/client';
import i18n from '../../lib/i18n';
import { BulkBins } from './bulk-bins';

let api: SignedInApi;
let warehouseId = '';
beforeAll(async () => {
  api = await startSignedInApi();
  setApiOrigin(api.server.url);
  tokenStore.set({ access_token: api.adminToken, refresh_token: '' });
  await i18n.changeLanguage('en');
  warehouseId = (await api.call('POST', '/api/v1/warehouses', { code: 'BULK', name: 'Bulk' })).body.id;
}, 180_000);
afterAll(() => api?.server.stop(), 60_000);
afterEach(cleanup);

async function binCodes(): Promise<string[]> {
  const page = await api.call('GET', `/api/v1/warehouses/${warehouseId}/bins?page_size=100`);
  return (page.body.items as { code: string }[]).map((bin) => bin.code);
}

function renderGenerator() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <BulkBins warehouseId={warehouseId} />
    </QueryClientProvider>,
  );
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
