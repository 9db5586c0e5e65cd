// The reports, imports, alerts and administration screens in a real browser (Debian's Chromium
// through playwright-core) against a real server process serving the built UI on a fresh database.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkPage, recorded, setupBrowserSuite } from '../helpers/browser-suite.js';

// A file of more than two rows is imported by a background job, whose progress the screen polls.
const suite = setupBrowserSuite(
  { IMPORT_ASYNC_ROWS: '2', SCHEDULER_ENABLED: 'true' },
  { acceptDownloads: true },
);
const { signedInPage } = suite;

describe('reports, imports, alerts and administration in Chromium', () => {
  it('shows the valuation by warehouse as a chart, downloads it as XLSX, and pages the movement history', {
    timeout: 180_000,
  }, async () => {
    for (const [code, qty, cost] of [
      ['VAL-A', 10, 2],
      ['VAL-B', 4, 5],
    ] as const) {
      const warehouse = await suite.call('POST', '/api/v1/warehouses', { code, name: `Warehouse ${code}` });
      const product = await suite.call('POST', '/api/v1/products', {
        sku: `SKU-${code}`,
        name: `Goods ${code}`,
      });
      await suite.call('POST', '/api/v1/inventory/receipts', {
        warehouse_id: warehouse.id,
        lines: [{ product_id: product.id, quantity: qty, unit_cost: cost }],
      });
    }
    const page = await signedInPage();
    await recorded(page, 'valuation', async () => {
      await page.getByRole('link', { name: 'Reports', exact: true }).click();
      await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Stock valuation' });
      await page.getByRole('heading', { name: 'Stock value by group' }).waitFor();
      await page.getByRole('cell', { name: 'VAL-B', exact: true }).waitFor();
      await expect.poll(() => page.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(2);
      // 10 × 2 + 4 × 5 at average cost.
      await page.getByTestId('report-totals').getByText('40.00').first().waitFor();
      await checkPage(page, 'report-valuation');
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download XLSX' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      expect((await readFile((await xlsx.path()) ?? '')).subarray(0, 2).toString()).toBe('PK');

      await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Movement history' });
      await page.getByLabel('Movement type').selectOption({ label: 'Receipt' });
      await page.getByRole('cell', { name: 'SKU-VAL-A' }).waitFor();
      await page.getByText(/Page 1 of 1 \(2 items\)/).waitFor();
      // The filters are in the address: a reload shows the same report.
      expect(page.url()).toContain('/reports/movement-history?movement_type=receipt');
      await page.reload();
      await page.getByText(/Page 1 of 1 \(2 items\)/).waitFor();
      expect(await page.getByLabel('Movement type').inputValue()).toBe('receipt');
      await checkPage(page, 'report-movement-history');
      await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Stock aging' });
      await page.getByRole('heading', { name: 'Quantity by age (this page)' }).waitFor();
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      await checkPage(page, 'report-aging');
      for (const [name, shot] of [
        ['Stock turnover', 'report-turnover'],
        ['Ledger reconciliation', 'report-reconciliation'],
        ['ABC analysis', 'report-abc'],
        ['Low stock', 'report-low-stock'],
      ] as const) {
        await page.getByLabel('Report', { exact: true }).selectOption({ label: name });
        await page.getByRole('table', { name }).waitFor();
        await checkPage(page, shot);
      }
    });
  });

  it('checks an import file, lists its problems, then imports it with a progress bar to done', {
    timeout: 180_000,
  }, async () => {
    const page = await signedInPage();
    await recorded(page, 'import', async () => {
      await page.getByRole('link', { name: 'Imports' }).click();
      await page.getByLabel('What to import').selectOption({ label: 'Products' });
      const file = page.getByLabel('File (CSV or XLSX)');
      await file.setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('sku,name,unit_price\r\nIMP-1,One,1\r\nIMP-2,Two,x\r\n'),
      });
      await page.getByRole('button', { name: 'Check file (dry run)' }).click();
      const problems = page.getByRole('table', { name: 'Problems in the file' });
      await problems.getByRole('cell', { name: 'unit_price' }).waitFor();
      expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
      await checkPage(page, 'import-problems');

      await file.setInputFiles({
        name: 'products.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('sku,name,unit_price\r\nIMP-1,One,1\r\nIMP-2,Two,2\r\nIMP-3,Three,3\r\n'),
      });
      await page.getByRole('button', { name: 'Check file (dry run)' }).click();
      await page
        .getByTestId('dry-run-result')
        .getByText(/3 rows/)
        .waitFor();
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const bar = page.getByRole('progressbar', { name: 'Rows imported' });
      await bar.waitFor();
      // The import as the API sees it, and the scheduler's state: a miss shows which one stalled.
      const latest = async () => {
        const [job] = (await suite.call('GET', '/api/v1/imports?kind=products&page_size=1')).items;
        const { scheduler } = await suite.call('GET', '/health');
        return { filename: job?.filename, status: job?.status, error_count: job?.error_count, scheduler };
      };
      await expect
        .poll(latest, { timeout: 60_000 })
        .toMatchObject({ filename: 'products.csv', status: 'done', error_count: 0 });
      await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe('100');
      await page.getByText('Done. Created products: 3, categories: 0.').waitFor();
      await page
        .getByRole('table', { name: 'Recent imports' })
        .getByRole('cell', { name: 'products.csv' })
        .waitFor();
      await checkPage(page, 'import-done');
      // In Hungarian: the same screen, and a dry run's problems in the API's Hungarian.
      await page.getByRole('button', { name: 'hu', exact: true }).click();
      await page.getByRole('heading', { name: 'Importálás', level: 1 }).waitFor();
      await page.getByLabel('Fájl (CSV vagy XLSX)').setInputFiles({
        name: 'rossz.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('sku,name,unit_price\r\nIMP-9,Kilenc,x\r\n'),
      });
      await page.getByRole('button', { name: 'Fájl ellenőrzése (próbafuttatás)' }).click();
      await page
        .getByRole('table', { name: 'A fájl hibái' })
        .getByRole('cell', { name: 'unit_price' })
        .waitFor();
      await checkPage(page, 'import-problems-hu');
    });
  });

  it('acknowledges an alert on the dashboard', { timeout: 120_000 }, async () => {
    const warehouse = await suite.call('POST', '/api/v1/warehouses', { code: 'ALERT', name: 'Alerts' });
    const product = await suite.call('POST', '/api/v1/products', {
      sku: 'LOW-1',
      name: 'Running low',
      reorder_point: 20,
    });
    await suite.call('POST', '/api/v1/inventory/receipts', {
      warehouse_id: warehouse.id,
      lines: [{ product_id: product.id, quantity: 3, unit_cost: 1 }],
    });
    await suite.call('POST', '/api/v1/alerts/run', { kind: 'low_stock' });
    const page = await signedInPage();
    await recorded(page, 'alerts', async () => {
      const alerts = page.getByRole('list', { name: /Alerts to acknowledge/ });
      const item = alerts.getByRole('listitem').filter({ hasText: 'LOW-1' });
      await item.waitFor();
      await page.getByRole('heading', { name: "Today's movements" }).waitFor();
      await checkPage(page, 'dashboard-alerts');
      await item.getByRole('button', { name: /Acknowledge/ }).click();
      await expect.poll(() => item.count()).toBe(0);
      await page.getByText('No open alerts.').waitFor();
    });
  });

  it('filters the audit log and switches a module off', { timeout: 120_000 }, async () => {
    const page = await signedInPage();
    await recorded(page, 'audit', async () => {
      await page.getByRole('link', { name: 'Modules' }).click();
      const dispatch = page.getByRole('switch', { name: 'Dispatch' });
      await dispatch.click();
      await expect.poll(() => dispatch.isChecked()).toBe(false);
      await checkPage(page, 'modules');

      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByLabel('User').selectOption({ label: 'admin' });
      await page.getByLabel('Entity type').fill('module');
      const table = page.getByRole('table', { name: 'Audit log' });
      await table.getByRole('cell', { name: 'module.update' }).waitFor();
      await expect.poll(() => table.getByRole('row').count()).toBe(2);
      await table.getByRole('cell', { name: 'dispatch', exact: true }).waitFor();
      await page.getByLabel('Entity type').fill('product');
      await table.getByRole('cell', { name: 'module.update' }).waitFor({ state: 'detached' });
      await checkPage(page, 'audit-log');
      await page.getByLabel('Entity type').fill('');
      await page.getByLabel('Action').fill('module.update');
      // Open the one module.update row once the filter applies, not a row of the unfiltered list.
      await table.getByRole('cell', { name: 'module.update' }).waitFor();
      await table.getByRole('row').nth(2).waitFor({ state: 'detached' });
      await table.getByText('Show').first().click();
      await table.getByText('"is_active": false').waitFor();
    });
  });
});
