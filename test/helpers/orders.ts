import { type Api, bodyOf } from './api.js';

let seq = 0;
const next = () => `${++seq}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;

export interface Partner {
  id: string;
  code: string;
  name: string;
}

/** A supplier created through the API; a fresh code and name unless given. */
export async function createSupplier(client: Api, fields: Record<string, unknown> = {}): Promise<Partner> {
  const code = `SUP-${next()}`;
  const res = await client.post('/api/v1/suppliers', { code, name: `Supplier ${code}`, ...fields });
  return bodyOf<Partner>(res, 201);
}

/** A customer created through the API; a fresh code and name unless given. */
export async function createCustomer(client: Api, fields: Record<string, unknown> = {}): Promise<Partner> {
  const code = `CUS-${next()}`;
  const res = await client.post('/api/v1/customers', { code, name: `Customer ${code}`, ...fields });
  return bodyOf<Partner>(res, 201);
}

export interface OrderLine {
  id: string;
  product_id: string;
  quantity: number;
}

/** An order always has a line: one without is refused. */
type Lines<T> = [T, ...T[]];

export interface PurchaseOrder {
  id: string;
  po_number: string;
  status: string;
  lines: Lines<OrderLine & { received_quantity: number }>;
}

/** A draft purchase order (POST /purchase-orders with `body`); throws unless it was created. */
export async function createPurchaseOrder(
  client: Api,
  body: { lines: object[]; [field: string]: unknown },
): Promise<PurchaseOrder> {
  return bodyOf<PurchaseOrder>(await client.post('/api/v1/purchase-orders', body), 201);
}

export interface SalesOrder {
  id: string;
  so_number: string;
  status: string;
  lines: Lines<OrderLine & { reserved_quantity: number; shipped_quantity: number }>;
}

/** A draft sales order (POST /sales-orders with `body`); throws unless it was created. */
export async function createSalesOrder(
  client: Api,
  body: { warehouse_id: string; lines: object[]; [field: string]: unknown },
): Promise<SalesOrder> {
  return bodyOf<SalesOrder>(await client.post('/api/v1/sales-orders', body), 201);
}

export interface WorkOrder {
  id: string;
  wo_number: string;
  status: string;
  components: { product_id: string; required_quantity: number }[];
}

/** A planned work order (POST /work-orders with `body`); throws unless it was created. */
export async function createWorkOrder(
  client: Api,
  body: { product_id: string; quantity: number; warehouse_id: string; components: object[] },
): Promise<WorkOrder> {
  return bodyOf<WorkOrder>(await client.post('/api/v1/work-orders', body), 201);
}
