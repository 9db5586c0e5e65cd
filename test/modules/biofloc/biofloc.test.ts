import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { verifyLedger, type Warehouse } from '../../helpers/stock.js';
import { createTank, onHand, stockBatch, stockedItem } from './helpers.js';

let t: Fixture<['manager', 'warehouse', 'viewer']>;
let worker: ApiUser;
let viewer: ApiUser;
let wh: Warehouse;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse', 'viewer'], warehouse: 'FARM' });
  [, worker, viewer] = t.users;
  wh = t.warehouse;
});
afterAll(async () => {
  expect((await verifyLedger(t.app, t.admin.token)).ok).toBe(true);
  await t.close();
});

const hu = { 'accept-language': 'hu' };

describe('biofloc: a batch from stocking to grading', () => {
  it('stocks, feeds, doses, tests water, counts deaths, samples and grades with exact figures', async () => {
    const tank = await createTank(t.admin, wh.id);
    const spare = await createTank(t.admin, wh.id);

    // Stock 5,000 fish at 10 g: 50 kg, and the tank is in use.
    const batch = await stockBatch(worker.api, tank.id, { batch_code: 'B1', feed_time: '' });
    expect(batch).toMatchObject({
      initial_biomass_kg: 50,
      current_biomass_kg: 50,
      current_count: 5000,
      status: 'active',
    });
    expect(batch.current_tank_name).toBe(`Tank ${tank.tank_code}`);
    const inUse = bodyOf(await t.admin.get(`/api/v1/biofloc/tanks/${tank.id}`));
    expect(inUse).toMatchObject({
      status: 'in_use',
      current_batch_id: batch.id,
      current_batch_code: 'B1',
      current_batch_count: 5000,
    });

    // A second batch into the same tank: 409, in English and Hungarian.
    const second = await worker.api.post(
      '/api/v1/biofloc/batches',
      {
        batch_code: 'B2',
        species: 'Tilapia',
        stocking_date: '2026-01-01',
        initial_count: 100,
        initial_avg_weight_g: 5,
        tank_id: tank.id,
      },
      hu,
    );
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      error_code: 'TANK_OCCUPIED',
      detail: `A(z) ${tank.tank_code} medencében már van aktív állomány.`,
    });
    // Nor may the occupied tank be deactivated.
    expect((await t.admin.delete(`/api/v1/biofloc/tanks/${tank.id}`)).json().error_code).toBe(
      'TANK_OCCUPIED',
    );

    // Feed 2.5 kg when 100 kg (at 2 a kg) is on hand: 97.5 left, cost 5, rate 5 % of 50 kg.
    const feed = await stockedItem(t, t.admin.token, wh.id, 100, 2);
    const fed = bodyOf(
      await worker.api.post('/api/v1/biofloc/feeding', {
        tank_id: tank.id,
        feeding_date: '2026-01-02',
        session_number: 1,
        feed_time: '',
        notes: '',
        feed_items: [{ sku: feed.sku, quantity_kg: 2.5 }],
      }),
      201,
    );
    expect(fed).toMatchObject({
      batch_id: batch.id,
      total_kg: 2.5,
      cost: 5,
      biomass_kg: 50,
      feeding_rate_pct: 5,
      feed_time: null,
    });
    expect(fed.items).toEqual([
      { product_id: feed.id, sku: feed.sku, quantity_kg: 2.5, unit_cost: 2, cost: 5 },
    ]);
    expect(await onHand(t.admin, feed.id)).toBe(97.5);
    const movements = bodyOf(
      await t.admin.get(`/api/v1/stock-movements?product_id=${feed.id}&movement_type=issue`),
    );
    expect(movements.items).toHaveLength(1);
    expect(movements.items[0]).toMatchObject({
      quantity: -2.5,
      unit_cost: 2,
      reference_type: 'biofloc_feeding',
      reference_id: fed.id,
    });

    // Two items, one short: 409 naming it, and neither the feeding nor any stock moves.
    const scarce = await stockedItem(t, t.admin.token, wh.id, 1, 3);
    const short = await worker.api.post(
      '/api/v1/biofloc/feeding',
      {
        tank_id: tank.id,
        feeding_date: '2026-01-02',
        session_number: 2,
        feed_items: [
          { product_id: feed.id, quantity_kg: 3 },
          { sku: scarce.sku, quantity_kg: 2 },
        ],
      },
      hu,
    );
    expect(short.statusCode).toBe(409);
    expect(short.json().error_code).toBe('INSUFFICIENT_STOCK');
    expect(short.json().detail).toContain(scarce.sku);
    expect(await onHand(t.admin, feed.id)).toBe(97.5);
    expect(await onHand(t.admin, scarce.id)).toBe(1);
    expect(bodyOf(await viewer.api.get(`/api/v1/biofloc/feeding?batch_id=${batch.id}`)).total).toBe(1);

    // A tank input with an unknown SKU: 404 and nothing saved; a known one leaves stock at its cost.
    const unknown = await worker.api.post('/api/v1/biofloc/tank-inputs', {
      tank_id: tank.id,
      input_date: '2026-01-02',
      input_type: 'probiotic',
      item_sku: 'NO-SUCH-SKU',
      quantity: 1,
      unit: 'kg',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error_code).toBe('PRODUCT_NOT_FOUND');
    expect(bodyOf(await t.admin.get(`/api/v1/biofloc/tank-inputs?tank_id=${tank.id}`)).total).toBe(0);
    const molasses = await stockedItem(t, t.admin.token, wh.id, 10, 1);
    const input = bodyOf(
      await worker.api.post('/api/v1/biofloc/tank-inputs', {
        tank_id: tank.id,
        input_date: '2026-01-02',
        input_time: '',
        input_type: 'carbon_source',
        item_sku: molasses.sku,
        quantity: 2,
        unit: 'kg',
      }),
      201,
    );
    expect(input).toMatchObject({ batch_id: batch.id, quantity: 2, unit_cost: 1, cost: 2, input_time: null });
    expect(await onHand(t.admin, molasses.id)).toBe(8);

    // DO 3.5 against the default 4: one alert, for that parameter, value and limit.
    const test = bodyOf(
      await worker.api.post('/api/v1/biofloc/water-tests', {
        tank_id: tank.id,
        test_date: '2026-01-02',
        dissolved_oxygen_mgl: 3.5,
        ph: 7.2,
        ammonia_nh3_mgl: 0.3,
        floc_volume_mll: 20,
        salinity_ppt: '',
      }),
      201,
    );
    expect(test.breaches).toEqual([
      { parameter: 'dissolved_oxygen_mgl', value: 3.5, threshold: 4, breach: 'below' },
    ]);
    const alerts = bodyOf(await t.admin.get('/api/v1/alerts?kind=water_quality'));
    expect(alerts.total).toBe(1);
    expect(alerts.items[0]).toMatchObject({
      kind: 'water_quality',
      subject_id: tank.id,
      subject_label: tank.tank_code,
      source_id: test.id,
      parameter: 'dissolved_oxygen_mgl',
      value: 3.5,
      threshold: 4,
      product_id: null,
      warehouse_id: wh.id,
    });
    const dashboard = bodyOf(await viewer.api.get('/api/v1/biofloc/dashboard'));
    expect(dashboard).toMatchObject({ low_do_alerts: 1, high_ammonia_alerts: 0 });

    // 200 deaths, then a sampling at 50 g: 4,800 fish, 240 kg. More dead than alive is 409.
    const dead = bodyOf(
      await worker.api.post('/api/v1/biofloc/mortality', {
        batch_id: batch.id,
        mortality_date: '2026-01-20',
        count: 200,
        cause: '',
      }),
      201,
    );
    expect(dead).toMatchObject({ count: 200, avg_weight_g: 10, biomass_kg: 2, cause: '' });
    const tooMany = await worker.api.post(
      '/api/v1/biofloc/mortality',
      { batch_id: batch.id, mortality_date: '2026-01-21', count: 4801 },
      hu,
    );
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json()).toMatchObject({
      error_code: 'FISH_COUNT_EXCEEDED',
      detail: '4801 hal több, mint a(z) B1 állomány 4800 élő hala.',
    });
    const sample = bodyOf(
      await worker.api.post('/api/v1/biofloc/sampling', {
        batch_id: batch.id,
        sample_date: '2026-02-01',
        sample_size: 50,
        avg_weight_g: 50,
        avg_length_cm: 10,
      }),
      201,
    );
    expect(sample).toMatchObject({ fish_count: 4800, biomass_kg: 240, condition_factor: 5 });
    const sampled = bodyOf(await t.admin.get(`/api/v1/biofloc/batches/${batch.id}`));
    expect(sampled).toMatchObject({
      current_count: 4800,
      current_avg_weight_g: 50,
      current_biomass_kg: 240,
      total_mortality: 200,
      mortality_pct: 4,
      total_feed_kg: 2.5,
      feed_cost: 5,
      input_cost: 2,
      total_cost: 7,
    });

    // Grading 4,800 into 3,000 × 56 g (168 kg) and 1,800 × 40 g (72 kg): the 7 of cost splits 70/30.
    const mismatch = await worker.api.post('/api/v1/biofloc/batches/grading', {
      source_batch_id: batch.id,
      grading_date: '2026-03-01',
      size_groups: [
        { size_label: 'L', fish_count: 3000, avg_weight_g: 56, destination_tank_id: tank.id },
        { size_label: 'S', fish_count: 1700, avg_weight_g: 40, destination_tank_id: spare.id },
      ],
    });
    expect(mismatch.json().error_code).toBe('GRADING_COUNT_MISMATCH');
    const graded = bodyOf(
      await worker.api.post('/api/v1/biofloc/batches/grading', {
        source_batch_id: batch.id,
        grading_date: '2026-03-01',
        size_groups: [
          { size_label: 'L', fish_count: 3000, avg_weight_g: 56, destination_tank_id: tank.id },
          { size_label: 'S', fish_count: 1800, avg_weight_g: 40, destination_tank_id: spare.id },
        ],
      }),
      201,
    );
    expect(graded.source).toMatchObject({ status: 'graded', end_date: '2026-03-01' });
    expect(
      graded.batches.map((b: Record<string, unknown>) => [
        b.batch_code,
        b.current_count,
        b.current_biomass_kg,
        b.inherited_cost,
        b.current_tank_id,
        b.parent_batch_id,
      ]),
    ).toEqual([
      ['B1-L', 3000, 168, 4.9, tank.id, batch.id],
      ['B1-S', 1800, 72, 2.1, spare.id, batch.id],
    ]);
    const history = bodyOf(
      await viewer.api.get(`/api/v1/biofloc/batches/${graded.batches[1].id}/tank-history`),
    );
    expect(history.items).toMatchObject([
      { tank_id: spare.id, transfer_reason: 'growth_transfer', fish_count: 1800 },
    ]);
    expect(bodyOf(await t.admin.get(`/api/v1/biofloc/tanks/${spare.id}`))).toMatchObject({
      status: 'in_use',
      current_batch_code: 'B1-S',
    });
  });
});

