// The stock screens in a real browser (Debian's Chromium through playwright-core) against a real
// server process serving the built UI on a fresh clone of the suite's database.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/browser.js';
import { checkPage, recorded, scan, setupBrowserSuite } from '../helpers/browser-suite.js';

const suite = setupBrowserSuite();
const { signedInPage } = suite;
const stock = { warehouseId: '', binId: '', sku: 'JAM-1', barcode: '5901234123457' };
// The GS1 label of lot L1 of that product: its GTIN, expiry and lot.
const LABEL = '(01)05901234123457(17)271231(10)L1';

beforeAll(async () => {
  // Ten jars of lot L1 on shelf A-01 of the main warehouse.
  stock.warehouseId = (
    await suite.call('POST', '/api/v1/warehouses', { code: 'MAIN', name: 'Main warehouse' })
  ).id;
  stock.binId = (
    await suite.call('POST', `/api/v1/warehouses/${stock.warehouseId}/bins`, { code: 'A-01' })
  ).id;
  const product = await suite.call('POST', '/api/v1/products', {
    sku: stock.sku,
    name: 'Jam jar',
    barcode: stock.barcode,
    tracking: 'lot',
  });
  await suite.call('POST', '/api/v1/inventory/receipts', {
    warehouse_id: stock.warehouseId,
    lines: [
      {
        product_id: product.id,
        bin_id: stock.binId,
        lot_number: 'L1',
        expiry_date: '2027-12-31',
        quantity: 10,
      },
    ],
  });
}, 120_000);

