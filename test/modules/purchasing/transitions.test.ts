import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, loginAdmin, type TestUser } from '../../helpers/factories.js';
import { createProduct, createWarehouse } from '../../helpers/stock.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let manager: TestUser;
let productId: string;
let warehouseId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const admin = (await loginAdmin(t.app)).access_token;
  manager = await createUser(t.app, admin, { role: 'manager' });
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/suppliers',
    headers: bearer(admin),
    payload: { code: 'S1', name: 'Supplier One' },
  });
  productId = (await createProduct(t.app, admin)).id;
  warehouseId = (await createWarehouse(t.app, admin)).id;
});
afterAll(() => t.close());

const call = (url: string, payload?: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/purchase-orders${url}`,
    payload,
    headers: bearer(manager.token),
  });

/** A purchase order brought to `status` through the API. */
async function orderIn(status: string): Promise<string> {
  const order = (
    await call('', { supplier_code: 'S1', lines: [{ product_id: productId, quantity: 2, unit_price: 1 }] })
  ).json();
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
                    line_id: (
                      await t.app.inject({
                        method: 'GET',
                        url: `/api/v1/purchase-orders/${id}`,
                        headers: bearer(manager.token),
                      })
                    ).json().lines[0].id,
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