describe('biofloc: harvest', () => {
  it('a complete harvest closes the batch, frees the tank and receives 940 kg as a lot; a second is 409', async () => {
    const tank = await createTank(t.admin, wh.id);
    const batch = await stockBatch(worker.api, tank.id, { batch_code: 'H1', stocking_date: '2026-01-01' });
    bodyOf(
      await worker.api.post('/api/v1/biofloc/mortality', {
        batch_id: batch.id,
        mortality_date: '2026-01-10',
        count: 300,
        avg_weight_g: 10,
      }),
      201,
    );
    const feed = await stockedItem(t, t.admin.token, wh.id, 1400, 2);
    bodyOf(
      await worker.api.post('/api/v1/biofloc/feeding', {
        tank_id: tank.id,
        feeding_date: '2026-02-01',
        session_number: 1,
        feed_items: [{ product_id: feed.id, quantity_kg: 1339.5 }],
      }),
      201,
    );

    const harvest = bodyOf(
      await worker.api.post('/api/v1/biofloc/harvests', {
        batch_id: batch.id,
        harvest_date: '2026-04-11',
        harvest_type: 'complete',
        fish_count: 4700,
        total_weight_kg: 940,
        grade: 'A',
        buyer_name: 'Halpiac Kft.',
        price_per_kg: 4.5,
      }),
      201,
    );
    expect(harvest).toMatchObject({
      avg_weight_g: 200,
      revenue: 4230,
      buyer: 'Halpiac Kft.',
      lot_number: 'H1-2026-04-11',
    });
    // Hand-computed: survival 4,700 ÷ 5,000 = 94 %; gain 940 + 3 dead − 50 stocked = 893 kg, FCR
    // 1,339.5 ÷ 893 = 1.5; SGR (ln 200 − ln 10) ÷ 100 days × 100 = 2.9957 %/day; cost 2,679 ÷ 940 kg = 2.85.
    expect(harvest.batch).toMatchObject({
      status: 'harvested',
      current_count: 0,
      harvested_count: 4700,
      harvested_kg: 940,
      survival_pct: 94,
      fcr: 1.5,
      sgr: 2.9957,
      total_cost: 2679,
      cost_per_kg: 2.85,
      revenue: 4230,
      end_date: '2026-04-11',
    });
    expect(bodyOf(await t.admin.get(`/api/v1/biofloc/tanks/${tank.id}`))).toMatchObject({
      status: 'available',
      current_batch_id: null,
    });

    // 940 kg of the species' product in stock, in the harvest's lot.
    const product = bodyOf(await t.admin.get(`/api/v1/products/${harvest.product_id}`));
    expect(product).toMatchObject({
      sku: 'FISH-TILAPIA',
      unit_of_measure: 'kg',
      tracking: 'lot',
      on_hand: 940,
    });
    const lots = bodyOf(await t.admin.get(`/api/v1/products/${harvest.product_id}/lots`));
    expect(lots.items.map((lot: { lot_number: string }) => lot.lot_number)).toEqual(['H1-2026-04-11']);

    const performance = bodyOf(await viewer.api.get(`/api/v1/biofloc/batches/${batch.id}/performance`));
    expect(performance).toMatchObject({
      days: 100,
      fcr: 1.5,
      sgr: 2.9957,
      survival_pct: 94,
      dead_biomass_kg: 3,
      harvested_kg: 940,
      feed: { total_kg: 1339.5, sessions: 1, cost: 2679 },
      costs: { feed: 2679, total: 2679 },
      cost_per_kg: 2.85,
      revenue: 4230,
      margin: 1551,
    });
    expect(performance.biomass_curve).toEqual([
      { date: '2026-01-01', source: 'stocking', avg_weight_g: 10, fish_count: 5000, biomass_kg: 50 },
      { date: '2026-04-11', source: 'harvest', avg_weight_g: 200, fish_count: 4700, biomass_kg: 940 },
    ]);

    const again = await worker.api.post(
      '/api/v1/biofloc/harvests',
      {
        batch_id: batch.id,
        harvest_date: '2026-04-12',
        harvest_type: 'partial',
        fish_count: 1,
        total_weight_kg: 1,
      },
      hu,
    );
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error_code: 'BATCH_NOT_ACTIVE',
      detail: 'A(z) H1 állomány lehalászott; csak aktív állomány módosítható.',
    });
    expect(await onHand(t.admin, harvest.product_id)).toBe(940);
  });
});

describe('biofloc: concurrency', () => {
  it('concurrent feedings from the same feed stock never overdraw it', async () => {
    const tanks = [await createTank(t.admin, wh.id), await createTank(t.admin, wh.id)];
    for (const tank of tanks) await stockBatch(worker.api, tank.id);
    const feed = await stockedItem(t, t.admin.token, wh.id, 10, 1);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        worker.api.post('/api/v1/biofloc/feeding', {
          tank_id: tanks[i % 2]?.id,
          feeding_date: '2026-01-02',
          session_number: 1,
          feed_items: [{ sku: feed.sku, quantity_kg: 1 }],
        }),
      ),
    );
    const statuses = results.map((res) => res.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(14);
    expect(await onHand(t.admin, feed.id)).toBe(0);
    const fed = bodyOf(await t.admin.get(`/api/v1/biofloc/feeding?page_size=100`)).items.filter(
      (f: { items: { product_id: string }[] }) => f.items[0]?.product_id === feed.id,
    );
    expect(fed).toHaveLength(10);
  });
});
