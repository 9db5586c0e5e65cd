// The web UI in a real browser (Debian's Chromium through playwright-core) against a real server
// process serving the built UI on a fresh clone of the suite's database.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../helpers/api-server.js';
import { screenshots } from '../helpers/browser.js';
import { checkPage, recorded, scan, setupBrowserSuite } from '../helpers/browser-suite.js';

const suite = setupBrowserSuite();
const { newPage, signIn } = suite;

/** How many movements the ledger holds for the product with this SKU. */
async function movementCount(sku: string): Promise<number> {
  const products = (await suite.call('GET', `/api/v1/products?search=${sku}`)) as {
    items: { id: string; sku: string }[];
  };
  const product = products.items.find((p) => p.sku === sku);
  if (!product) throw new Error(`no product ${sku}`);
  return ((await suite.call('GET', `/api/v1/stock-movements?product_id=${product.id}`)) as { total: number })
    .total;
}

/** The warehouse flow of the first test, step by step (a failure leaves web/test-results/failure-main.png). */
async function mainFlow(page: Page): Promise<void> {
  await page.goto(`${suite.url}/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();

  await checkPage(page, 'login');
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

  // Warehouses and bins.
  await page.getByRole('link', { name: 'Warehouses' }).click();
  for (const [code, name] of [
    ['MAIN', 'Main warehouse'],
    ['SIDE', 'Side warehouse'],
  ]) {
    await page.getByLabel('Code').fill(code ?? '');
    await page.getByLabel('Name').fill(name ?? '');
    await page.getByRole('button', { name: 'Add warehouse' }).click();
    await page.getByRole('cell', { name: code, exact: true }).waitFor();
  }
  await page.getByRole('button', { name: 'Bins MAIN' }).click();
  for (const bin of ['A-01', 'A-02']) {
    await page.getByLabel('Bin code').fill(bin);
    await page.getByRole('button', { name: 'Add bin' }).click();
    await page.getByRole('list', { name: 'Bins' }).getByText(bin, { exact: true }).waitFor();
  }
  await checkPage(page, 'warehouses');

  // A lot-tracked product with its EAN-13.
  await page.getByRole('link', { name: 'Products' }).click();
  await page.getByRole('button', { name: 'New product' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('SKU').fill('MILK-1');
  await dialog.getByLabel('Name').fill('Milk 1 l');
  await dialog.getByLabel('Barcode (EAN/UPC)').fill('5901234123457');
  await dialog.getByLabel('Unit price').fill('2.5');
  await dialog.getByLabel('Tracking').selectOption('lot');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('cell', { name: 'MILK-1', exact: true }).waitFor();
  await page.getByLabel('Search').fill('milk');
  await page.getByRole('cell', { name: 'Milk 1 l' }).waitFor();
  await checkPage(page, 'products');

  // Receive two lots by scanning GS1-128 strings (GTIN-14, expiry, lot, count).
  await page.getByRole('link', { name: 'Receive' }).click();
  await page.getByLabel('Warehouse').selectOption({ label: 'MAIN · Main warehouse' });
  await scan(page, '(01)05901234123457(17)270131(10)LOT-B(30)10');
  await scan(page, '(01)05901234123457(17)261231(10)LOT-A(30)5');
  await expect.poll(() => page.getByLabel('Lot').count()).toBe(2);
  expect(await page.getByLabel('Lot').nth(0).inputValue()).toBe('LOT-B');
  expect(await page.getByLabel('Expiry').nth(1).inputValue()).toBe('2026-12-31');
  expect(await page.getByLabel('Quantity').nth(0).inputValue()).toBe('10');
  // Focus stays in the scan field for the next scan.
  expect(await page.evaluate('document.activeElement?.id')).toBe('scan');
  await page.getByLabel('Bin').nth(0).selectOption({ label: 'A-01' });
  await page.getByLabel('Bin').nth(1).selectOption({ label: 'A-02' });
  await checkPage(page, 'receive');
  // A double click, as an impatient hand gives it: the form's Idempotency-Key makes it post once.
  await page.getByRole('button', { name: /Post receipt/ }).dblclick();
  await page.getByText('Receipt posted: 2 movements.').waitFor();
  expect(await movementCount('MILK-1')).toBe(2);

  // Issue 7 first expiry first out: the plan shows before posting, the allocation after.
  await page.getByRole('link', { name: 'Issue' }).click();
  await page.getByLabel('Warehouse').selectOption({ label: 'MAIN · Main warehouse' });
  await scan(page, '5901234123457');
  await page.getByLabel('Quantity').fill('7');
  const plan = page.getByRole('region', { name: 'Planned picks, first expiry first out' });
  await expect
    .poll(async () =>
      (await plan.getByRole('row').allInnerTexts()).slice(1).map((r) => r.replace(/\s+/g, ' ')),
    )
    .toEqual(['A-02 LOT-A Dec 31, 2026 5', 'A-01 LOT-B Jan 31, 2027 2']);
  await checkPage(page, 'issue');
  await page.getByRole('button', { name: /Post issue/ }).click();
  await page.getByText('Issue posted. Taken from:').waitFor();
  // The posting's answer names the bins: shown with it, not looked up after.
  expect((await page.getByTestId('allocation').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '))).toEqual([
    'MILK-1 · A-02 · LOT-A · Dec 31, 2026 · 5',
    'MILK-1 · A-01 · LOT-B · Jan 31, 2027 · 2',
  ]);

  // Transfer 3 of LOT-B to the other warehouse, then complete it.
  await page.getByRole('link', { name: 'Transfers' }).click();
  await page.getByLabel('From warehouse').selectOption({ label: 'MAIN · Main warehouse' });
  await page.getByLabel('To warehouse').selectOption({ label: 'SIDE · Side warehouse' });
  await scan(page, '(01)05901234123457(10)LOT-B(30)3');
  await page.getByTestId('transfer-product').getByText(/LOT-B/).waitFor();
  await page.getByRole('button', { name: 'Create transfer' }).click();
  await page.getByText(/Transfer TR-\d+ created/).waitFor();
  const row = page.getByRole('row', { name: /TR-\d+/ });
  await row.getByText('Pending').waitFor();
  // The row names the route and what moves: product, lot and quantity.
  await row.getByText('MAIN → SIDE').waitFor();
  await row.getByText(/^MILK-1 · .+ · LOT-B$/).waitFor();
  await checkPage(page, 'transfers');
  await row.getByRole('button', { name: 'Complete' }).click();
  await row.getByText('Completed').waitFor();

  // Reports: rows on screen, the whole report downloaded as CSV and XLSX.
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Lots by expiry (FEFO)' });
  // LOT-A went out whole; LOT-B is split between the two warehouses by the transfer.
  await page.getByRole('cell', { name: 'SIDE', exact: true }).waitFor();
  expect(await page.getByRole('cell', { name: 'LOT-A', exact: true }).count()).toBe(0);
  await checkPage(page, 'reports');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const csvText = await readFile((await csv.path()) ?? '', 'utf8');
  expect(csvText).toContain('LOT-B');
  expect(csvText).toContain('SIDE');
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download XLSX' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  // An XLSX file is a ZIP archive.
  expect((await readFile((await xlsx.path()) ?? '')).subarray(0, 2).toString()).toBe('PK');

  // The dashboard with its chart.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'Stock value by warehouse' }).waitFor();
  await page.locator('.recharts-bar-rectangle').first().waitFor();
  await checkPage(page, 'dashboard');

  // Hungarian: the screens and the API's messages.
  await page.getByRole('button', { name: 'hu', exact: true }).click();
  await page.getByRole('link', { name: 'Termékek' }).click();
  await page.getByRole('heading', { name: 'Termékek' }).waitFor();
  expect(await page.evaluate('document.documentElement.lang')).toBe('hu');
  await page.getByRole('button', { name: 'Új termék' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mentés' }).click();
  const sku = page.getByRole('dialog').getByLabel('Cikkszám');
  await expect.poll(() => sku.getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#product-sku-error').innerText()).toMatch(/karakter|kell/);
  await screenshots(page, 'products-hu');
}

describe('the operator web UI in Chromium', () => {
  it('signs in, sets up a warehouse, receives two lots by GS1 scans, issues FEFO, transfers, switches to Hungarian', {
    timeout: 240_000,
  }, async () => {
    const page = await newPage();
    await recorded(page, 'main', () => mainFlow(page));
  });

  it('takes a purchase order from creation through two partial receipts', { timeout: 180_000 }, async () => {
    await suite.call('POST', '/api/v1/suppliers', { code: 'DAIRY', name: 'Dairy Ltd' });
    await suite.call('POST', '/api/v1/warehouses', { code: 'PO-WH', name: 'Goods in' });
    await suite.call('POST', '/api/v1/products', {
      sku: 'BUTTER-1',
      name: 'Butter 250 g',
      barcode: '4006381333931',
      tracking: 'lot',
    });
    const page = await newPage();
    await recorded(page, 'po', async () => {
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.getByRole('link', { name: 'Purchasing' }).click();
      await page.getByLabel('Supplier').selectOption({ label: 'DAIRY · Dairy Ltd' });
      await scan(page, '4006381333931');
      await page.getByLabel('Quantity').fill('8');
      await page.getByLabel('Unit price').fill('1.5');
      await page.getByRole('button', { name: 'Create order' }).click();
      const status = page.getByTestId('po-status');
      await status.getByText('Draft', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Submit' }).click();
      await status.getByText('Submitted', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Approve' }).click();
      await status.getByText('Approved', { exact: true }).waitFor();

      // First receipt: 5 of lot L1 by a GS1 scan; then the remaining 3 of lot L2.
      const receipt = page.getByRole('form', { name: 'Receive against this order' });
      await receipt.getByLabel('Warehouse').selectOption({ label: 'PO-WH · Goods in' });
      await scan(page, '(01)04006381333931(17)270301(10)L1(30)5', 'po-scan');
      expect(await receipt.getByLabel('Lot').inputValue()).toBe('L1');
      expect(await receipt.getByLabel('Quantity').inputValue()).toBe('5');
      await checkPage(page, 'purchase-order');
      await receipt.getByRole('button', { name: 'Post receipt' }).click();
      await status.getByText('Partially received', { exact: true }).waitFor();
      await receipt.getByLabel('Warehouse').selectOption({ label: 'PO-WH · Goods in' });
      expect(await receipt.getByLabel('Quantity').inputValue()).toBe('3');
      await scan(page, '(01)04006381333931(17)270401(10)L2', 'po-scan');
      await receipt.getByRole('button', { name: 'Post receipt' }).click();
      await status.getByText('Received', { exact: true }).waitFor();
      await expect.poll(() => page.getByRole('row', { name: /BUTTER-1/ }).innerText()).toMatch(/8\s+8$/);
    });
  });

  it('feeds a biofloc tank from the tank grid', { timeout: 120_000 }, async () => {
    const farm = await suite.call('POST', '/api/v1/warehouses', { code: 'FARM', name: 'Fish farm' });
    const feed = await suite.call('POST', '/api/v1/products', {
      sku: 'FEED-1',
      name: 'Grower feed',
      unit_of_measure: 'kg',
    });
    await suite.call('POST', '/api/v1/inventory/receipts', {
      warehouse_id: farm.id,
      lines: [{ product_id: feed.id, quantity: 100, unit_cost: 2 }],
    });
    const tank = await suite.call('POST', '/api/v1/biofloc/tanks', {
      tank_code: 'T-01',
      tank_name: 'Tank 1',
      capacity_liters: 10000,
      warehouse_id: farm.id,
    });
    const today = new Date().toISOString().slice(0, 10);
    await suite.call('POST', '/api/v1/biofloc/batches', {
      batch_code: 'B-01',
      species: 'tilapia',
      stocking_date: today,
      initial_count: 1000,
      initial_avg_weight_g: 50,
      tank_id: tank.id,
    });
    const page = await newPage();
    await recorded(page, 'feeding', async () => {
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.getByRole('link', { name: 'Biofloc' }).click();
      const tile = page
        .getByRole('list', { name: 'Tanks' })
        .getByRole('listitem')
        .filter({ hasText: 'T-01' });
      await tile.getByRole('link', { name: 'B-01 · 1000 fish' }).waitFor();
      await tile.getByRole('button', { name: /^T-01/ }).click();
      expect(await page.getByLabel('Tank', { exact: true }).inputValue()).toBe(tank.id);
      await page.getByLabel('Date').fill(today);
      await scan(page, 'FEED-1', 'feed-scan');
      await page.getByLabel('Feed (kg)').fill('1.5');
      await checkPage(page, 'biofloc-feeding');
      await page.getByRole('button', { name: 'Post feeding' }).click();
      // 1.5 kg for 50 kg of fish: 3 % of the biomass.
      await page.getByText('Fed 1.5 kg to batch B-01 (feeding rate 3 % of biomass).').waitFor();
      expect(await page.getByLabel('Session').inputValue()).toBe('2');
    });
  });

  it('dispatches core trays to a drillhole and takes back fewer, flagging the mismatch', {
    timeout: 120_000,
  }, async () => {
    const company = await suite.call('POST', '/api/v1/companies', { name: 'Drill Co' });
    const project = await suite.call('POST', '/api/v1/projects', {
      project_id: 'PRJ-1',
      name: 'North',
      company_id: company.id,
    });
    await suite.call('POST', '/api/v1/drillholes', { drillhole_id: 'DH-001', project_id: project.id });
    const stocked = await suite.request('PUT', '/api/v1/dispatch/inventory', { hq: 50, nq: 30 });
    expect(stocked.status).toBe(200);
    const page = await newPage();
    await recorded(page, 'dispatch', async () => {
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.getByRole('link', { name: 'Dispatch', exact: true }).click();
      const available = page.getByTestId('trays-available');
      await available.getByText('On the shelf now: 50 HQ, 30 NQ').waitFor();
      await page.getByLabel('Project').selectOption({ label: 'PRJ-1 · North' });
      await page.getByLabel('Drillhole').selectOption({ label: 'DH-001' });
      await page.getByLabel('HQ boxes').fill('10');
      await page.getByLabel('NQ boxes').fill('5');
      await page.getByRole('button', { name: 'Dispatch', exact: true }).click();
      await available.getByText('On the shelf now: 40 HQ, 25 NQ').waitFor();
      const row = page.getByRole('row', { name: /DH-001/ });
      await row.getByText('Outstanding').waitFor();

      await row.getByRole('button', { name: /Return/ }).click();
      const back = page.getByRole('form', { name: /Return of/ });
      await back.getByLabel('NQ returned').fill('4');
      await page
        .getByTestId('return-mismatch')
        .getByText(/still out \(10 HQ, 5 NQ\)/)
        .waitFor();
      await checkPage(page, 'dispatch');
      await back.getByRole('button', { name: 'Post return' }).click();
      await row.getByText('Partially returned').waitFor();
      expect((await row.innerText()).replace(/\s+/g, ' ')).toMatch(/10\/10 4\/5/);
      await available.getByText('On the shelf now: 50 HQ, 29 NQ').waitFor();
    });
  });

  it('lets an admin add a viewer, who then sees no buttons it cannot use', { timeout: 120_000 }, async () => {
    const admin = await newPage();
    await signIn(admin, 'admin', ADMIN_PASSWORD);
    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.getByLabel('Username').fill('vera');
    await admin.getByLabel('E-mail').fill('vera@raktar.test');
    await admin.getByLabel('Full name').fill('Vera Viewer');
    await admin.getByLabel('Password').fill('weak');
    await admin.getByLabel('Role').selectOption({ label: 'Viewer' });
    await admin.getByRole('button', { name: 'Create user' }).click();
    // The API's password rule, shown under the field; then a good one.
    await expect.poll(() => admin.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await admin.getByLabel('Password').fill('Viewer!pass1');
    await admin.getByRole('button', { name: 'Create user' }).click();
    await admin.getByRole('cell', { name: 'Vera Viewer', exact: true }).waitFor();
    await checkPage(admin, 'users');

    const page = await newPage();
    await signIn(page, 'vera', 'Viewer!pass1');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Products' }).waitFor();
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      'Dashboard',
      'Transfers',
      'Movements',
      'Bin contents',
      'Reservations',
      'Purchasing',
      'Sales orders',
      'Work orders',
      'Products',
      'Categories',
      'Units',
      'Suppliers',
      'Customers',
      'Warehouses',
      'Dispatch',
      'Trays out',
      'Samples',
      'Drill sites',
      'Tray stock',
      'Dispatch reports',
      'Biofloc',
      'Fish batches',
      'Water-quality limits',
      'Farm overview',
      'Reports',
    ]);

    await nav.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    await page.getByLabel('Search').waitFor();
    expect(await page.getByRole('button', { name: /New product|Edit/ }).count()).toBe(0);

    await nav.getByRole('link', { name: 'Warehouses' }).click();
    await page.getByRole('heading', { name: 'Warehouses and bins' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add warehouse' }).count()).toBe(0);

    await nav.getByRole('link', { name: 'Transfers' }).click();
    await page.getByRole('heading', { name: 'Transfers' }).waitFor();
    expect(await page.getByRole('button', { name: /Create transfer|Complete|Cancel/ }).count()).toBe(0);

    // A typed address of a write screen does not open it either.
    await page.goto(`${suite.url}/stock/receive`);
    await page
      .getByRole('alert')
      .getByText(/do not give access/)
      .waitFor();
    expect(await page.getByRole('button', { name: /Post receipt/ }).count()).toBe(0);
  });
});
