// The field screens (tray dispatch and the biofloc farm) in a real browser against a real server
// process serving the built UI on a fresh clone of the suite's database.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, recorded, setupBrowserSuite } from '../helpers/browser-suite.js';

const suite = setupBrowserSuite();
const { newPage, signIn } = suite;

/** Opens a page from the menu, waits for its heading, checks axe and saves its screenshots. */
async function visit(page: Page, link: string, heading: string, shot: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await checkPage(page, shot);
}

describe('the field screens in Chromium', () => {
  it('sets up a drill site, dispatches trays against the live count, records a sample and lists what is out', {
    timeout: 180_000,
  }, async () => {
    await suite.call('PUT', '/api/v1/dispatch/inventory', { hq: 40, nq: 20, reason: 'opening count' });
    const page = await newPage();
    await recorded(page, 'field-dispatch', async () => {
      await signIn(page);
      await page.getByRole('link', { name: 'Drill sites' }).click();
      await page.getByRole('heading', { name: 'Companies, projects and drillholes' }).waitFor();
      const dialog = page.getByRole('dialog');

      await page.getByRole('button', { name: 'New company' }).click();
      await dialog.getByLabel('Name').fill('Recsk Mining');
      await dialog.getByLabel('Contact e-mail').fill('office@recsk.example');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('cell', { name: 'Recsk Mining' }).first().waitFor();

      await page.getByRole('button', { name: 'New project' }).click();
      await dialog.getByLabel('Project ID').fill('RX-1');
      await dialog.getByLabel('Name').fill('Lahóca');
      await dialog.getByLabel('Company').selectOption({ label: 'Recsk Mining' });
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('cell', { name: 'RX-1', exact: true }).waitFor();

      await page.getByRole('button', { name: 'New drillhole' }).click();
      await dialog.getByLabel('Drillhole ID').fill('LH-07');
      await dialog.getByLabel('Project', { exact: true }).selectOption({ label: 'RX-1 · Lahóca' });
      await dialog.getByLabel('Planned depth (m)').fill('350');
      // A clash named at its field: the drillhole id taken in this project.
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('cell', { name: 'LH-07', exact: true }).waitFor();
      await checkPage(page, 'field-sites');

      // The dispatch form shows the trays on the shelf and warns of asking for more.
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Dispatch', exact: true })
        .click();
      const available = page.getByTestId('trays-available');
      await available.getByText('On the shelf now: 40 HQ, 20 NQ').waitFor();
      const form = page.getByRole('form', { name: 'New dispatch' });
      await form.getByLabel('Project').selectOption({ label: 'RX-1 · Lahóca' });
      await form.getByLabel('Drillhole').selectOption({ label: 'LH-07' });
      await form.getByLabel('HQ boxes').fill('45');
      await form.getByText('Only 40 on the shelf').waitFor();
      await form.getByLabel('HQ boxes').fill('6');
      await form.getByLabel('NQ boxes').fill('3');
      await form.getByLabel('Driver').fill('Kovács Péter');
      await checkPage(page, 'field-dispatch');
      await form.getByRole('button', { name: 'Dispatch', exact: true }).click();
      await page.getByText('Dispatch DSP-000001 posted.').waitFor();
      await available.getByText('On the shelf now: 34 HQ, 17 NQ').waitFor();

      // A sample of that dispatch, reached from its row.
      await page
        .getByRole('row', { name: /DSP-000001/ })
        .getByRole('link', { name: /Samples/ })
        .click();
      await page.getByRole('heading', { name: 'Samples', level: 1 }).waitFor();
      const sample = page.getByRole('form', { name: 'New sample' });
      await expect.poll(() => sample.getByLabel('Dispatch').inputValue()).not.toBe('');
      await sample.getByLabel('Sample ID').fill('S-0001');
      await sample.getByLabel('From (m)').fill('10');
      await sample.getByLabel('To (m)').fill('11.5');
      await sample.getByRole('button', { name: 'Add sample' }).click();
      await page.getByRole('cell', { name: 'S-0001', exact: true }).waitFor();
      await checkPage(page, 'field-samples');

      await visit(page, 'Trays out', 'Trays still out', 'field-outstanding');
      const band = page.getByRole('table', { name: '0-3 days out' });
      await band.getByRole('cell', { name: 'DSP-000001' }).waitFor();
      expect(await band.getByRole('row', { name: /DSP-000001/ }).innerText()).toContain('6 HQ, 3 NQ');

      await visit(page, 'Tray stock', 'Tray stock', 'field-tray-stock');
      await visit(page, 'Dispatch reports', 'Dispatch reports', 'field-dispatch-reports');
      await page.getByRole('main').getByText('Trays out', { exact: true }).waitFor();
    });
  });

  it('stocks a batch, samples it into the biomass curve, tests the water and harvests it', {
    timeout: 180_000,
  }, async () => {
    await suite.call('POST', '/api/v1/warehouses', { code: 'FARM', name: 'Fish farm' });
    await suite.call('POST', '/api/v1/biofloc/water-quality-profiles', { species: 'Tilapia', do_min: 5 });
    const page = await newPage();
    await recorded(page, 'field-biofloc', async () => {
      await signIn(page);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Biofloc' }).click();
      const dialog = page.getByRole('dialog');
      await page.getByRole('button', { name: 'New tank' }).click();
      await dialog.getByLabel('Tank code').fill('T-01');
      await dialog.getByLabel('Tank name').fill('Nursery');
      await dialog.getByLabel('Capacity (litres)').fill('12000');
      await dialog.getByLabel('Warehouse').selectOption({ label: 'FARM · Fish farm' });
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('button', { name: /T-01/ }).first().waitFor();

      await page.getByRole('link', { name: 'Fish batches' }).click();
      const batch = page.getByRole('form', { name: 'New batch' });
      await batch.getByLabel('Batch code').fill('TL-26');
      await batch.getByLabel('Species').fill('Tilapia');
      await batch.getByLabel('Tank').selectOption({ label: 'T-01 · no batch' });
      await batch.getByLabel('Stocking date').fill('2026-11-01');
      await batch.getByLabel('Fish', { exact: true }).fill('2000');
      await batch.getByLabel('Average weight (g)').fill('10');
      await batch.getByRole('button', { name: 'Stock batch' }).click();
      await page.getByRole('heading', { name: 'Batch TL-26 (Tilapia)' }).waitFor();

      // Sampling: the curve gains its second point.
      const sampling = page.getByRole('form', { name: 'Sampling' });
      await sampling.getByLabel('Date').fill('2026-11-20');
      await sampling.getByLabel('Fish weighed').fill('30');
      await sampling.getByLabel('Average weight (g)').fill('25');
      await sampling.getByRole('button', { name: 'Record sampling' }).click();
      await page.getByText(/Average weight now 25 g; biomass 50 kg/).waitFor();
      const chart = page.getByTestId('biomass-chart');
      await expect.poll(() => chart.locator('.recharts-line-curve').count()).toBe(2);
      await expect.poll(() => chart.locator('.recharts-line-dots circle').count()).toBeGreaterThanOrEqual(4);
      await page.getByText('FCR', { exact: true }).waitFor();
      await checkPage(page, 'field-batch');

      // A water test: oxygen below Tilapia's limit is highlighted as typed.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Biofloc' }).click();
      await page.getByRole('button', { name: 'Water test' }).click();
      const water = page.getByRole('form', { name: 'Water test' });
      await water.getByLabel('Tank', { exact: true }).selectOption({ label: 'T-01 · TL-26' });
      await water.getByText('Checked against the limits for Tilapia.').waitFor();
      await water.getByLabel('Dissolved oxygen (mg/l)').fill('4.2');
      await water.getByLabel('pH').fill('7.4');
      await water.getByText('Below the limit of 5').waitFor();
      expect(await water.getByLabel('pH').getAttribute('data-out-of-range')).toBeNull();
      await checkPage(page, 'field-water-test');
      await water.getByRole('button', { name: 'Record water test' }).click();
      await page
        .getByTestId('water-result')
        .getByText(/Out of range: Dissolved oxygen/)
        .waitFor();

      // The whole batch harvested: it closes and the tank is free again.
      await page.getByRole('link', { name: /TL-26/ }).click();
      await page.getByRole('button', { name: 'Harvest' }).click();
      const harvest = page.getByRole('form', { name: 'Harvest' });
      await harvest.getByLabel('Harvest type').selectOption('complete');
      await harvest.getByLabel('Fish harvested').fill('2000');
      await harvest.getByLabel('Total weight (kg)').fill('52');
      await harvest.getByRole('button', { name: 'Post harvest' }).click();
      await page.getByText(/52 kg received into stock as lot TL-26-/).waitFor();
      await page.getByText(/^Harvested · /).waitFor();

      await visit(page, 'Water-quality limits', 'Water-quality limits', 'field-water-limits');
      await visit(page, 'Farm overview', 'Farm overview', 'field-farm-overview');
      await visit(page, 'Fish batches', 'Fish batches', 'field-batches');
      await visit(page, 'Biofloc', 'Biofloc tanks and feeding', 'field-tanks');
    });
  });
});
