import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, bodyOf } from '../../helpers/api.js';
import { createWorkOrder } from '../../helpers/orders.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct, receive, verifyLedger, type Warehouse } from '../../helpers/stock.js';

let t: Fixture<['manager', 'warehouse']>;
let admin: string;
let manager: ApiUser;
let worker: ApiUser;
let wh: Warehouse;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse'], warehouse: 'WO-WH' });
  admin = t.admin.token;
  [manager, worker] = t.users;
  wh = t.warehouse;
});
afterAll(async () => {
  expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  await t.close();
});

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, client: Api = worker.api) =>
  client.request(method, url, payload);
const onHand = async (productId: string) =>
  bodyOf(await call('GET', `/api/v1/products/${productId}`)).on_hand as number;

describe('work orders', () => {
  it('completes with no body at all: everything left is produced', async () => {
    const item = await createProduct(t.app, admin);
    const part = await createProduct(t.app, admin);
    await receive(t.app, worker.token, part.id, wh.id, 10);
    const wo = await createWorkOrder(worker.api, {
      product_id: item.id,
      quantity: 5,
      warehouse_id: wh.id,
      components: [{ product_id: part.id, quantity_per_unit: 2 }],
    });
    bodyOf(await call('POST', `/api/v1/work-orders/${wo.id}/release`, undefined, manager.api));
    // No body and no content-type at all, as a client that sends nothing would.
    const done = await worker.api.post(`/api/v1/work-orders/${wo.id}/complete`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', produced_quantity: 5 });
    expect(await onHand(item.id)).toBe(5);
    expect(await onHand(part.id)).toBe(0);
  });

  it('planned → released (reserved) → in progress → partial produce → complete, posting consume and output', async () => {
    const shirt = await createProduct(t.app, admin, { tracking: 'lot' });
    const fabric = await createProduct(t.app, admin, { unit_of_measure: 'm' });
    const buttons = await createProduct(t.app, admin);
    await receive(t.app, worker.token, fabric.id, wh.id, 20);
    await receive(t.app, worker.token, buttons.id, wh.id, 100);
    const created = await call('POST', '/api/v1/work-orders', {
      product_id: shirt.id,
      quantity: 10,
      priority: 'high',
      due_date: '2026-12-31',
      warehouse_id: wh.id,
      components: [
        { product_id: fabric.id, quantity_per_unit: 1.5 },
        { product_id: buttons.id, quantity_per_unit: 8 },
      ],
    });
    expect(created.statusCode).toBe(201);
    const wo = created.json();
    expect(wo).toMatchObject({ status: 'planned', priority: 'high', progress: 0 });
    expect(wo.wo_number).toMatch(/^WO-\d{6}$/);
    expect(
      wo.components
        .map((c: { required_quantity: number }) => c.required_quantity)
        .sort((a: number, b: number) => a - b),
    ).toEqual([15, 80]);

    expect((await call('POST', `/api/v1/work-orders/${wo.id}/release`)).statusCode).toBe(403);
    const released = await call('POST', `/api/v1/work-orders/${wo.id}/release`, undefined, manager.api);
    expect(released.json().status).toBe('released');
    expect((await call('GET', `/api/v1/products/${fabric.id}`)).json().stock).toMatchObject({
      reserved: 15,
      available: 5,
    });
    expect((await call('PATCH', `/api/v1/work-orders/${wo.id}`, { progress: 10 })).statusCode).toBe(409);
    expect((await call('POST', `/api/v1/work-orders/${wo.id}/start`)).json().status).toBe('in_progress');
    expect((await call('PATCH', `/api/v1/work-orders/${wo.id}`, { progress: 101 })).statusCode).toBe(422);
    expect((await call('PATCH', `/api/v1/work-orders/${wo.id}`, { progress: 40 })).json().progress).toBe(40);

    const part = await call('POST', `/api/v1/work-orders/${wo.id}/produce`, {
      quantity: 4,
      lot_number: 'SH-1',
      expiry_date: '2030-01-01',
    });
    expect(part.statusCode).toBe(200);
    expect(part.json()).toMatchObject({ status: 'in_progress', produced_quantity: 4 });
    expect(part.json().production.output).toMatchObject({ movement_type: 'production_output', quantity: 4 });
    expect(
      part
        .json()
        .production.consumed.map((m: { quantity: number }) => m.quantity)
        .sort((a: number, b: number) => a - b),
    ).toEqual([-32, -6]);
    expect(await onHand(fabric.id)).toBe(14);
    expect((await call('GET', `/api/v1/products/${fabric.id}`)).json().stock).toMatchObject({ reserved: 9 });
    const over = await call('POST', `/api/v1/work-orders/${wo.id}/produce`, {
      quantity: 7,
      lot_number: 'SH-1',
    });
    expect(over.json().error_code).toBe('OVER_PRODUCTION');

    const done = await call('POST', `/api/v1/work-orders/${wo.id}/complete`, {
      lot_number: 'SH-2',
      expiry_date: '2030-02-01',
    });
    expect(done.json()).toMatchObject({ status: 'completed', produced_quantity: 10, progress: 100 });
    expect(await onHand(shirt.id)).toBe(10);
    expect(await onHand(fabric.id)).toBe(5);
    expect(await onHand(buttons.id)).toBe(20);
    expect((await call('GET', `/api/v1/products/${fabric.id}`)).json().stock.reserved).toBe(0);
    expect(
      (await call('POST', `/api/v1/work-orders/${wo.id}/cancel`, undefined, manager.api)).statusCode,
    ).toBe(409);
  });

  it('short components: release is 409 with nothing reserved; producing without reservation fails whole', async () => {
    const out = await createProduct(t.app, admin);
    const part = await createProduct(t.app, admin);
    await receive(t.app, worker.token, part.id, wh.id, 3);
    const wo = await createWorkOrder(worker.api, {
      product_id: out.id,
      quantity: 2,
      warehouse_id: wh.id,
      components: [{ product_id: part.id, quantity_per_unit: 2 }],
    });
    const release = await call('POST', `/api/v1/work-orders/${wo.id}/release`, undefined, manager.api);
    expect(release.statusCode).toBe(409);
    expect(release.json().error_code).toBe('INSUFFICIENT_STOCK');
    expect((await call('GET', `/api/v1/products/${part.id}`)).json().stock.reserved).toBe(0);
    expect(
      (await call('POST', `/api/v1/work-orders/${wo.id}/produce`, { quantity: 1 })).json().error_code,
    ).toBe('ILLEGAL_STATUS_TRANSITION');
    const cancelled = await call('POST', `/api/v1/work-orders/${wo.id}/cancel`, undefined, manager.api);
    expect(cancelled.json().status).toBe('cancelled');
  });

  it('names the product, its components and the warehouse in every answer: create, get, list and produce', async () => {
    const coat = await createProduct(t.app, admin, { name: 'Wool coat' });
    const wool = await createProduct(t.app, admin, { name: 'Wool cloth' });
    const lining = await createProduct(t.app, admin, { name: 'Silk lining' });
    await receive(t.app, worker.token, wool.id, wh.id, 10);
    await receive(t.app, worker.token, lining.id, wh.id, 10);
    const named = {
      product_id: coat.id,
      sku: coat.sku,
      product_name: 'Wool coat',
      warehouse_id: wh.id,
      warehouse_code: 'WO-WH',
    };
    const parts = expect.arrayContaining([
      expect.objectContaining({ product_id: wool.id, sku: wool.sku, product_name: 'Wool cloth' }),
      expect.objectContaining({ product_id: lining.id, sku: lining.sku, product_name: 'Silk lining' }),
    ]);
    const wo = await createWorkOrder(worker.api, {
      product_id: coat.id,
      quantity: 2,
      warehouse_id: wh.id,
      components: [
        { product_id: wool.id, quantity_per_unit: 2 },
        { product_id: lining.id, quantity_per_unit: 1 },
      ],
    });
    expect(wo).toMatchObject({ ...named, components: parts });
    expect(bodyOf(await call('GET', `/api/v1/work-orders/${wo.id}`))).toMatchObject({
      ...named,
      components: parts,
    });
    const listed = bodyOf(await call('GET', `/api/v1/work-orders?product_id=${coat.id}`));
    expect(listed).toMatchObject({ total: 1, items: [{ ...named, components: parts }] });
    bodyOf(await call('POST', `/api/v1/work-orders/${wo.id}/release`, undefined, manager.api));
    const done = bodyOf(await call('POST', `/api/v1/work-orders/${wo.id}/complete`));
    expect(done).toMatchObject({ ...named, status: 'completed', components: parts });
  });

  it('refuses bad input', async () => {
    const p = await createProduct(t.app, admin);
    const base = { product_id: p.id, quantity: 1, warehouse_id: wh.id, components: [] };
    expect((await call('POST', '/api/v1/work-orders', { ...base, priority: 'asap' })).statusCode).toBe(422);
    expect((await call('POST', '/api/v1/work-orders', { ...base, quantity: 0 })).statusCode).toBe(422);
    const self = await call('POST', '/api/v1/work-orders', {
      ...base,
      components: [{ product_id: p.id, quantity_per_unit: 1 }],
    });
    expect(self.json().error_code).toBe('COMPONENT_IS_OUTPUT');
    expect((await call('GET', '/api/v1/work-orders/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f')).statusCode).toBe(
      404,
    );
    const list = await call('GET', '/api/v1/work-orders?status=completed');
    expect(list.json().items.every((w: { status: string }) => w.status === 'completed')).toBe(true);
  });
});
