// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Movement } from '../../components/movement-history';
import { useAuth } from '../../lib/auth';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import { BinsPage } from './bins-page';
import { CountPage } from './count-page';
import { IssuePage } from './issue-page';
import { MovementsPage } from './movements-page';
import { ReverseDialog } from './reverse-dialog';

// The screens against the real API on a fresh database: figures and refusals are the API's own.
// A shared machine answers slower than Testing Library's one-second default wait.
configure({ asyncUtilTimeout: 10_000 });
// Every test starts signed in as the administrator.
const api = setupSignedInApi();

let seq = 0;
async function stocked(quantity: number) {
  seq += 1;
  const warehouse = await api.call('POST', '/api/v1/warehouses', {
    code: `W${seq}`,
    name: `Warehouse ${seq}`,
  });
  const product = await api.call('POST', '/api/v1/products', { sku: `CNT-${seq}`, name: `Counted ${seq}` });
  const receipt = await api.call('POST', '/api/v1/inventory/receipts', {
    warehouse_id: warehouse.id,
    lines: [{ product_id: product.id, quantity }],
  });
  return { warehouse, product, movement: receipt.movements[0] as Movement };
}

/** A warehouse of 120 bins, 6 of a product in R-115 (past the first page of its bins). */
async function stockedFar() {
  seq += 1;
  const warehouse = await api.call('POST', '/api/v1/warehouses', { code: `BIG${seq}`, name: 'Large' });
  await api.call('POST', `/api/v1/warehouses/${warehouse.id}/bins/bulk`, {
    pattern: 'R-{position:03}',
    ranges: { position: [1, 120] },
  });
  const far = (await api.call('GET', `/api/v1/warehouses/${warehouse.id}/bins?search=R-115`)).items[0];
  const product = await api.call('POST', '/api/v1/products', { sku: `FAR-${seq}`, name: 'Far shelf' });
  await api.call('POST', '/api/v1/inventory/receipts', {
    warehouse_id: warehouse.id,
    lines: [{ product_id: product.id, bin_id: far.id, quantity: 6 }],
  });
  return { warehouse, far, product };
}

describe('BinsPage', () => {
  it('opens a scanned bin past the first hundred: named in its heading, chosen in the list', async () => {
    await i18n.changeLanguage('en');
    const { warehouse, far, product } = await stockedFar();
    renderWithProviders(<BinsPage />, { router: true });
    const user = userEvent.setup();
    const picker = screen.getByLabelText('Warehouse');
    await within(picker).findByRole('option', { name: new RegExp(`^${warehouse.code} ·`) });
    await user.selectOptions(picker, warehouse.id);
    await user.type(screen.getByLabelText(/Bin code/), 'r-115{Enter}');
    await screen.findByRole('heading', { name: 'Contents of R-115' });
    await waitFor(() => expect(screen.getByLabelText('Bin')).toHaveProperty('value', far.id));
    const contents = await screen.findByRole('table', { name: 'Contents' });
    await within(contents).findByText(product.sku, { exact: false });
  });
});

