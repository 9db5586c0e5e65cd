// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import { GradingForm } from './grading-form';
import { HarvestForm } from './harvest-form';
import type { Tank } from './queries';
import { TankForm } from './tank-form';
import { WaterTestForm } from './water-test-form';

// The biofloc forms against the real API on a fresh database.
const api = setupSignedInApi();
let tank: Tank;
let batchId: string;

beforeAll(async () => {
  const warehouse = await api.call('POST', '/api/v1/warehouses', { code: 'FARM', name: 'Farm' }, 201);
  const created = await api.call(
    'POST',
    '/api/v1/biofloc/tanks',
    {
      tank_code: 'T-01',
      tank_name: 'Tank one',
      capacity_liters: 10000,
      warehouse_id: warehouse.id,
    },
    201,
  );
  await api.call(
    'POST',
    '/api/v1/biofloc/water-quality-profiles',
    { species: 'Tilapia', do_min: 5, ph_min: 6.5, ph_max: 8.5 },
    201,
  );
  const batch = await api.call(
    'POST',
    '/api/v1/biofloc/batches',
    {
      batch_code: 'B-01',
      species: 'Tilapia',
      stocking_date: '2026-11-01',
      initial_count: 1000,
      initial_avg_weight_g: 5,
      tank_id: created.id,
    },
    201,
  );
  batchId = batch.id;
  tank = await api.call('GET', `/api/v1/biofloc/tanks/${created.id}`, undefined, 200);
});

describe('biofloc forms', () => {
  it("highlights a reading outside the limits of the tank's species as it is typed, and shows the API's breaches once posted", async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<WaterTestForm tanks={[tank]} tankId={tank.id} />);
    await screen.findByText(/limits for Tilapia/, {}, { timeout: 5000 });
    const user = userEvent.setup();
    const oxygen = screen.getByLabelText('Dissolved oxygen (mg/l)');
    // 4.5 is within the built-in default (4) but below Tilapia's profile (5).
    await user.type(oxygen, '4.5');
    await user.type(screen.getByLabelText('pH'), '7.2');
    expect(oxygen.getAttribute('data-out-of-range')).toBe('true');
    const warning = document.getElementById(`${oxygen.id}-warning`);
    expect(warning?.textContent).toBe('Below the limit of 5');
    expect(oxygen.getAttribute('aria-describedby')).toContain(`${oxygen.id}-warning`);
    expect(screen.getByLabelText('pH').getAttribute('data-out-of-range')).toBeNull();

    await user.clear(oxygen);
    await user.type(oxygen, '6');
    expect(oxygen.getAttribute('data-out-of-range')).toBeNull();
    await user.clear(oxygen);
    await user.type(oxygen, '3');
    await user.click(screen.getByRole('button', { name: 'Record water test' }));
    const result = await screen.findByTestId('water-result', {}, { timeout: 5000 });
    expect(result.textContent).toContain('Dissolved oxygen (mg/l) 3');
  });

  it("shows the API's refusal of a harvest of more fish than the batch holds, in the user's language", async () => {
    await i18n.changeLanguage('hu');
    renderWithProviders(<HarvestForm batchId={batchId} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Lehalászott halak'), '5000');
    await user.type(screen.getByLabelText('Össztömeg (kg)'), '100');
    await user.click(screen.getByRole('button', { name: 'Lehalászás könyvelése' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).toMatch(/\d/);
    expect(alert.textContent).not.toMatch(/exceed|more than/i);
    const batch = await api.call('GET', `/api/v1/biofloc/batches/${batchId}`, undefined, 200);
    expect(batch.harvested_count).toBe(0);
    await i18n.changeLanguage('en');
  });

  it('names a missing harvest weight at its field', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<HarvestForm batchId={batchId} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Fish harvested'), '10');
    await user.click(screen.getByRole('button', { name: 'Post harvest' }));
    const weight = screen.getByLabelText('Total weight (kg)');
    await waitFor(() => expect(weight.getAttribute('aria-invalid')).toBe('true'));
  });

  it('tells the user to reload when the tank was changed by someone else meanwhile (412)', async () => {
    await i18n.changeLanguage('en');
    const stale = await api.call(
      'POST',
      '/api/v1/biofloc/tanks',
      { tank_code: 'T-09', tank_name: 'Spare', capacity_liters: 500 },
      201,
    );
    await api.call(
      'PATCH',
      `/api/v1/biofloc/tanks/${stale.id}`,
      { tank_name: 'Renamed elsewhere', version: stale.version },
      200,
    );
    let done = 0;
    renderWithProviders(<TankForm tank={stale} onDone={() => done++} />);
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Tank name'));
    await user.type(screen.getByLabelText('Tank name'), 'Mine');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert', {}, { timeout: 5000 })).textContent).toBe(
      i18n.t('errors.stale'),
    );
    expect(done).toBe(0);
  });

  it("shows the API's refusal of a grading whose size groups do not add up to the batch", async () => {
    await i18n.changeLanguage('en');
    await api.call(
      'POST',
      '/api/v1/biofloc/tanks',
      { tank_code: 'T-02', tank_name: 'Two', capacity_liters: 8000 },
      201,
    );
    const batch = await api.call('GET', `/api/v1/biofloc/batches/${batchId}`, undefined, 200);
    renderWithProviders(<GradingForm batch={batch} />);
    const user = userEvent.setup();
    for (const [i, count] of [
      [0, '100'],
      [1, '200'],
    ] as const) {
      await user.type(screen.getByLabelText('Fish', { selector: `#grading-${i}-fish_count` }), count);
      await user.type(
        screen.getByLabelText('Average weight (g)', { selector: `#grading-${i}-avg_weight_g` }),
        '8',
      );
    }
    const tanks = screen.getAllByLabelText('Destination tank') as HTMLSelectElement[];
    await waitFor(() => expect(tanks[1]?.options.length).toBeGreaterThan(1));
    await user.selectOptions(tanks[0] as HTMLSelectElement, 'T-01');
    await user.selectOptions(tanks[1] as HTMLSelectElement, 'T-02');
    expect(screen.getByText(/300 of 1,000 fish assigned/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Post grading' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).not.toBe('');
    const after = await api.call('GET', `/api/v1/biofloc/batches/${batchId}`, undefined, 200);
    expect(after.status).toBe('active');
  });
});
