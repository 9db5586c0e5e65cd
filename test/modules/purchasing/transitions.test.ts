import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { createPurchaseOrder, createSupplier } from '../../helpers/orders.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct } from '../../helpers/stock.js';

let t: Fixture<['manager']>;
let manager: ApiUser;
let productId: string;
let warehouseId: string;

beforeAll(async () => {
  t = await setupApp({ users: ['manager'], warehouse: true });
  [manager] = t.users;
  warehouseId = t.warehouse.id;
  await createSupplier(t.admin, { code: 'S1', name: 'Supplier One' });
  productId = (await createProduct(t.app, t.admin.token)).id;
});
afterAll(() => t.close());

const call = (url: string, payload?: object) => manager.api.post(`/api/v1/purchase-orders${url}`, payload);

/** A purchase order brought to `status` through the API. */
async function orderIn(status: string): Promise<string> {
  const order = await createPurchaseOrder(manager.api, {
    supplier_code: 'S1',
    lines: [{ product_id: productId, quantity: 2, unit_price: 1 }],
  });
  const steps: Record<string, string[]> = {
    draft: [],
    submitted: ['submit'],
    approved: ['submit', 'approve'],
    partially_received: ['submit', 'approve', 'receive:1'],
    received: ['submit', 'approve', 'receive:2'],
    closed: ['submit', 'approve', 'receive:2', 'close'],
    cancelled: ['cancel'],
  };
  for (const step of steps[status] ?? []) {
    const [action, quantity] = step.split(':');
    const res =
      action === 'receive'
        ? await call(`/${order.id}/receipts`, {
            warehouse_id: warehouseId,
            lines: [{ line_id: order.lines[0].id, quantity: Number(quantity) }],
          })
        : await call(`/${order.id}/${action}`);
    if (res.statusCode !== 200) throw new Error(`${step}: ${res.body}`);
  }
  return order.id;
}

const ALLOWED: Record<string, string[]> = {
  draft: ['submit', 'cancel'],
  submitted: ['approve', 'cancel'],
  approved: ['cancel', 'receive'],
  partially_received: ['close', 'receive'],
  received: ['close'],
  closed: [],
  cancelled: [],
};

describe('purchase order transitions', () => {
  it('every action not allowed from a status is 409 naming that status', async () => {
    for (const [status, allowed] of Object.entries(ALLOWED)) {
      const id = await orderIn(status);
      for (const action of ['submit', 'approve', 'cancel', 'close', 'receive'].filter(
        (a) => !allowed.includes(a),
      )) {
        const res =
          action === 'receive'
            ? await call(`/${id}/receipts`, {
                warehouse_id: warehouseId,
                lines: [
                  {
                    line_id: bodyOf(await manager.api.get(`/api/v1/purchase-orders/${id}`)).lines[0].id,
                    quantity: 1,
                  },
                ],
              })
            : await call(`/${id}/${action}`);
        expect(res.statusCode, `${action} from ${status}`).toBe(409);
        expect(res.json().error_code).toBe('ILLEGAL_STATUS_TRANSITION');
        expect(res.json().detail).toContain(status);
      }
    }
  });
});