describe('CountPage', () => {
  it('shows booked quantity and difference per line before posting, then the posted result', async () => {
    await i18n.changeLanguage('en');
    const { warehouse, product } = await stocked(10);
    renderWithProviders(<CountPage />);
    const user = userEvent.setup();
    const picker = screen.getByLabelText('Warehouse');
    await within(picker).findByRole('option', { name: new RegExp(`^${warehouse.code} ·`) });
    await user.selectOptions(picker, warehouse.id);

    await user.type(screen.getByRole('textbox', { name: /Scan or type/ }), `${product.sku}{Enter}`);
    const counted = await screen.findByLabelText('Counted');
    expect(counted).toHaveProperty('value', '1');
    // The scan field keeps the focus for the next item.
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: /Scan or type/ }));
    await user.clear(counted);
    await user.type(counted, '7');
    await waitFor(() => expect(screen.getByTestId('booked-0').textContent).toBe('10'));
    expect(screen.getByTestId('difference-0').textContent).toBe('-3');

    await user.click(screen.getByRole('button', { name: /Post count/ }));
    const row = await screen.findByTestId('count-result');
    expect(row.textContent).toContain(product.sku);
    // The bin's code comes with the answer: no lookup after it.
    expect(row.textContent).toContain('DEFAULT');
    expect(row.textContent).toContain('7');
    expect(row.textContent).toContain('-3');
    expect(screen.getByRole('status').textContent).toMatch(/1 line changed/);
    const balances = await api.call(
      'GET',
      `/api/v1/inventory/balances?product_id=${product.id}&warehouse_id=${warehouse.id}`,
    );
    expect(balances.items[0].on_hand).toBe(7);
  });

  it('shows the booked quantity of a bin past the first hundred of a large warehouse', async () => {
    await i18n.changeLanguage('en');
    const { warehouse, far, product } = await stockedFar();
    renderWithProviders(<CountPage />);
    const user = userEvent.setup();
    const picker = screen.getByLabelText('Warehouse');
    await within(picker).findByRole('option', { name: new RegExp(`^${warehouse.code} ·`) });
    await user.selectOptions(picker, warehouse.id);
    await user.type(await screen.findByRole('searchbox', { name: 'Find bin by code' }), 'R-115{Enter}');
    await waitFor(() => expect(screen.getByLabelText('Bin')).toHaveProperty('value', far.id));
    await user.type(screen.getByRole('textbox', { name: /Scan or type/ }), `${product.sku}{Enter}`);
    await screen.findByLabelText('Counted');
    await waitFor(() => expect(screen.getByTestId('booked-0').textContent).toBe('6'));
  });

  it("shows the API's message at the counted quantity it refuses, in the chosen language", async () => {
    await i18n.changeLanguage('hu');
    const { warehouse, product } = await stocked(3);
    renderWithProviders(<CountPage />);
    const user = userEvent.setup();
    const picker = screen.getByLabelText('Raktár');
    await within(picker).findByRole('option', { name: new RegExp(`^${warehouse.code} ·`) });
    await user.selectOptions(picker, warehouse.id);
    await user.type(screen.getByRole('textbox', { name: /Olvassa be/ }), `${product.sku}{Enter}`);
    const counted = await screen.findByLabelText('Számolt');
    await user.clear(counted);
    await user.type(counted, '-4');
    await user.click(screen.getByRole('button', { name: /Leltár könyvelése/ }));

    await waitFor(() => expect(counted.getAttribute('aria-invalid')).toBe('true'));
    const message =
      document.getElementById(counted.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    expect(message).not.toBe('');
    expect(message).not.toMatch(/must/);
    // Nothing posted: the books still hold 3.
    const balances = await api.call('GET', `/api/v1/inventory/balances?product_id=${product.id}`);
    expect(balances.items[0].on_hand).toBe(3);
  });
});

