import type { FastifyInstance } from 'fastify';
import { DemoClient, DemoRequestError, seededRandom } from './demo-client.js';
import { type DemoCounts, DemoState } from './demo-state.js';
import { DEMO_EXTENSIONS, type DemoExtension } from './extensions.js';
import { loadMasterData } from './master-data.js';
import {
  type PurchaseOutcome,
  purchaseOrder,
  type SalesOutcome,
  salesOrder,
  type WorkOutcome,
  workOrder,
} from './order-history.js';
import { cycleCount, openingStock, transfer, weeklyIssues } from './stock-history.js';

export { DemoRequestError };

/** The database holds data already: the demo goes only into an empty one. */
export class DemoNotEmptyError extends Error {}

export interface DemoOptions {
  /** Called after each step, with the steps done and the total. */
  onStep?: (done: number, total: number) => void;
  extensions?: DemoExtension[];
  /** The demo's "today"; its history covers the thirteen weeks before. */
  today?: Date;
}

export interface DemoSummary extends DemoCounts {
  products: number;
  warehouses: number;
  bins: number;
  suppliers: number;
  customers: number;
  requests: number;
  extensions: string[];
}

const WEEKS = 13;

/** True when the database has no product and no warehouse yet. */
export async function isEmptySite(app: FastifyInstance, token: string): Promise<boolean> {
  const client = new DemoClient(app, token);
  const products = await client.get<{ total: number }>('/products?page_size=1&include_inactive=true');
  const warehouses = await client.get<{ total: number }>('/warehouses?page_size=1');
  return products.total === 0 && warehouses.total === 0;
}

// The recent weeks leave documents open at every step; older ones are finished.
const purchaseOutcomes = (week: number): PurchaseOutcome[] =>
  week < WEEKS - 3
    ? ['closed', 'closed']
    : week === WEEKS - 3
      ? ['received', 'partial']
      : week === WEEKS - 2
        ? ['approved', 'submitted']
        : ['draft', 'approved'];
const salesOutcomes = (week: number): SalesOutcome[] =>
  week < WEEKS - 3
    ? ['closed', 'closed', week % 4 === 0 ? 'cancelled' : 'shipped']
    : week === WEEKS - 3
      ? ['shipped', 'partial', 'closed']
      : week === WEEKS - 2
        ? ['confirmed', 'partial', 'closed']
        : ['draft', 'confirmed', 'confirmed'];
const WORK_OUTCOMES: Record<number, WorkOutcome> = {
  1: 'completed',
  4: 'completed',
  7: 'completed',
  10: 'in_progress',
  11: 'released',
  12: 'planned',
};

/**
 * Loads the demo site through the HTTP API in-process, as an administrator: two warehouses with
 * bins, 200 products in ten categories (food and chemicals lot-tracked, with expiries past, near
 * and far), suppliers and customers, then thirteen weeks of purchase orders and their receipts,
 * issues, transfers, cycle counts, sales orders and work orders, dated across those weeks (the
 * ledger itself is stamped when the demo runs: it is never backdated). Every movement posts
 * through the stock ledger as a client's would. Refuses a database that holds data.
 */
export async function seedDemo(
  app: FastifyInstance,
  token: string,
  options: DemoOptions = {},
): Promise<DemoSummary> {
  if (!(await isEmptySite(app, token))) {
    throw new DemoNotEmptyError(
      'the database already holds products or warehouses; the demo loads only into an empty one',
    );
  }
  const extensions = options.extensions ?? DEMO_EXTENSIONS;
  const client = new DemoClient(app, token);
  const random = seededRandom(20_260_101);
  const total = 1 + 200 + 1 + 1 + WEEKS + extensions.length;
  let done = 0;
  const step = () => options.onStep?.(++done, total);
  const data = await loadMasterData(client, random, step);
  const state = new DemoState(client, random, data, options.today ?? new Date());
  const start = -7 * WEEKS;
  await openingStock(state, start);
  step();
  for (let week = 0; week < WEEKS; week++) {
    const day = start + 7 * week + 1;
    for (const outcome of purchaseOutcomes(week)) await purchaseOrder(state, day, outcome);
    await weeklyIssues(state, week);
    for (const [i, outcome] of salesOutcomes(week).entries()) await salesOrder(state, day + i * 2, outcome);
    if (week % 2 === 1) await transfer(state, week === WEEKS - 2);
    if (week % 4 === 3) await cycleCount(state, week);
    const work = WORK_OUTCOMES[week];
    if (work) await workOrder(state, day + 3, work);
    step();
  }
  for (const extension of extensions) {
    await extension.load(state);
    step();
  }
  return {
    ...state.counts,
    products: data.products.length,
    warehouses: data.warehouses.length,
    bins: data.warehouses.reduce((sum, w) => sum + w.bins.length, 0),
    suppliers: data.suppliers.length,
    customers: data.customers.length,
    requests: client.requests,
    extensions: extensions.map((e) => e.name),
  };
}

/** The closing line of a demo load. */
export function demoSummaryLine(s: DemoSummary): string {
  return (
    `demo site loaded: ${s.warehouses} warehouses with ${s.bins} bins, ${s.products} products, ` +
    `${s.suppliers} suppliers, ${s.customers} customers; ${s.receipts} receipts, ${s.issues} issues, ` +
    `${s.transfers} transfers, ${s.counts} counts, ${s.purchaseOrders} purchase orders, ` +
    `${s.salesOrders} sales orders, ${s.workOrders} work orders (${s.requests} API requests)` +
    (s.extensions.length ? `; with ${s.extensions.join(', ')}` : '')
  );
}
