import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../src/db/client.js';
import { products } from '../src/modules/catalog/catalog.tables.js';
import { listProducts } from '../src/modules/catalog/products.repo.js';
import { takeStockFefo, takeStockStatement } from '../src/modules/stock/ledger.repo.js';
import { StockQueries } from '../src/modules/stock/stock-queries.js';
import { HOT, SEARCH } from './seed.js';

export interface Figures {
  requests_per_second: number;
  p50_ms: number;
  p99_ms: number;
  count: number;
}

export function percentile(sorted: number[], p: number): number {
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
 * The database's own ceiling for the API's write: the statement a plain issue posts (the unit
 * check, the FEFO take that updates the balance and writes the ledger row) in its own implicit
 * transaction, as the endpoint runs it, with no HTTP, auth or JSON around it.
 */
export function writeTransaction(db: Db, hot: string[], warehouseId: string, timezone: string) {
  return async () => {
    const productId = hot[Math.floor(Math.random() * hot.length)] as string;
    const rows = await takeStockFefo(
      db,
      { productId, warehouseId, binId: null, lotId: null, includeExpired: false, timezone },
      '1',
      { postingId: uuidv7(), type: 'issue', actorId: null, requestId: 'bench' },
      true,
    );
    if (rows.length === 0) throw new Error('bench stock ran out');
  };
}

/**
 * The same statement as a pgbench script: its text verbatim, the product drawn from the hot
 * set by pgbench (`:n` is its only parameter) and the other values written in as literals.
 */
export function pgbenchWriteScript(warehouseId: string, timezone: string): string {
  const { sql: text, params } = takeStockStatement.text();
  const literal: Record<string, string> = {
    productId: '(select product_id from bench_hot where n = :n)',
    warehouseId: `'${warehouseId}'`,
    binId: 'null',
    lotId: 'null',
    includeExpired: 'false',
    timezone: `'${timezone}'`,
    quantity: "'1'",
    checkUnit: 'true',
    postingId: 'raktar_uuidv7()',
    type: "'issue'",
    notes: "''",
    requestId: "'bench'",
  };
  const body = text.replace(
    /\$(\d+)/g,
    (_, index: string) => literal[params[Number(index) - 1] ?? ''] ?? 'null',
  );
  return `\\set n random(1, ${HOT})\n${body.replace(/\s*\n\s*/g, ' ')};\n`;
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
