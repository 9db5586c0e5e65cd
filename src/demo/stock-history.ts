import type { DemoState } from './demo-state.js';
import type { DemoProduct, DemoWarehouse } from './master-data.js';

/** Categories sold to customers, used up in house, and counted. */
export const SOLD = ['Dairy', 'Beverages', 'Dry goods', 'Frozen', 'Cleaning', 'Gift sets'];
export const USED = ['Packaging', 'Tools', 'Textiles', 'Spare parts'];
const COUNTED = ['Tools', 'Textiles', 'Spare parts'];

/**
 * Opening stock three months ago: nearly the whole range in Budapest, half of it in Debrecen.
 * Lot-tracked products get one lot each whose expiry is already past (every sixth), near (within
 * a month), or far, so the expiry reports and alerts have all three.
 */
export async function openingStock(state: DemoState, start: number): Promise<void> {
  const { random } = state;
  const range = state.data.products.filter((p) => p.category !== 'Gift sets');
  for (const [warehouse, products] of [
    [state.warehouse('BUD'), range],
    [state.warehouse('DEB'), range.filter((_, i) => i % 2 === 0)],
  ] as const) {
    const lines = products.map((product, i) => {
      const bucket = i % 6;
      const expiry =
        bucket === 0 ? -random.int(3, 60) : bucket === 1 ? random.int(3, 30) : random.int(90, 540);
      const lot = state.lotFor(product, start, product.lotTracked ? expiry : undefined);
      const quantity = random.int(60, 240);
      state.received(warehouse, product, quantity, lot.expiresIn);
      return {
        product_id: product.id,
        bin_id: state.bin(warehouse).id,
        quantity,
        unit_cost: Math.round(product.price * 0.62),
        ...lot.fields,
      };
    });
    await state.client.post('/inventory/receipts', {
      warehouse_id: warehouse.id,
      reference_number: `OPEN-${warehouse.code}`,
      notes: 'Opening stock',
      lines,
    });
    state.counts.receipts += 1;
  }
}

/** A week's use in house: one issue document per warehouse, FEFO. */
export async function weeklyIssues(state: DemoState, week: number): Promise<void> {
  for (const warehouse of state.data.warehouses) {
    const products = state.stocked(warehouse, 10, USED).slice(0, state.random.int(3, 6));
    if (products.length === 0) continue;
    const lines = products.map((product) => {
      const quantity = state.random.int(
        1,
        Math.min(8, Math.floor(state.availableOf(warehouse, product) / 4)),
      );
      state.change(warehouse, product, -quantity);
      return { product_id: product.id, quantity };
    });
    await state.client.post('/inventory/issues', {
      warehouse_id: warehouse.id,
      reference_number: `USE-${warehouse.code}-W${String(week + 1).padStart(2, '0')}`,
      notes: 'Used in house',
      lines,
    });
    state.counts.issues += 1;
  }
}

/** A replenishment from Budapest to Debrecen; completed unless `leavePending`. */
export async function transfer(state: DemoState, leavePending: boolean): Promise<void> {
  const from = state.warehouse('BUD');
  const to = state.warehouse('DEB');
  const products = state.stocked(from, 30, SOLD).slice(0, state.random.int(1, 3));
  if (products.length === 0) return;
  const lines = products.map((product) => {
    const quantity = state.random.int(5, Math.floor(state.availableOf(from, product) / 3));
    state.change(from, product, -quantity);
    return { product, quantity };
  });
  const created = await state.client.post<{ id: string }>('/stock-transfers', {
    from_warehouse_id: from.id,
    to_warehouse_id: to.id,
    notes: 'Weekly replenishment',
    lines: lines.map(({ product, quantity }) => ({ product_id: product.id, quantity })),
  });
  if (!leavePending) {
    await state.client.post(`/stock-transfers/${created.id}/complete`);
    for (const { product, quantity } of lines) state.change(to, product, quantity);
  }
  state.counts.transfers += 1;
}

interface Balance {
  bin_id: string;
  lot_id: string | null;
  on_hand: number;
  reserved: number;
}

/** A cycle count of a few untracked products in Budapest, finding small differences. */
export async function cycleCount(state: DemoState, week: number): Promise<void> {
  const warehouse: DemoWarehouse = state.warehouse('BUD');
  const products: DemoProduct[] = state.stocked(warehouse, 5, COUNTED).slice(0, 5);
  const lines: { product_id: string; bin_id: string; counted_quantity: number }[] = [];
  for (const product of products) {
    const balances = await state.client.get<{ items: Balance[] }>(
      `/inventory/balances?warehouse_id=${warehouse.id}&product_id=${product.id}&page_size=100`,
    );
    const balance = balances.items.find((b) => b.on_hand > 3 && b.reserved === 0);
    if (!balance) continue;
    const difference = state.random.pick([-2, -1, 0, 0, 1, 3]);
    state.change(warehouse, product, difference);
    lines.push({
      product_id: product.id,
      bin_id: balance.bin_id,
      counted_quantity: balance.on_hand + difference,
    });
  }
  if (lines.length === 0) return;
  await state.client.post('/inventory/counts', {
    warehouse_id: warehouse.id,
    reference_number: `CNT-BUD-W${String(week + 1).padStart(2, '0')}`,
    notes: 'Cycle count',
    lines,
  });
  state.counts.counts += 1;
}
