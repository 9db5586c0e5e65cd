import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../src/db/client.js';
import { products } from '../src/modules/catalog/catalog.tables.js';
import { listProducts } from '../src/modules/catalog/products.repo.js';
import { takeStockFefo } from '../src/modules/stock/ledger.repo.js';
import { StockQueries } from '../src/modules/stock/stock-queries.js';
import { SEARCH } from './seed.js';

export interface Figures {
  requests_per_second: number;
  p50_ms: number;
  p99_ms: number;
  count: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `work` from `clients` concurrent loops for `seconds`, measuring each call. */
export async function drive(clients: number, seconds: number, work: () => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await work();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests_per_second: Math.round(latencies.length / elapsed),
    p50_ms: Math.round(percentile(latencies, 50) * 100) / 100,
    p99_ms: Math.round(percentile(latencies, 99) * 100) / 100,
    count: latencies.length,
  };
}

/**
 * The database's own ceiling for the API's write transaction: the same statements the issue
 * posts (product with its unit, then the FEFO take that updates the balance and writes the
 * ledger row), in one transaction, with no HTTP, auth or JSON around them.
 */
export function writeTransaction(db: Db, hot: string[], warehouseId: string, timezone: string) {
  return async () => {
    const productId = hot[Math.floor(Math.random() * hot.length)] as string;
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`select p.*, u.decimals from products p join units u on u.code = p.unit_code where p.id = ${productId}::uuid`,
      );
      const rows = await takeStockFefo(
        tx,
        { productId, warehouseId, binId: null, lotId: null, includeExpired: false, timezone },
        '1',
        { postingId: uuidv7(), type: 'issue', actorId: null, requestId: 'bench' },
      );
      if (rows.length === 0) throw new Error('bench stock ran out');
    });
  };
}

/** The same list query (page of 50 plus the count) the search endpoint runs. */
export function searchQuery(db: Db) {
  return async () => {
    await listProducts(
      db,
      { search: SEARCH, isActive: true },
      'name_asc',
      { page: 1, pageSize: 50, offset: 0 },
      new StockQueries(db).onHandSql(sql`${products.id}`),
    );
  };
}
