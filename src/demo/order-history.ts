import type { DemoState } from './demo-state.js';
import type { DemoProduct } from './master-data.js';
import { SOLD } from './stock-history.js';

interface OrderLine {
  id: string;
  product_id: string;
  quantity: number;
}

/** What a purchase order ends as: the older ones closed, the recent ones at every step. */
export type PurchaseOutcome = 'draft' | 'submitted' | 'approved' | 'partial' | 'received' | 'closed';

/** A purchase order from one supplier, taken as far as `outcome`; receipts bring new lots. */
export async function purchaseOrder(state: DemoState, day: number, outcome: PurchaseOutcome): Promise<void> {
  const { client, random } = state;
  const warehouse = random.next() < 0.75 ? state.warehouse('BUD') : state.warehouse('DEB');
  const range = state.data.products.filter((p) => p.category !== 'Gift sets');
  const start = random.int(0, range.length - 8);
  const products = range.slice(start, start + random.int(3, 6));
  const order = await client.post<{ id: string; lines: OrderLine[] }>('/purchase-orders', {
    supplier_id: random.pick(state.data.suppliers).id,
    po_date: state.day(day),
    due_date: state.day(day + 7),
    tax_rate: 27,
    lines: products.map((p) => ({
      product_id: p.id,
      quantity: random.int(4, 12) * 10,
      unit_price: Math.round(p.price * 0.6),
    })),
  });
  state.counts.purchaseOrders += 1;
  if (outcome === 'draft') return;
  await client.post(`/purchase-orders/${order.id}/submit`);
  if (outcome === 'submitted') return;
  await client.post(`/purchase-orders/${order.id}/approve`);
  if (outcome === 'approved') return;
  const receiveDay = day + random.int(2, 6);
  const lines = order.lines.map((line, i) => {
    const product = products[i] as DemoProduct;
    const quantity = outcome === 'partial' ? Math.floor(line.quantity / 2) : line.quantity;
    const lot = state.lotFor(product, receiveDay);
    state.received(warehouse, product, quantity, lot.expiresIn);
    return { line_id: line.id, quantity, bin_id: state.bin(warehouse).id, ...lot.fields };
  });
  await client.post(`/purchase-orders/${order.id}/receipts`, { warehouse_id: warehouse.id, lines });
  state.counts.receipts += 1;
  if (outcome === 'closed') await client.post(`/purchase-orders/${order.id}/close`);
}

/** What a sales order ends as. */
export type SalesOutcome = 'draft' | 'confirmed' | 'partial' | 'shipped' | 'closed' | 'cancelled';

/** A customer's order from one warehouse, reserved on confirmation and shipped FEFO. */
export async function salesOrder(state: DemoState, day: number, outcome: SalesOutcome): Promise<void> {
  const { client, random } = state;
  const warehouse = random.next() < 0.7 ? state.warehouse('BUD') : state.warehouse('DEB');
  const products = state.stocked(warehouse, 12, SOLD).slice(0, random.int(2, 4));
  if (products.length === 0) return;
  const quantities = products.map((p) =>
    random.int(2, Math.min(24, Math.floor(state.availableOf(warehouse, p) / 3))),
  );
  const order = await client.post<{ id: string; lines: OrderLine[] }>('/sales-orders', {
    customer_id: random.pick(state.data.customers).id,
    warehouse_id: warehouse.id,
    order_date: state.day(day),
    tax_rate: 27,
    lines: products.map((p, i) => ({ product_id: p.id, quantity: quantities[i], unit_price: p.price })),
  });
  state.counts.salesOrders += 1;
  if (outcome === 'draft') return;
  await client.post(`/sales-orders/${order.id}/confirm`);
  products.forEach((p, i) => {
    state.change(warehouse, p, -(quantities[i] as number));
  });
  if (outcome === 'cancelled') {
    await client.post(`/sales-orders/${order.id}/cancel`);
    products.forEach((p, i) => {
      state.change(warehouse, p, quantities[i] as number);
    });
    return;
  }
  if (outcome === 'confirmed') return;
  const shipped = order.lines.map((line) => ({
    line_id: line.id,
    quantity: outcome === 'partial' ? Math.max(1, Math.floor(line.quantity / 2)) : line.quantity,
  }));
  await client.post(`/sales-orders/${order.id}/shipments`, { lines: shipped });
  if (outcome === 'closed') await client.post(`/sales-orders/${order.id}/close`);
}

/** What a work order ends as. */
export type WorkOutcome = 'planned' | 'released' | 'in_progress' | 'completed';

/** A batch of gift sets assembled in Budapest from drinks, dry goods and gift boxes. */
export async function workOrder(state: DemoState, day: number, outcome: WorkOutcome): Promise<void> {
  const { client, random } = state;
  const warehouse = state.warehouse('BUD');
  const quantity = random.int(4, 10);
  const pools = [['Beverages'], ['Dry goods'], ['Packaging']];
  const components = pools
    .map((categories) => state.stocked(warehouse, quantity * 2 + 5, categories)[0])
    .filter((p): p is DemoProduct => p !== undefined)
    .map((p) => ({ product: p, perUnit: random.int(1, 2) }));
  if (components.length === 0) return;
  const output = random.pick(state.productsIn('Gift sets'));
  const order = await client.post<{ id: string }>('/work-orders', {
    product_id: output.id,
    quantity,
    priority: random.pick(['low', 'normal', 'normal', 'high']),
    due_date: state.day(day + 5),
    warehouse_id: warehouse.id,
    components: components.map(({ product, perUnit }) => ({
      product_id: product.id,
      quantity_per_unit: perUnit,
    })),
  });
  state.counts.workOrders += 1;
  if (outcome === 'planned') return;
  await client.post(`/work-orders/${order.id}/release`);
  for (const { product, perUnit } of components) state.change(warehouse, product, -quantity * perUnit);
  if (outcome === 'released') return;
  await client.post(`/work-orders/${order.id}/start`);
  if (outcome === 'in_progress') return;
  await client.post(`/work-orders/${order.id}/complete`, { bin_id: state.bin(warehouse).id });
  state.change(warehouse, output, quantity);
}