async function countAdjustReverseBin(page: Page): Promise<void> {
  // Count: A-01 holds 8, not the 10 booked; the difference shows before posting.
  await page.getByRole('link', { name: 'Stock count' }).click();
  await page.getByRole('heading', { name: 'Stock count' }).waitFor();
  await page.getByLabel('Warehouse').selectOption(stock.warehouseId);
  await page.getByLabel('Bin').selectOption(stock.binId);
  await scan(page, LABEL);
  expect(await page.getByLabel('Lot', { exact: true }).inputValue()).toBe('L1');
  await page.getByLabel('Counted').fill('8');
  await expect.poll(() => page.getByTestId('booked-0').textContent()).toBe('10');
  expect(await page.getByTestId('difference-0').textContent()).toBe('-2');
  await checkPage(page, 'stock-count');
  await page.getByRole('button', { name: /Post count/ }).click();
  await expect.poll(() => page.getByTestId('count-result').textContent()).toMatch(/JAM-1.*A-01.*10.*8.*-2/);

  // Adjust: one jar broken; the reason is required and the API says so at the field.
  await page.getByRole('link', { name: 'Adjust' }).click();
  await page.getByRole('heading', { name: 'Stock adjustment' }).waitFor();
  await page.getByLabel('Warehouse').selectOption(stock.warehouseId);
  await page.getByLabel('Bin').selectOption(stock.binId);
  await scan(page, LABEL);
  await page.getByTestId('scan-product').waitFor();
  expect(await page.getByLabel('Lot', { exact: true }).inputValue()).toBe('L1');
  await page.getByLabel(/^Change/).fill('-1');
  await expect
    .poll(() => page.getByTestId('adjust-effect').textContent())
    .toMatch(/now: 8; after the change: 7/);
  await page.getByRole('button', { name: 'Post adjustment' }).click();
  await expect
    .poll(() => page.getByLabel('Reason', { exact: true }).getAttribute('aria-invalid'))
    .toBe('true');
  await checkPage(page, 'stock-adjust');
  await page.getByLabel('Reason', { exact: true }).selectOption('damage');
  await page.getByRole('button', { name: 'Post adjustment' }).click();
  await page.getByText('Adjustment of JAM-1 posted: -1.').waitFor();

  // Movements: the adjustment is the newest; reverse it, after which it cannot be reversed again.
  await page.getByRole('link', { name: 'Movements' }).click();
  await page.getByRole('heading', { name: 'Stock movements' }).waitFor();
  const table = page.getByRole('table', { name: 'Stock movements' });
  await table.getByRole('cell', { name: 'Adjustment' }).waitFor();
  await checkPage(page, 'stock-movements');
  const adjustmentRow = table.getByRole('row').filter({ hasText: 'Adjustment' });
  await adjustmentRow.getByRole('button', { name: /^Reverse/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason for the reversal').fill('Not broken after all');
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Reverse movement' }).click();
  await page.getByText('Movement reversed.').waitFor();
  await table.getByRole('cell', { name: 'Adjustment (reversal)' }).waitFor();
  // Once only: the reversed adjustment says so and offers no second reversal.
  const original = adjustmentRow.filter({ hasNotText: 'reversal' });
  await original.getByText('Reversed', { exact: true }).waitFor();
  expect(await original.getByRole('button', { name: /^Reverse/ }).count()).toBe(0);

  // Bin contents: scanning the shelf label opens A-01, holding 8 after all that.
  await page.getByRole('link', { name: 'Bin contents' }).click();
  await page.getByRole('heading', { name: 'Bin contents and history' }).waitFor();
  await page.getByLabel('Warehouse').selectOption(stock.warehouseId);
  await scan(page, 'a-01', 'bin-scan');
  const contents = page.getByRole('table', { name: 'Contents' });
  await expect
    .poll(() => contents.getByRole('row').filter({ hasText: 'JAM-1' }).textContent())
    .toMatch(/Jam jar.*L1.*Dec 31, 2027.*8/);
  const history = page.getByRole('table', { name: 'History' });
  await expect.poll(() => history.getByRole('row').count()).toBe(5); // header + receipt, count, adjustment, reversal
  await checkPage(page, 'stock-bin');
}

describe('the stock screens in Chromium', () => {
  it('counts a bin, adjusts, reverses the adjustment (once only) and reads the bin', {
    timeout: 240_000,
  }, async () => {
    const page = await signedInPage();
    await recorded(page, 'stock', () => countAdjustReverseBin(page));
  });

  it('reserves and releases stock, and shows a product with its stock, lots and movements', {
    timeout: 180_000,
  }, async () => {
    const page = await signedInPage();
    await recorded(page, 'stock-2', async () => {
      await page.getByRole('link', { name: 'Reservations' }).click();
      await page.getByRole('heading', { name: 'Reservations' }).waitFor();
      await page.getByRole('button', { name: 'Reserve' }).click();
      await expect.poll(() => page.getByLabel('Reference').getAttribute('aria-invalid')).toBe('true');
      await scan(page, stock.sku, 'reservation-scan');
      await page.getByTestId('reservation-scan-product').waitFor();
      await page.getByLabel('Warehouse', { exact: true }).first().selectOption(stock.warehouseId);
      await page.getByLabel('Quantity').fill('3');
      await page.getByLabel('Reference').fill('WEB-1001');
      await page.getByRole('button', { name: 'Reserve' }).click();
      const list = page.getByRole('table', { name: 'Reservations' });
      await list.getByRole('cell', { name: 'WEB-1001', exact: true }).waitFor();
      // The row names the product and the warehouse from the reservation itself.
      const held = list.getByRole('row').filter({ hasText: 'WEB-1001' });
      await held.getByRole('cell', { name: `${stock.sku} · Jam jar`, exact: true }).waitFor();
      await held.getByRole('cell', { name: 'MAIN', exact: true }).waitFor();
      await checkPage(page, 'stock-reservations');
      await list.getByRole('button', { name: 'Release WEB-1001' }).click();
      await expect.poll(() => list.getByRole('cell', { name: 'WEB-1001', exact: true }).count()).toBe(0);

      await page.getByRole('link', { name: 'Products' }).click();
      await page.getByRole('link', { name: stock.sku, exact: true }).click();
      await page.getByRole('heading', { name: `${stock.sku} · Jam jar` }).waitFor();
      const distribution = page.getByRole('table', { name: 'Stock by warehouse, bin and lot' });
      await expect
        .poll(() => distribution.getByRole('row').filter({ hasText: 'A-01' }).textContent())
        .toMatch(/MAIN.*L1.*Dec 31, 2027/);
      await page
        .getByRole('table', { name: 'Lots' })
        .getByRole('cell', { name: 'L1', exact: true })
        .waitFor();
      const movements = page.getByRole('table', { name: 'Movements' });
      // The receipt at least (the other test may have added more).
      await expect.poll(() => movements.getByRole('row').filter({ hasText: 'Receipt' }).count()).toBe(1);
      await checkPage(page, 'product-detail');
    });
  });

  it('shows a viewer the ledger, bins and reservations without a button to change them', {
    timeout: 120_000,
  }, async () => {
    await suite.createUser({
      username: 'vic',
      password: 'Viewer!pass1',
      role: 'viewer',
      modules: ['inventory'],
    });
    const page = await signedInPage('vic', 'Viewer!pass1');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Movements' }).click();
    await page
      .getByRole('table', { name: 'Stock movements' })
      .getByRole('cell', { name: 'Receipt' })
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: /^Reverse/ }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Reservations' }).click();
    await page.getByRole('heading', { name: 'Reservations' }).waitFor();
    expect(await page.getByRole('button', { name: /Reserve|Release/ }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: /Stock count|Adjust/ }).count()).toBe(0);
    await page.goto(`${suite.url}/stock/count`);
    await page
      .getByRole('alert')
      .getByText(/do not give access/)
      .waitFor();
  });
});