describe('IssuePage', () => {
  it('shows a refusal at the line it is about, not only above the form', async () => {
    await i18n.changeLanguage('en');
    const { warehouse, product: plenty } = await stocked(5);
    const scarce = await api.call('POST', '/api/v1/products', {
      sku: `SCARCE-${seq}`,
      name: `Scarce ${seq}`,
    });
    await api.call('POST', '/api/v1/inventory/receipts', {
      warehouse_id: warehouse.id,
      lines: [{ product_id: scarce.id, quantity: 1 }],
    });
    renderWithProviders(<IssuePage />);
    const user = userEvent.setup();
    const picker = screen.getByLabelText('Warehouse');
    await within(picker).findByRole('option', { name: new RegExp(`^${warehouse.code} ·`) });
    await user.selectOptions(picker, warehouse.id);
    const scanField = screen.getByRole('textbox', { name: /Scan or type/ });
    await user.type(scanField, `${plenty.sku}{Enter}`);
    await waitFor(() => expect(screen.getAllByLabelText('Quantity')).toHaveLength(1));
    await user.type(scanField, `${scarce.sku}{Enter}`);
    await waitFor(() => expect(screen.getAllByLabelText('Quantity')).toHaveLength(2));
    const [first, second] = screen.getAllByLabelText('Quantity') as [HTMLInputElement, HTMLInputElement];
    await user.clear(first);
    await user.type(first, '2');
    await user.clear(second);
    await user.type(second, '4');
    await user.click(screen.getByRole('button', { name: /Post issue/ }));

    await waitFor(() => expect(second.getAttribute('aria-invalid')).toBe('true'));
    expect(first.getAttribute('aria-invalid')).not.toBe('true');
    const message = document.getElementById(second.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    expect(message).toMatch(new RegExp(`${scarce.sku}.*4 requested, 1 available`));
    const balances = await api.call('GET', `/api/v1/inventory/balances?warehouse_id=${warehouse.id}`);
    expect(balances.items.map((b: { on_hand: number }) => b.on_hand).sort()).toEqual([1, 5]);
  });
});

function SignedIn() {
  const { me } = useAuth();
  return me ? <p>signed in: {me.username}</p> : null;
}

describe('Reverse', () => {
  async function confirmReverse(movement: Movement) {
    renderWithProviders(<ReverseDialog movement={movement} onClose={() => {}} onReversed={() => {}} />);
    const user = userEvent.setup();
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText('Reason for the reversal'), 'Posted twice');
    await user.click(within(dialog).getByRole('button', { name: 'Reverse movement' }));
    return within(dialog).findByRole('alert');
  }

  it('shows the refusal of a movement already reversed', async () => {
    await i18n.changeLanguage('en');
    const { movement } = await stocked(5);
    await api.call('POST', `/api/v1/stock-movements/${movement.id}/reverse`, { reason: 'First time' });
    expect((await confirmReverse(movement)).textContent).toMatch(/already been reversed/);
  });

  it('shows the refusal when taking the receipt back would leave less than nothing', async () => {
    await i18n.changeLanguage('en');
    const { warehouse, product, movement } = await stocked(5);
    await api.call('POST', '/api/v1/inventory/issues', {
      warehouse_id: warehouse.id,
      lines: [{ product_id: product.id, quantity: 4 }],
    });
    expect((await confirmReverse(movement)).textContent).toMatch(/Not enough stock|available/i);
    const balances = await api.call('GET', `/api/v1/inventory/balances?product_id=${product.id}`);
    expect(balances.items[0].on_hand).toBe(1);
  });

  it('shows a reversed movement as reversed, with no Reverse to offer', async () => {
    await i18n.changeLanguage('en');
    const { product, movement } = await stocked(3);
    const reversal = await api.call('POST', `/api/v1/stock-movements/${movement.id}/reverse`, {
      reason: 'Typo',
    });
    renderWithProviders(<MovementsPage />, { auth: true });
    const rows = async () =>
      (await screen.findAllByText(`${product.sku} · ${product.name}`)).map(
        (cell) => cell.closest('tr') as HTMLElement,
      );
    // Once the signed-in user is known, the receipt says it was reversed (newest first: the reversal, then it).
    await waitFor(async () =>
      expect((await rows()).map((row) => within(row).queryByText('Reversed') !== null)).toEqual([
        false,
        true,
      ]),
    );
    // Neither can be reversed now.
    expect((await rows()).map((row) => within(row).queryByRole('button', { name: /^Reverse/ }))).toEqual([
      null,
      null,
    ]);
    expect(reversal.reverses_id).toBe(movement.id);
  });

  it('offers Reverse to a manager but not to warehouse staff', async () => {
    await i18n.changeLanguage('en');
    const { product } = await stocked(2);
    for (const role of ['warehouse', 'manager'] as const) {
      const username = `${role}${seq}`;
      await api.createUser({ username, password: 'Staff!pass12', role, modules: ['inventory'] });
      await api.signIn(username, 'Staff!pass12');
      renderWithProviders(
        <>
          <SignedIn />
          <MovementsPage />
        </>,
        { auth: true },
      );
      await screen.findByText(`${product.sku} · ${product.name}`);
      // Signed in as that user before looking for what their role may not see.
      await screen.findByText(`signed in: ${username}`);
      expect(screen.queryAllByRole('button', { name: /^Reverse/ }).length > 0).toBe(role === 'manager');
      cleanup();
    }
  });
});
