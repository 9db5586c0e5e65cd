import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, bodyOf, type Method } from '../../helpers/api.js';
import { createUser } from '../../helpers/factories.js';
import { createPurchaseOrder, createSupplier, type Partner } from '../../helpers/orders.js';
import { type ApiUser, type Fixture, setupApp, withApi } from '../../helpers/setup.js';
import { createProduct, verifyLedger, type Warehouse } from '../../helpers/stock.js';

let t: Fixture<['manager', 'warehouse']>;
let admin: string;
let manager: ApiUser;
let worker: ApiUser;
let supplier: Partner;
let wh: Warehouse;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse'], warehouse: 'PO-WH' });
  admin = t.admin.token;
  [manager, worker] = t.users;
  wh = t.warehouse;
  supplier = await createSupplier(t.admin, { code: 'TEX', name: 'Textil Kft.' });
});
afterAll(async () => {
  expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  await t.close();
});

const call = (method: Method, url: string, payload?: object, client: Api = worker.api) =>
  client.request(method, url, payload);

describe('purchase orders', () => {
  it('computes totals exactly (2 places, half-up) and numbers orders PO-000001…', async () => {
    const fabric = await createProduct(t.app, admin);
    const res = await call('POST', '/api/v1/purchase-orders', {
      supplier_code: 'tex',
      po_date: '2026-01-15',
      due_date: '2026-01-31',
      tax_rate: 27,
      line_items: [
        { material_code: fabric.sku, material_name: 'Cotton fabric', quantity: 3, unit_price: 19.99 },
        { product_id: fabric.id, quantity: 1, unit_price: 0.005 },
      ],
    });
    expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(order.po_number).toMatch(/^PO-\d{6}$/);
    expect(order).toMatchObject({
      status: 'draft',
      supplier_name: 'Textil Kft.',
      subtotal: 59.98,
      tax_amount: 16.19,
      total: 76.17,
    });
    expect(order.lines.map((l: { line_total: number }) => l.line_total)).toEqual([59.97, 0.01]);
    expect(order.lines[0]).toMatchObject({ material_name: 'Cotton fabric', material_code: fabric.sku });
  });

  it('refuses bad input: no lines, unknown supplier or SKU, due before po date, tax over 100', async () => {
    const p = await createProduct(t.app, admin);
    const base = { supplier_id: supplier.id, lines: [{ product_id: p.id, quantity: 1, unit_price: 1 }] };
    expect(
      (await call('POST', '/api/v1/purchase-orders', { supplier_id: supplier.id })).json().error_code,
    ).toBe('ORDER_WITHOUT_LINES');
    expect(
      (
        await call('POST', '/api/v1/purchase-orders', {
          ...base,
          supplier_id: undefined,
          supplier_code: 'NOPE',
        })
      ).statusCode,
    ).toBe(404);
    const sku = await call('POST', '/api/v1/purchase-orders', {
      supplier_id: supplier.id,
      lines: [{ sku: 'MISSING', quantity: 1, unit_price: 1 }],
    });
    expect(sku.json().error_code).toBe('ORDER_PRODUCT_NOT_FOUND');
    const dates = await call('POST', '/api/v1/purchase-orders', {
      ...base,
      po_date: '2026-02-01',
      due_date: '2026-01-01',
    });
    expect(dates.statusCode).toBe(422);
    expect(dates.json().errors[0].field).toBe('due_date');
    expect((await call('POST', '/api/v1/purchase-orders', { ...base, tax_rate: 101 })).statusCode).toBe(422);
    const viewer = withApi(t, await createUser(t.app, admin, { role: 'viewer' }));
    expect((await call('POST', '/api/v1/purchase-orders', base, viewer.api)).statusCode).toBe(403);
  });

  it('goes draft → submitted → approved → partially received → received → closed, posting receipts', async () => {
    const plain = await createProduct(t.app, admin);
    const tracked = await createProduct(t.app, admin, { tracking: 'lot' });
    const order = bodyOf(
      await call('POST', '/api/v1/purchase-orders', {
        supplier_id: supplier.id,
        lines: [
          { product_id: plain.id, quantity: 10, unit_price: 2 },
          { product_id: tracked.id, quantity: 5, unit_price: 3 },
        ],
      }),
      201,
    );
    const [plainLine, trackedLine] = order.lines;
    const edited = await call('PUT', `/api/v1/purchase-orders/${order.id}`, { tax_rate: 10, version: 1 });
    expect(edited.json()).toMatchObject({ subtotal: 35, tax_amount: 3.5, total: 38.5 });
    const early = await call('POST', `/api/v1/purchase-orders/${order.id}/receipts`, {
      warehouse_id: wh.id,
      lines: [{ line_id: plainLine.id, quantity: 1 }],
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error_code).toBe('ILLEGAL_STATUS_TRANSITION');
    expect((await call('POST', `/api/v1/purchase-orders/${order.id}/submit`)).json().status).toBe(
      'submitted',
    );
    expect((await call('POST', `/api/v1/purchase-orders/${order.id}/approve`)).statusCode).toBe(403);
    expect(
      (await call('POST', `/api/v1/purchase-orders/${order.id}/approve`, undefined, manager.api)).json()
        .status,
    ).toBe('approved');
    expect(
      (await call('PUT', `/api/v1/purchase-orders/${order.id}`, { notes: 'late edit' })).json().error_code,
    ).toBe('PURCHASE_ORDER_NOT_EDITABLE');

    const noLot = await call('POST', `/api/v1/purchase-orders/${order.id}/receipts`, {
      warehouse_id: wh.id,
      lines: [{ line_id: trackedLine.id, quantity: 1 }],
    });
    expect(noLot.json().error_code).toBe('LOT_AND_EXPIRY_REQUIRED');
    expect(noLot.json().errors).toEqual([{ field: 'lines.0.lot_number', message: noLot.json().detail }]);
    const partial = await call('POST', `/api/v1/purchase-orders/${order.id}/receipts`, {
      warehouse_id: wh.id,
      lines: [
        { line_id: plainLine.id, quantity: 6 },
        { line_id: trackedLine.id, quantity: 5, lot_number: 'PO-LOT', expiry_date: '2030-06-30' },
      ],
    });
    expect(partial.statusCode).toBe(200);
    expect(partial.json().status).toBe('partially_received');
    expect(partial.json().receipts).toHaveLength(2);
    const over = await call('POST', `/api/v1/purchase-orders/${order.id}/receipts`, {
      warehouse_id: wh.id,
      lines: [{ line_id: plainLine.id, quantity: 5 }],
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error_code).toBe('OVER_RECEIPT');
    expect(over.json().errors).toEqual([{ field: 'lines.0.quantity', message: over.json().detail }]);
    const rest = await call('POST', `/api/v1/purchase-orders/${order.id}/receipts`, {
      warehouse_id: wh.id,
      lines: [{ line_id: plainLine.id, quantity: 4 }],
    });
    expect(rest.json().status).toBe('received');
    expect(rest.json().lines.map((l: { received_quantity: number }) => l.received_quantity)).toEqual([10, 5]);
    const stock = (await call('GET', `/api/v1/products/${plain.id}`)).json();
    expect(stock.on_hand).toBe(10);
    const movements = (
      await call('GET', `/api/v1/stock-movements?reference_number=${order.po_number}`)
    ).json();
    expect(
      movements.items.every(
        (m: { reference_type: string; unit_cost: number }) => m.reference_type === 'purchase_order',
      ),
    ).toBe(true);
    expect(
      (await call('POST', `/api/v1/purchase-orders/${order.id}/cancel`, undefined, manager.api)).statusCode,
    ).toBe(409);
    expect(
      (await call('POST', `/api/v1/purchase-orders/${order.id}/close`, undefined, manager.api)).json().status,
    ).toBe('closed');
    const receiptMovement = movements.items[0];
    const reverse = await t.admin.post(`/api/v1/stock-movements/${receiptMovement.id}/reverse`, {
      reason: 'try',
    });
    expect(reverse.json().error_code).toBe('NOT_REVERSIBLE');
  });

  it('deletes only drafts; cancels from draft, submitted or approved; lists with filters', async () => {
    const p = await createProduct(t.app, admin);
    const make = () =>
      createPurchaseOrder(worker.api, {
        supplier_id: supplier.id,
        lines: [{ product_id: p.id, quantity: 1, unit_price: 1 }],
      });
    const draft = await make();
    expect((await call('DELETE', `/api/v1/purchase-orders/${draft.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/purchase-orders/${draft.id}`)).statusCode).toBe(404);
    const submitted = await make();
    bodyOf(await call('POST', `/api/v1/purchase-orders/${submitted.id}/submit`));
    expect((await call('DELETE', `/api/v1/purchase-orders/${submitted.id}`)).statusCode).toBe(409);
    expect(
      (await call('POST', `/api/v1/purchase-orders/${submitted.id}/cancel`, undefined, manager.api)).json()
        .status,
    ).toBe('cancelled');
    expect((await call('POST', `/api/v1/purchase-orders/${submitted.id}/submit`)).json().detail).toContain(
      'cancelled',
    );
    const list = (await call('GET', '/api/v1/purchase-orders?status=cancelled&search=textil')).json();
    expect(list.items.map((o: { id: string }) => o.id)).toContain(submitted.id);
    expect((await call('GET', '/api/v1/purchase-orders?status=lost')).statusCode).toBe(422);
  });

  it('gives each line its product’s barcode now, in the order and in a page of orders', async () => {
    const scanned = await createProduct(t.app, admin, { barcode: '4006381333931' });
    const plain = await createProduct(t.app, admin);
    const po = await createPurchaseOrder(worker.api, {
      supplier_id: supplier.id,
      lines: [
        { product_id: scanned.id, quantity: 2, unit_price: 1 },
        { product_id: plain.id, quantity: 1, unit_price: 1 },
      ],
    });
    const lines = [
      { product_id: scanned.id, sku: scanned.sku, barcode: '4006381333931' },
      { product_id: plain.id, sku: plain.sku, barcode: null },
    ];
    expect(bodyOf(await call('GET', `/api/v1/purchase-orders/${po.id}`))).toMatchObject({ lines });
    // A barcode given to the product later is the one the line reads.
    expect(
      (await call('PATCH', `/api/v1/products/${plain.id}`, { barcode: '5901234123457' }, t.admin)).statusCode,
    ).toBe(200);
    const page = bodyOf<{ items: { id: string; lines: object[] }[] }>(
      await call('GET', '/api/v1/purchase-orders?page_size=100'),
    );
    expect(page.items.find((o) => o.id === po.id)?.lines).toMatchObject([
      lines[0],
      { ...lines[1], barcode: '5901234123457' },
    ]);
  });

  it('receives orders whose lines run in opposite product orders, all at once, without a deadlock', async () => {
    const products = [
      await createProduct(t.app, admin),
      await createProduct(t.app, admin),
      await createProduct(t.app, admin),
    ];
    const orders = [];
    for (let i = 0; i < 50; i++) {
      const ordered = i % 2 === 0 ? products : [...products].reverse();
      const order = await createPurchaseOrder(worker.api, {
        supplier_id: supplier.id,
        lines: ordered.map((p) => ({ product_id: p.id, quantity: 5, unit_price: 1 })),
      });
      bodyOf(await call('POST', `/api/v1/purchase-orders/${order.id}/submit`));
      bodyOf(await call('POST', `/api/v1/purchase-orders/${order.id}/approve`, undefined, manager.api));
      orders.push(order);
    }
    const received = await Promise.all(
      orders.map((order) =>
        call('POST', `/api/v1/purchase-orders/${order.id}/receipts`, {
          warehouse_id: wh.id,
          lines: order.lines.map((line: { id: string }) => ({ line_id: line.id, quantity: 5 })),
        }),
      ),
    );
    expect(received.map((r) => r.statusCode)).toEqual(orders.map(() => 200));
    for (const p of products) {
      expect((await call('GET', `/api/v1/products/${p.id}`)).json().on_hand).toBe(250);
    }
    expect((await verifyLedger(t.app, admin)).ok).toBe(true);
  });

  it('numbers concurrent orders without duplicates or gaps', async () => {
    const p = await createProduct(t.app, admin);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        call('POST', '/api/v1/purchase-orders', {
          supplier_id: supplier.id,
          lines: [{ product_id: p.id, quantity: 1, unit_price: 1 }],
        }),
      ),
    );
    const numbers = results.map((r) => Number(r.json().po_number.slice(3))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect((numbers.at(-1) as number) - (numbers[0] as number)).toBe(19);
  });
});
