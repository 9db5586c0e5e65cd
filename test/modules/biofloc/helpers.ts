import { type Api, bodyOf } from '../../helpers/api.js';
import { createProduct, move } from '../../helpers/stock.js';
import type { TestApp } from '../../helpers/test-app.js';

let seq = 0;

/** A tank in the warehouse, created through the API. */
export async function createTank(client: Api, warehouseId: string, fields: Record<string, unknown> = {}) {
  const code = `T-${++seq}`;
  return bodyOf(
    await client.post('/api/v1/biofloc/tanks', {
      tank_code: code,
      tank_name: `Tank ${code}`,
      capacity_liters: 10000,
      warehouse_id: warehouseId,
      ...fields,
    }),
    201,
  ) as { id: string; tank_code: string; status: string; version: number };
}

/** A batch stocked into the tank: 5,000 fish of 10 g unless told otherwise. */
export async function stockBatch(client: Api, tankId: string, fields: Record<string, unknown> = {}) {
  return bodyOf(
    await client.post('/api/v1/biofloc/batches', {
      batch_code: `B-${++seq}`,
      species: 'Tilapia',
      stocking_date: '2026-01-01',
      initial_count: 5000,
      initial_avg_weight_g: 10,
      tank_id: tankId,
      ...fields,
    }),
    201,
  );
}

/** A kg product with `quantity` received at `unitCost` into the warehouse. */
export async function stockedItem(
  t: TestApp,
  token: string,
  warehouseId: string,
  quantity: number,
  unitCost: number,
) {
  const product = await createProduct(t.app, token, { unit_of_measure: 'kg' });
  const res = await move(t.app, token, {
    product_id: product.id,
    warehouse_id: warehouseId,
    movement_type: 'receipt',
    quantity,
    unit_cost: unitCost,
  });
  if (res.statusCode !== 201) throw new Error(`receipt: ${res.body}`);
  return product;
}

export async function onHand(client: Api, productId: string): Promise<number> {
  return bodyOf(await client.get(`/api/v1/products/${productId}`)).on_hand as number;
}
