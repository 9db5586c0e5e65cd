// `npm run bench:reports`: the dashboard and the heavier reports through the API on 100,000
// products and 1,000,000 ledger rows, at 32 connections: the dashboard as served (cached until
// the next posting) and computed on every request, and the reports a manager opens (valuation,
// FEFO, low stock, aging) computed every time; then the balances list's first page, all and one
// warehouse. Figures: bench/results/reports.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Load, type LoadFigures, loadGenerator, measure, warmUp } from './load.js';
import { seedLedger, seedSearchUpTo } from './seed.js';
import { PASSWORD, scratchDatabase, startServer, stopServer } from './server.js';

const PRODUCTS = Number(process.env.BENCH_REPORT_PRODUCTS ?? 100_000);
const LEDGER_ROWS = Number(process.env.BENCH_REPORT_LEDGER ?? 1_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function token(base: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  return ((await login.json()) as { access_token: string }).access_token;
}

async function run(url: string, cacheSeconds: number, paths: Record<string, string>) {
  const { child, base } = await startServer({
    DATABASE_URL: url,
    REPORT_CACHE_SECONDS: String(cacheSeconds),
  });
  try {
    const headers = { authorization: `Bearer ${await token(base)}` };
    const figures: Record<string, LoadFigures> = {};
    for (const [name, target] of Object.entries(paths)) {
      const load: Load = { method: 'GET', path: target, headers };
      await warmUp(base, load, CONNECTIONS, 2);
      figures[name] = await measure(base, load, CONNECTIONS, SECONDS);
      const f = figures[name];
      console.log(
        `   ${name}: ${f?.requests_per_second} req/s, p50 ${f?.p50_ms} ms, p99 ${f?.p99_ms} ms, errors ${f?.errors}`,
      );
    }
    return figures;
  } finally {
    await stopServer(child);
  }
}

const { url, drop } = await scratchDatabase(SERVER_URL, 'raktar_bench_reports');
try {
  // Migrations and the first admin come with the first start.
  const { child } = await startServer({ DATABASE_URL: url });
  await stopServer(child);
  const client = new pg.Client({ connectionString: url });
  // Dropping the database on a failure ends this connection too: the failure is what to report.
  client.on('error', () => {});
  await client.connect();
  let started = Date.now();
  await seedSearchUpTo(client, 0, PRODUCTS);
  await client.query('update products set reorder_point = 5 where sku like $1', ['SKU-00%7']);
  const ledger = await seedLedger(client, LEDGER_ROWS);
  const counts = (
    await client.query<{ products: number; movements: number; balances: number }>(
      `select (select count(*) from products)::int as products, (select count(*) from stock_movements)::int as movements,
         (select count(*) from stock_balances)::int as balances`,
    )
  ).rows[0];
  await client.end();
  console.log(
    `seeded ${counts?.products} products, ${counts?.movements} ledger rows, ${counts?.balances} balances in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  started = Date.now();
  console.log(`== dashboard as served (cached until the next posting), ${CONNECTIONS} connections`);
  const cached = await run(url, 30, { dashboard: '/api/v1/reports/dashboard' });
  console.log(`== computed on every request, ${CONNECTIONS} connections`);
  const computed = await run(url, 0, {
    dashboard: '/api/v1/reports/dashboard',
    dashboard_one_warehouse: `/api/v1/reports/dashboard?warehouse_id=${ledger.warehouseId}`,
    low_stock: '/api/v1/reports/low-stock?page_size=50',
    fefo: '/api/v1/reports/fefo?page_size=50',
    valuation_one_warehouse: `/api/v1/reports/valuation?warehouse_id=${ledger.warehouseId}`,
  });
  console.log(`== balances lists (first page, SKU order), ${CONNECTIONS} connections`);
  const lists = await run(url, 0, {
    balances: '/api/v1/inventory/balances?page_size=50',
    balances_one_warehouse: `/api/v1/inventory/balances?warehouse_id=${ledger.warehouseId}&page_size=50`,
  });
  const file = path.resolve(import.meta.dirname, 'results/reports.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        measured_at: new Date().toISOString(),
        connections: CONNECTIONS,
        seconds: SECONDS,
        load_generator: loadGenerator,
        data: counts,
        cached,
        computed,
        lists,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await drop();
}
