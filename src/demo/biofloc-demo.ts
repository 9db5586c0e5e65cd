import type { DemoState } from './demo-state.js';
import type { DemoExtension } from './extensions.js';

interface Row {
  id: string;
}

const WEEKS = 13;
const BATCHES = [
  { code: 'TIL-01', species: 'Tilapia', count: 5000, harvest: 'complete' },
  { code: 'TIL-02', species: 'Tilapia', count: 4000, harvest: 'partial' },
  { code: 'VAN-01', species: 'Vannamei shrimp', count: 20000, harvest: undefined },
  { code: 'PAN-01', species: 'Pangasius', count: 3000, harvest: undefined },
] as const;

/** Grams a fish weighs `days` after stocking at `start` g, growing 3 % a day. */
const weightAt = (start: number, days: number) => Math.round(start * Math.exp(0.03 * days) * 10) / 10;

/**
 * A biofloc farm in the Debrecen warehouse: feed and molasses in stock, six tanks, four batches
 * stocked thirteen weeks ago, fed and tested weekly (one test with low oxygen raises an alert),
 * sampled, with some deaths; one batch harvested into stock, one partly.
 */
export const bioflocDemo: DemoExtension = {
  name: 'biofloc',
  async load(state: DemoState) {
    const { client } = state;
    const warehouse = state.warehouse('DEB');
    const item = async (sku: string, name: string, quantity: number, unitCost: number) => {
      const product = await client.post<Row>('/products', { sku, name, unit_of_measure: 'kg' });
      await client.post('/stock-movements', {
        product_id: product.id,
        warehouse_id: warehouse.id,
        movement_type: 'receipt',
        quantity,
        unit_cost: unitCost,
      });
      return product;
    };
    const feed = await item('FEED-32', 'Floating feed 32 % protein', 2000, 1.35);
    await item('MOLASSES', 'Sugar-beet molasses', 500, 0.4);
    const tanks: Row[] = [];
    for (let i = 1; i <= 6; i++) {
      tanks.push(
        await client.post<Row>('/biofloc/tanks', {
          tank_code: `BF-${i}`,
          tank_name: `Biofloc tank ${i}`,
          capacity_liters: i <= 4 ? 20000 : 10000,
          tank_type: i % 2 ? 'circular' : 'rectangular',
          location: 'Debrecen greenhouse',
          warehouse_id: warehouse.id,
        }),
      );
    }
    const start = -7 * WEEKS;
    const stocked = [];
    for (const [i, plan] of BATCHES.entries()) {
      const batch = await client.post<Row>('/biofloc/batches', {
        batch_code: plan.code,
        species: plan.species,
        source: 'Hatchery Szarvas',
        stocking_date: state.day(start),
        initial_count: plan.count,
        initial_avg_weight_g: 10,
        tank_id: (tanks[i] as Row).id,
      });
      stocked.push({ ...plan, batch, tank: tanks[i] as Row, alive: plan.count });
    }
    for (let week = 0; week < WEEKS; week++) {
      const day = start + 7 * week + 3;
      for (const [i, b] of stocked.entries()) {
        const grams = weightAt(10, day - start);
        const biomassKg = (b.alive * grams) / 1000;
        await client.post('/biofloc/feeding', {
          tank_id: b.tank.id,
          feeding_date: state.day(day),
          session_number: 1,
          feed_items: [{ product_id: feed.id, quantity_kg: Math.round(biomassKg * 3) / 100 }],
        });
        await client.post('/biofloc/water-tests', {
          tank_id: b.tank.id,
          test_date: state.day(day),
          temperature_c: 28,
          ph: 7.4,
          // One low reading: an alert to look at.
          dissolved_oxygen_mgl: week === WEEKS - 2 && i === 2 ? 3.6 : 5.8,
          ammonia_nh3_mgl: 0.3,
          nitrite_no2_mgl: 0.1,
          floc_volume_mll: 18,
        });
        if (week % 4 === 1) {
          const deaths = Math.round(b.alive * 0.01);
          b.alive -= deaths;
          await client.post('/biofloc/mortality', {
            batch_id: b.batch.id,
            mortality_date: state.day(day),
            count: deaths,
            cause: 'handling stress',
          });
        }
        if (week % 4 === 3) {
          await client.post('/biofloc/sampling', {
            batch_id: b.batch.id,
            sample_date: state.day(day),
            sample_size: 30,
            avg_weight_g: grams,
          });
        }
        if (week % 2 === 0) {
          await client.post('/biofloc/tank-inputs', {
            tank_id: b.tank.id,
            input_date: state.day(day),
            input_type: 'carbon_source',
            item_sku: 'MOLASSES',
            quantity: Math.round(biomassKg * 2) / 100,
            unit: 'kg',
            reason: 'C:N balance',
          });
        }
      }
    }
    for (const b of stocked) {
      if (!b.harvest) continue;
      const fish = b.harvest === 'complete' ? b.alive : Math.round(b.alive / 3);
      const grams = weightAt(10, -2 - start);
      await client.post('/biofloc/harvests', {
        batch_id: b.batch.id,
        harvest_date: state.day(-2),
        harvest_type: b.harvest,
        fish_count: fish,
        total_weight_kg: Math.round((fish * grams) / 10) / 100,
        grade: 'A',
        buyer_name: 'Halpiac Kft.',
        price_per_kg: 4.2,
      });
    }
  },
};
