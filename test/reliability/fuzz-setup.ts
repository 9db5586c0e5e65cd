// What a fuzz run starts from: records of every kind to aim ids at, and tokens that must be refused.
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { api } from '../helpers/api.js';
import { createCustomer, createPurchaseOrder, createSalesOrder, createSupplier } from '../helpers/orders.js';
import { createBin, createProduct, createWarehouse, receive } from '../helpers/stock.js';
import { answerKind, type IdPools } from './fuzz-client.js';

/** Authorization headers that must be refused: malformed, unsigned, or signed with the real key but wrong claims. */
export async function garbageTokens(secret: string, adminToken: string, adminId: string): Promise<string[]> {
  const key = new TextEncoder().encode(secret);
  const signed = async (claims: Record<string, unknown>, sub?: string) => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('raktar');
    return `Bearer ${await (sub === undefined ? jwt : jwt.setSubject(sub)).sign(key)}`;
  };
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const base64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return [
    'Bearer',
    'Bearer ',
    'Bearer x',
    'bearer null',
    'Basic YWRtaW46QWRtaW4hcGFzczE=',
    `Bearer ${adminToken.slice(0, -2)}xx`,
    `Bearer ${adminToken}.x`,
    `Bearer ${base64({ alg: 'none' })}.${base64({ sub: adminId, role: 'admin', type: 'access', exp })}.`,
    `Bearer ${'a'.repeat(8000)}`,
    // Signed with the service's key: no expiry, a refresh token, a malformed or unknown subject,
    // absurd claims, expired.
    await signed({ role: 'admin', type: 'access', tv: 0 }, adminId),
    await signed({ role: 'admin', type: 'refresh', tv: 0, exp }, adminId),
    await signed({ role: 'admin', type: 'access', tv: 0, exp }, 'not-a-uuid'),
    await signed({ role: 'admin', type: 'access', tv: 0, exp }, '00000000-0000-0000-0000-000000000000'),
    await signed({ role: 'superuser', type: 'access', tv: 1e308, exp: 1e20 }, adminId),
    await signed({ role: 'admin', type: 'access', tv: '0', exp: exp - 7200 }, adminId),
  ];
}

/** A few records of every kind, stock included, so that generated ids often name one that exists. */
export async function seedRecords(app: FastifyInstance, token: string, pools: IdPools): Promise<void> {
  const client = api(app, token);
  const w1 = await createWarehouse(app, token);
  const w2 = await createWarehouse(app, token);
  const p1 = await createProduct(app, token);
  const p2 = await createProduct(app, token, { unit_of_measure: 'kg' });
  const p3 = await createProduct(app, token, { tracking: 'lot', shelf_life_days: 30 });
  for (const w of [w1, w2]) {
    pools.harvest('warehouses', w);
    pools.harvest('bins', await createBin(app, token, w.id, 'A-01'));
    for (const p of [p1, p2]) await receive(app, token, p.id, w.id, 50);
  }
  for (const p of [p1, p2, p3]) pools.harvest('products', p);
  const supplier = await createSupplier(client);
  const customer = await createCustomer(client);
  pools.harvest('suppliers', supplier);
  pools.harvest('customers', customer);
  const line = { product_id: p1.id, quantity: 2, unit_price: 10 };
  pools.harvest(
    'purchase-orders',
    await createPurchaseOrder(client, { supplier_id: supplier.id, lines: [line] }),
  );
  pools.harvest(
    'sales-orders',
    await createSalesOrder(client, { customer_id: customer.id, warehouse_id: w1.id, lines: [line] }),
  );
  const documents: [kind: string, url: string, body: object][] = [
    [
      'work-orders',
      '/api/v1/work-orders',
      {
        product_id: p2.id,
        quantity: 2,
        warehouse_id: w1.id,
        components: [{ product_id: p1.id, quantity_per_unit: 1 }],
      },
    ],
    [
      'stock-transfers',
      '/api/v1/stock-transfers',
      { product_id: p1.id, quantity: 3, from_warehouse_id: w1.id, to_warehouse_id: w2.id },
    ],
    [
      'reservations',
      '/api/v1/reservations',
      { product_id: p1.id, warehouse_id: w2.id, quantity: 2, ttl_minutes: 600, reference: 'FUZZ' },
    ],
    ['lots', `/api/v1/products/${p3.id}/lots`, { lot_number: 'L-1', expiry_date: '2099-12-31' }],
    ['categories', '/api/v1/categories', { name: 'Fuzz' }],
  ];
  for (const [kind, url, body] of documents) {
    const res = await client.post(url, body);
    if (res.statusCode !== 201) throw new Error(`seed ${url}: ${res.statusCode} ${res.body}`);
    pools.harvest(kind, res.json());
  }
  for (const url of ['/api/v1/stock-movements', '/api/v1/units', '/api/v1/modules']) {
    pools.harvest(answerKind(url), (await client.get(url)).json());
  }
}
