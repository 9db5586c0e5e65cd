// The order and master-data screens in a real browser (Debian's Chromium through playwright-core)
// against a real server process serving the built UI on a fresh clone of the suite's database.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, recorded, scan, setupBrowserSuite } from '../helpers/browser-suite.js';

const suite = setupBrowserSuite();
const { signedInPage } = suite;

const rowTexts = async (page: Page, table: string) =>
  (await page.getByRole('table', { name: table }).getByRole('row').allInnerTexts())
    .slice(1)
    .map((row) => row.replace(/\s+/g, ' ').trim());

describe('order and master-data screens in Chromium', () => {
  it('creates a sales order from a scan, confirms it and ships it in two parts from the pick list', {
    timeout: 180_000,
  }, async () => {
    const warehouse = await suite.call('POST', '/api/v1/warehouses', { code: 'SO-WH', name: 'Dispatch' });
    await suite.call('POST', '/api/v1/customers', { code: 'BISTRO', name: 'Bistro Kft.' });
    const product = await suite.call('POST', '/api/v1/products', {
      sku: 'JAM-1',
      name: 'Apricot jam',
      barcode: '5996504210012',
      tracking: 'lot',
      unit_price: 3.2,
    });
    await suite.call('POST', '/api/v1/inventory/receipts', {
      warehouse_id: warehouse.id,
      lines: [
        { product_id: product.id, quantity: 4, lot_number: 'J-OLD', expiry_date: '2027-03-31' },
        { product_id: product.id, quantity: 10, lot_number: 'J-NEW', expiry_date: '2027-09-30' },
      ],
    });
    const page = await signedInPage();
    await recorded(page, 'sales', async () => {
      await page.getByRole('link', { name: 'Sales orders' }).click();
      await page.getByLabel('Customer').selectOption({ label: 'BISTRO · Bistro Kft.' });
      await page.getByLabel('Warehouse').selectOption({ label: 'SO-WH · Dispatch' });
      await scan(page, '5996504210012', 'new-so-scan');
      await page.getByLabel('Quantity').fill('6');
      expect(await page.getByLabel('Unit price').inputValue()).toBe('3.2');
      await page.getByRole('button', { name: 'Create order' }).click();
      const status = page.locator('[data-status]').last();
      await expect.poll(() => status.innerText()).toBe('Draft');
      await page.getByRole('cell', { name: 'SO-000001', exact: true }).waitFor();
      await checkPage(page, 'sales-order-draft');

      await page.getByRole('button', { name: 'Confirm', exact: true }).click();
      await expect.poll(() => status.innerText()).toBe('Confirmed');
      // The pick list is what the confirmation reserved: the older lot first.
      await expect
        .poll(() => rowTexts(page, 'Pick list: take these from the bins'))
        .toEqual([
          expect.stringMatching(/JAM-1 Apricot jam \S+ J-OLD .*2027 4$/),
          expect.stringMatching(/J-NEW .* 2$/),
        ]);
      await checkPage(page, 'sales-order-pick-list');

      await page.getByLabel(/Ship now of JAM-1/).fill('4');
      await page.getByRole('button', { name: 'Post shipment' }).click();
      await expect.poll(() => status.innerText()).toBe('Partially shipped');
      expect(await rowTexts(page, 'Taken from')).toEqual([expect.stringMatching(/^JAM-1 \S+ J-OLD .* 4$/)]);
      await expect.poll(() => rowTexts(page, 'Pick list: take these from the bins')).toHaveLength(1);

      await page.getByRole('button', { name: 'Post shipment' }).click();
      await expect.poll(() => status.innerText()).toBe('Shipped');
      expect(await rowTexts(page, 'Order lines')).toEqual(['JAM-1 Apricot jam 6 0 6 0']);
      await checkPage(page, 'sales-order-shipped');
    });
  });

  it('plans a work order, releases it, produces part into a lot and completes it', {
    timeout: 180_000,
  }, async () => {
    const warehouse = await suite.call('POST', '/api/v1/warehouses', { code: 'WO-WH', name: 'Plant' });
    await suite.call('POST', '/api/v1/products', { sku: 'BOX-6', name: 'Gift box of six', tracking: 'lot' });
    const part = await suite.call('POST', '/api/v1/products', { sku: 'JAR-1', name: 'Glass jar' });
    await suite.call('POST', '/api/v1/inventory/receipts', {
      warehouse_id: warehouse.id,
      lines: [{ product_id: part.id, quantity: 30 }],
    });
    const page = await signedInPage();
    await recorded(page, 'work-order', async () => {
      await page.getByRole('link', { name: 'Work orders' }).click();
      await scan(page, 'BOX-6', 'wo-product-scan');
      await page.getByTestId('wo-product').getByText('BOX-6 · Gift box of six').waitFor();
      await page.locator('#wo-quantity').fill('4');
      await page.getByLabel('Warehouse').selectOption({ label: 'WO-WH · Plant' });
      await scan(page, 'JAR-1', 'new-wo-scan');
      await page.getByLabel('Quantity per unit').fill('6');
      await page.getByRole('button', { name: 'Create order' }).click();
      const status = page.locator('[data-status]').last();
      await expect.poll(() => status.innerText()).toBe('Planned');
      await expect.poll(() => rowTexts(page, 'Components')).toEqual(['JAR-1 · Glass jar 6 24 0']);
      await checkPage(page, 'work-order-planned');

      await page.getByRole('button', { name: 'Release' }).click();
      await expect.poll(() => status.innerText()).toBe('Released');
      await page.locator('#wo-produce-qty').fill('1');
      await page.getByLabel('Lot').fill('BOX-L1');
      await page.getByRole('button', { name: 'Post production' }).click();
      await expect.poll(() => status.innerText()).toBe('In progress');
      await expect.poll(() => rowTexts(page, 'Components')).toEqual(['JAR-1 · Glass jar 6 24 6']);
      await page.getByLabel('Progress (%)').fill('40');
      await page.getByRole('button', { name: 'Report progress' }).click();
      await expect.poll(() => page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
      await checkPage(page, 'work-order-in-progress');

      await page.getByLabel('Lot').fill('BOX-L2');
      await page.getByRole('button', { name: /^Complete/ }).click();
      await expect.poll(() => status.innerText()).toBe('Completed');
      expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
      await expect.poll(() => rowTexts(page, 'Components')).toEqual(['JAR-1 · Glass jar 6 24 24']);
      expect(await page.getByRole('button', { name: 'Post production' }).count()).toBe(0);
    });
  });

  it('creates a category, and shows the other master-data lists', { timeout: 120_000 }, async () => {
    const page = await signedInPage();
    await recorded(page, 'master-data', async () => {
      await page.getByRole('link', { name: 'Categories' }).click();
      await page.getByRole('button', { name: 'New category' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill('Preserves');
      await dialog.getByLabel('Description').fill('Jams and pickles');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('cell', { name: 'Preserves', exact: true }).waitFor();
      await checkPage(page, 'categories');
      for (const [link, heading] of [
        ['Units', 'Units of measure'],
        ['Suppliers', 'Suppliers'],
        ['Customers', 'Customers'],
      ] as const) {
        await page.getByRole('link', { name: link, exact: true }).click();
        await page.getByRole('heading', { name: heading }).waitFor();
        await checkPage(page, link.toLowerCase());
      }
    });
  });

  it('generates bins from a pattern after previewing the codes', { timeout: 120_000 }, async () => {
    await suite.call('POST', '/api/v1/warehouses', { code: 'GEN', name: 'Generated' });
    const page = await signedInPage();
    await recorded(page, 'bulk-bins', async () => {
      await page.getByRole('link', { name: 'Warehouses' }).click();
      await page.getByRole('button', { name: 'Bins GEN' }).click();
      await page.getByRole('textbox', { name: 'Pattern' }).fill('{aisle}{rack:02}');
      await page.getByLabel('aisle from').fill('A');
      await page.getByLabel('aisle to').fill('B');
      await page.getByLabel('rack from').fill('1');
      await page.getByLabel('rack to').fill('2');
      await page.getByRole('button', { name: 'Preview codes' }).click();
      const preview = page.getByRole('list', { name: 'Codes to create' });
      await expect
        .poll(() => preview.getByRole('listitem').allInnerTexts())
        .toEqual(['A01', 'A02', 'B01', 'B02']);
      expect(await page.getByRole('list', { name: 'Bins' }).getByText('A01').count()).toBe(0);
      await checkPage(page, 'bulk-bins-preview');
      await page.getByRole('button', { name: 'Create 4 bins' }).click();
      await page.getByText('Bins created: 4.').waitFor();
      await page.getByRole('list', { name: 'Bins' }).getByText('B02', { exact: true }).waitFor();
    });
  });
});
