import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, bodyOf } from '../../helpers/api.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import type { Warehouse } from '../../helpers/stock.js';
import { runAt, subscribe } from '../alerts/helpers.js';
import { createTank, onHand, stockBatch, stockedItem } from './helpers.js';

let t: Fixture<['manager', 'warehouse', 'viewer']>;
let manager: ApiUser;
let worker: ApiUser;
let viewer: ApiUser;
let wh: Warehouse;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse', 'viewer'], warehouse: 'FARM2' });
  [manager, worker, viewer] = t.users;
  wh = t.warehouse;
});
afterAll(async () => {
  await t.close();
});

const hu = { 'accept-language': 'hu' };

describe('biofloc requests', () => {
  it('refuses missing auth (401), wrong role (403), bad input (422), unknown records (404) and stale versions (412)', async () => {
    const anonymous = api(t.app);
    expect((await anonymous.get('/api/v1/biofloc/tanks')).statusCode).toBe(401);
    expect(
      (await viewer.api.post('/api/v1/biofloc/tanks', { tank_code: 'X', tank_name: 'X', capacity_liters: 1 }))
        .statusCode,
    ).toBe(403);
    expect(
      (await worker.api.post('/api/v1/biofloc/tanks', { tank_code: 'X', tank_name: 'X', capacity_liters: 1 }))
        .statusCode,
    ).toBe(403);
    const zero = await manager.api.post('/api/v1/biofloc/tanks', {
      tank_code: 'X',
      tank_name: 'X',
      capacity_liters: 0,
    });
    expect(zero.statusCode).toBe(422);
    expect(zero.json().errors[0].field).toBe('capacity_liters');

    const tank = await createTank(manager.api, wh.id);
    const ph = await worker.api.post('/api/v1/biofloc/water-tests', {
      tank_id: tank.id,
      test_date: '2026-01-02',
      ph: 15,
    });
    expect(ph.statusCode).toBe(422);
    const negative = await worker.api.post('/api/v1/biofloc/water-tests', {
      tank_id: tank.id,
      test_date: '2026-01-02',
      ammonia_nh3_mgl: -1,
    });
    expect(negative.statusCode).toBe(422);
    const missingTank = await worker.api.post(
      '/api/v1/biofloc/water-tests',
      { tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f99', test_date: '2026-01-02' },
      hu,
    );
    expect(missingTank.statusCode).toBe(404);
    expect(missingTank.json()).toMatchObject({
      error_code: 'TANK_NOT_FOUND',
      detail: 'A medence nem található.',
    });
    expect(
      (await viewer.api.get('/api/v1/biofloc/batches/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f99')).json()
        .error_code,
    ).toBe('BATCH_NOT_FOUND');

    const duplicate = await manager.api.post('/api/v1/biofloc/tanks', {
      tank_code: tank.tank_code,
      tank_name: 'Again',
      capacity_liters: 5,
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error_code).toBe('TANK_CODE_TAKEN');

    const changed = bodyOf(
      await manager.api.patch(`/api/v1/biofloc/tanks/${tank.id}`, {
        status: 'maintenance',
        version: tank.version,
      }),
    );
    expect(changed).toMatchObject({ status: 'maintenance', version: tank.version + 1 });
    const stale = await manager.api.put(`/api/v1/biofloc/tanks/${tank.id}`, {
      location: 'Hall B',
      version: tank.version,
    });
    expect(stale.statusCode).toBe(412);

    // A tank in maintenance cannot be stocked; feeding an empty tank has no batch to feed.
    const maintenance = await worker.api.post(
      '/api/v1/biofloc/batches',
      {
        batch_code: 'M1',
        species: 'Tilapia',
        stocking_date: '2026-01-01',
        initial_count: 10,
        initial_avg_weight_g: 1,
        tank_id: tank.id,
      },
      hu,
    );
    expect(maintenance.json()).toMatchObject({
      error_code: 'TANK_UNAVAILABLE',
      detail: `A(z) ${tank.tank_code} medence karbantartás alatt áll, nem telepíthető.`,
    });
    const empty = await worker.api.post('/api/v1/biofloc/feeding', {
      tank_id: tank.id,
      feeding_date: '2026-01-02',
      session_number: 1,
      feed_items: [{ sku: 'ANY', quantity_kg: 1 }],
    });
    expect(empty.json().error_code).toBe('TANK_HAS_NO_ACTIVE_BATCH');
    const removed = bodyOf(await manager.api.delete(`/api/v1/biofloc/tanks/${tank.id}`));
    expect(removed.is_active).toBe(false);
    expect(
      bodyOf(await viewer.api.get('/api/v1/biofloc/tanks')).items.map((x: { id: string }) => x.id),
    ).not.toContain(tank.id);
  });

  it('transfers a batch to a free tank, freeing the old one and keeping the history', async () => {
    const from = await createTank(manager.api, wh.id);
    const to = await createTank(manager.api, wh.id);
    const occupied = await createTank(manager.api, wh.id);
    const batch = await stockBatch(worker.api, from.id);
    await stockBatch(worker.api, occupied.id);
    const blocked = await worker.api.post(`/api/v1/biofloc/batches/${batch.id}/transfer`, {
      to_tank_id: occupied.id,
      transfer_date: '2026-02-01',
      transfer_reason: 'growth transfer',
    });
    expect(blocked.json().error_code).toBe('TANK_OCCUPIED');
    const moved = bodyOf(
      await worker.api.post(`/api/v1/biofloc/batches/${batch.id}/transfer`, {
        to_tank_id: to.id,
        transfer_date: '2026-02-01',
        transfer_reason: 'growth transfer',
        avg_weight_g: 30,
        notes: '',
      }),
    );
    expect(moved).toMatchObject({
      current_tank_id: to.id,
      current_avg_weight_g: 30,
      current_biomass_kg: 150,
    });
    expect(bodyOf(await viewer.api.get(`/api/v1/biofloc/tanks/${from.id}`)).status).toBe('available');
    expect(bodyOf(await viewer.api.get(`/api/v1/biofloc/tanks/${to.id}`)).status).toBe('in_use');
    const history = bodyOf(await viewer.api.get(`/api/v1/biofloc/batches/${batch.id}/tank-history`));
    expect(
      history.items.map((h: Record<string, unknown>) => [
        h.tank_id,
        h.from_tank_id,
        h.transfer_reason,
        h.avg_weight_g,
      ]),
    ).toEqual([
      [from.id, null, 'initial_stocking', 10],
      [to.id, from.id, 'growth_transfer', 30],
    ]);
  });

  it('issues fingerlings bought as stock with the stocking, at their cost', async () => {
    const tank = await createTank(manager.api, wh.id);
    const fingerlings = await stockedItem(t, t.admin.token, wh.id, 6000, 0.05);
    const batch = await stockBatch(worker.api, tank.id, { stock_product_id: fingerlings.id });
    expect(batch).toMatchObject({ fingerling_cost: 250, total_cost: 250 });
    expect(await onHand(t.admin, fingerlings.id)).toBe(1000);
    const short = await createTank(manager.api, wh.id);
    const refused = await worker.api.post('/api/v1/biofloc/batches', {
      batch_code: 'F-SHORT',
      species: 'Tilapia',
      stocking_date: '2026-01-01',
      initial_count: 1001,
      initial_avg_weight_g: 1,
      tank_id: short.id,
      stock_product_id: fingerlings.id,
    });
    expect(refused.json().error_code).toBe('INSUFFICIENT_STOCK');
    expect(bodyOf(await viewer.api.get(`/api/v1/biofloc/tanks/${short.id}`))).toMatchObject({
      status: 'available',
      current_batch_id: null,
    });
  });

  it('checks water against the species profile and alerts tanks with no test in 24 hours, once a day', async () => {
    const profile = bodyOf(
      await manager.api.post('/api/v1/biofloc/water-quality-profiles', {
        species: 'Shrimp',
        do_min: 5,
        nh3_max: 0.5,
        floc_min: '',
      }),
      201,
    );
    expect(profile).toMatchObject({
      species: 'Shrimp',
      do_min: 5,
      nh3_max: 0.5,
      floc_min: null,
      ph_max: null,
    });
    const again = await manager.api.post('/api/v1/biofloc/water-quality-profiles', { species: 'Shrimp' }, hu);
    expect(again.json()).toMatchObject({
      error_code: 'WATER_PROFILE_EXISTS',
      detail: 'A(z) Shrimp fajnak már van vízminőségi profilja.',
    });
    const profiles = bodyOf(await viewer.api.get('/api/v1/biofloc/water-quality-profiles'));
    expect(profiles.items.find((p: { species: string }) => p.species === 'default')).toMatchObject({
      do_min: 4,
      nh3_max: 1,
      no2_max: 0.5,
      ph_min: 6.5,
      ph_max: 8.5,
      floc_min: 10,
      floc_max: 40,
    });

    const tank = await createTank(manager.api, wh.id);
    await stockBatch(worker.api, tank.id, { species: 'shrimp' });
    // 4.5 mg/L passes the default but not the shrimp's 5; ammonia 0.8 breaches its 0.5; floc 5 is unchecked.
    const test = bodyOf(
      await worker.api.post('/api/v1/biofloc/water-tests', {
        tank_id: tank.id,
        test_date: '2026-01-03',
        dissolved_oxygen_mgl: 4.5,
        ammonia_nh3_mgl: 0.8,
        floc_volume_mll: 5,
      }),
      201,
    );
    expect(
      test.breaches.map((b: { parameter: string; breach: string }) => `${b.parameter}:${b.breach}`),
    ).toEqual(['dissolved_oxygen_mgl:below', 'ammonia_nh3_mgl:above']);
    expect(bodyOf(await viewer.api.get('/api/v1/biofloc/dashboard'))).toMatchObject({
      low_do_alerts: 1,
      high_ammonia_alerts: 1,
    });

    await subscribe(t, t.admin.token, { role: 'admin', kinds: ['water_test_overdue'], locale: 'hu' });
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await runAt(t, later, 'biofloc-water-test-overdue');
    await runAt(t, later, 'biofloc-water-test-overdue');
    const overdue = bodyOf(await t.admin.get('/api/v1/alerts?kind=water_test_overdue&page_size=100'));
    expect(overdue.items.filter((a: { subject_id: string }) => a.subject_id === tank.id)).toHaveLength(1);
  });

  it('suggests the molasses dose, and lists export as CSV', async () => {
    const dose = bodyOf(
      await viewer.api.get('/api/v1/biofloc/tank-inputs/carbon-dose?feed_kg=10&protein_pct=30&target_cn=15'),
    );
    // N = 10 × 30 % × 16 % = 0.48 kg; C wanted 0.48 × 15 = 7.2, the feed brings 5: 2.2 kg of carbon, 5.5 kg molasses.
    expect(dose).toMatchObject({
      nitrogen_kg: 0.48,
      feed_carbon_kg: 5,
      carbon_needed_kg: 2.2,
      molasses_kg: 5.5,
      carbon_pct: 40,
    });
    expect(
      (await viewer.api.get('/api/v1/biofloc/tank-inputs/carbon-dose?feed_kg=0&protein_pct=30')).statusCode,
    ).toBe(422);

    const tank = await createTank(manager.api, wh.id, { tank_code: 'CSV-1' });
    const csv = await viewer.api.get('/api/v1/biofloc/tanks?format=csv&search=CSV-1', undefined, hu);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Medencekód');
    expect(csv.body).toContain('CSV-1');
    expect(csv.body).toContain(tank.id);
    for (const list of [
      'batches',
      'feeding',
      'tank-inputs',
      'water-tests',
      'water-quality-profiles',
      'sampling',
      'mortality',
      'harvests',
    ]) {
      const file = await viewer.api.get(`/api/v1/biofloc/${list}?format=xlsx`);
      expect(file.statusCode, list).toBe(200);
    }
  });

  it('creates a species’ harvest product once when its first harvests come at the same moment', async () => {
    const batches = [];
    for (let i = 0; i < 4; i++) {
      const tank = await createTank(manager.api, wh.id);
      batches.push(await stockBatch(manager.api, tank.id, { species: 'Pangasius', initial_count: 100 }));
    }
    const harvests = await Promise.all(
      batches.map((batch) =>
        worker.api.post('/api/v1/biofloc/harvests', {
          batch_id: batch.id,
          harvest_date: '2026-03-01',
          harvest_type: 'partial',
          fish_count: 10,
          total_weight_kg: 5,
        }),
      ),
    );
    expect(harvests.map((res) => res.statusCode)).toEqual([201, 201, 201, 201]);
    const products = bodyOf(await manager.api.get('/api/v1/products?search=FISH-PANGASIUS')).items as {
      id: string;
      sku: string;
    }[];
    expect(products.map((p) => p.sku)).toEqual(['FISH-PANGASIUS']);
    expect(await onHand(manager.api, products[0]?.id ?? '')).toBe(20);
  });
});
