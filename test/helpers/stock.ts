import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/client.js';
import { type Api, bodyOf } from './api.js';
import { bearer } from './factories.js';

let seq = 0;

export interface Warehouse {
  id: string;
  code: string;
  default_bin_id: string;
}

/** A warehouse with its default bin, created through the API. */
export async function createWarehouse(
  app: FastifyInstance,
  token: string,
  code = `WH${++seq}`,
): Promise<Warehouse> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/warehouses',
    headers: bearer(token),
    payload: { code, name: `Warehouse ${code}` },
  });
  if (res.statusCode !== 201) throw new Error(`warehouse: ${res.body}`);
  return res.json() as Warehouse;
}

export async function createBin(app: FastifyInstance, token: string, warehouseId: string, code: string) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/warehouses/${warehouseId}/bins`,
    headers: bearer(token),
    payload: { code },
  });
  if (res.statusCode !== 201) throw new Error(`bin: ${res.body}`);
  return res.json() as { id: string; code: string };
}

export async function createProduct(
  app: FastifyInstance,
  token: string,
  fields: Record<string, unknown> = {},
) {
  const sku = `SKU-${++seq}-${Math.random().toString(36).slice(2, 7)}`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/products',
    headers: bearer(token),
    payload: { sku, name: `Product ${sku}`, ...fields },
  });
  if (res.statusCode !== 201) throw new Error(`product: ${res.body}`);
  return res.json() as { id: string; sku: string };
}

/** POST /stock-movements; returns the raw response. */
export function move(
  app: FastifyInstance,
  token: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/stock-movements',
    headers: { ...bearer(token), ...headers },
    payload,
  });
}

/** Receives `quantity` into the warehouse's default bin; throws unless it posted. */
export async function receive(
  app: FastifyInstance,
  token: string,
  productId: string,
  warehouseId: string,
  quantity: number,
) {
  const res = await move(app, token, {
    product_id: productId,
    warehouse_id: warehouseId,
    movement_type: 'receipt',
    quantity,
  });
  if (res.statusCode !== 201) throw new Error(`receipt: ${res.body}`);
  return res.json();
}

export async function verifyLedger(app: FastifyInstance, adminToken: string) {
  const res = await app.inject({
    method: 'GET',
    url: '/api/v1/inventory/verify',
    headers: bearer(adminToken),
  });
  return res.json() as { ok: boolean; balances_checked: number; mismatches: unknown[] };
}

export type StockDocumentKind = 'receipts' | 'issues' | 'adjustments' | 'counts';

export interface StockDocument {
  posting_id: string;
  movements: { id: string; product_id: string; movement_type: string; quantity: number }[];
  lines?: { product_id: string; previous_quantity: number; counted_quantity: number; difference: number }[];
}

/** Posts a multi-line stock document (POST /inventory/{kind}); throws unless it posted. */
export async function postStockDocument(
  client: Api,
  kind: StockDocumentKind,
  body: { warehouse_id: string; lines: object[]; [field: string]: unknown },
): Promise<StockDocument> {
  return bodyOf<StockDocument>(await client.post(`/api/v1/inventory/${kind}`, body), 201);
}

/** Posts one movement into `warehouseId` (unless the payload names another); throws unless it posted. */
export async function postMovement(
  app: FastifyInstance,
  token: string,
  warehouseId: string,
  payload: Record<string, unknown>,
) {
  const res = await move(app, token, { warehouse_id: warehouseId, ...payload });
  if (res.statusCode !== 201) throw new Error(`movement: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The database's clock now (a ledger row is dated by it), a millisecond apart from the last. */
export async function databaseNow(database: Database): Promise<string> {
  await database.executeSql('select pg_sleep(0.002)');
  const { rows } = await database.executeSql('select clock_timestamp() as now');
  return new Date(rows[0]?.now as Date).toISOString();
}
