// `npm run bench`: the write and search benchmarks of the stock API against the database's own
// ceiling for the same work, on the embedded PostgreSQL server (the zero-setup default) and, when
// reachable, a PostgreSQL server, with the two compared round by round.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, openPostgres } from '../src/db/client.js';
import { runningServerUrl } from '../src/db/embedded/server.js';
import { drive, type Figures, pgbenchWriteScript, searchQuery, writeTransaction } from './ceiling.js';
import { type CpuUse, countCpu } from './cpu.js';
import { type Load, type LoadFigures, loadGenerator, measure, mixedWrites, warmUp } from './load.js';
import { pgbench, pgbenchAvailable } from './pgbench.js';
import { type Memory, memory, peakOf, sampleMemory } from './rss.js';
import { hotProducts, PRODUCTS, SEARCH, seed } from './seed.js';
import { PASSWORD, POOL_SIZE, scratchDatabase, serverReachable, startServer, stopServer } from './server.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** Rounds, each running every measurement on every database in turn; the median round is reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TIMEZONE = 'Europe/Budapest';
const usePgbench = pgbenchAvailable();
/** How many products the mixed write workload spreads over (fewer = hotter rows). */
const WRITE_PRODUCTS = Number(process.env.BENCH_WRITE_PRODUCTS ?? 200);
/** BENCH_SEARCH=0 skips the search rounds (write-only runs). */
const SEARCH_ROUNDS = process.env.BENCH_SEARCH === '0' ? 0 : ROUNDS;

/** One database under test, with the API server running on it. */
interface Target {
  label: 'embedded' | 'postgres';
  child: ChildProcess;
  base: string;
  database: Database;
  url: string;
  dataDir?: string;
  write: Load;
  search: Load;
  script: string;
  afterStart: Memory;
  underLoad?: Memory;
  dbWrite?: Figures;
  pgbenchRuns: Figures[];
  pgbenchCpu: CpuUse[];
  apiWriteRuns: LoadFigures[];
  apiWriteCpu: CpuUse[];
  /** Milliseconds for a 1,000-line receipt document, end to end over HTTP. */
  receiptMs: number[];
  warehouseId?: string;
  token?: string;
  dbSearchRuns: Figures[];
  apiSearchRuns: LoadFigures[];
  cleanUp: () => Promise<void>;
}

/**
 * Starts each measurement from the same state: the previous one's dead balance versions vacuumed
 * away and a checkpoint taken, so neither bloat nor a timed checkpoint lands on whoever runs next.
 */
async function settle(database: Database): Promise<void> {
  await database.executeSql('vacuum analyze stock_balances');
  await database.executeSql('vacuum analyze stock_movements');
  await database.executeSql('checkpoint');
}

/** The run with the median rate (odd counts; the lower middle otherwise). */
function median<T extends Figures>(runs: T[]): T {
  const sorted = [...runs].sort((x, y) => x.requests_per_second - y.requests_per_second);
  return sorted[Math.floor((sorted.length - 1) / 2)] as T;
}

type Started = Omit<Target, 'write' | 'search' | 'script'>;

/** Starts the API with `env`, then connects to the database it serves; `release` runs after both stop. */
async function launch(
  label: Target['label'],
  env: Record<string, string>,
  locate: () => string | undefined,
  release: () => Promise<void>,
  dataDir?: string,
): Promise<Started> {
  try {
    const { child, base } = await startServer(env);
    const afterStart = memory(child.pid as number, dataDir);
    const url = locate();
    if (!url) throw new Error(`${label}: the database is not running`);
    // The bench's own pool leaves room for pgbench's clients and the API's pool under the
    // server's default max_connections (100).
    const database = await openPostgres(
      url,
      Math.max(4, Math.min(CONNECTIONS, 100 - CONNECTIONS - POOL_SIZE - 4)),
    );
    const cleanUp = async () => {
      await database.close();
      await stopServer(child);
      await release();
    };
    return {
      label,
      child,
      base,
      database,
      url,
      afterStart,
      ...(dataDir ? { dataDir } : {}),
      ...emptyRuns(),
      cleanUp,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** The API on the PostgreSQL server, in a scratch database dropped afterwards. */
async function onServer(): Promise<Started> {
  const { url, drop } = await scratchDatabase(SERVER_URL, 'raktar_bench');
  return launch('postgres', { DATABASE_URL: url }, () => url, drop);
}

/** The API on its embedded server, exactly as `npm start` runs it, in a scratch DATA_DIR. */
async function embedded(): Promise<Started> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'raktar-bench-'));
  chmodSync(dataDir, 0o711);
  const release = async () => rmSync(dataDir, { recursive: true, force: true });
  return launch('embedded', { DATA_DIR: dataDir }, () => runningServerUrl(dataDir), release, dataDir);
}

function emptyRuns() {
  return {
    pgbenchRuns: [],
    pgbenchCpu: [],
    apiWriteRuns: [],
    apiWriteCpu: [],
    receiptMs: [],
    dbSearchRuns: [],
    apiSearchRuns: [],
  };
}

/** Seeds the target's database through its own connection, measures the Node-driven write ceiling, logs in. */
async function prepare(partial: Started): Promise<Target> {
  const { label, database, base } = partial;
  console.log(`\n== ${label}: seeding ${PRODUCTS.toLocaleString('en')} products in two warehouses`);
  const { warehouseId } = await seed(database.db);
  const hot = (await hotProducts(database.db)).slice(0, WRITE_PRODUCTS);
  console.log(
    `== ${label}: database ceiling from Node (same statement, ${CONNECTIONS} clients, ${SECONDS} s)`,
  );
  await drive(CONNECTIONS, 2, writeTransaction(database.db, hot, warehouseId, TIMEZONE));
  await settle(database);
  const dbWrite = await drive(
    CONNECTIONS,
    SECONDS,
    writeTransaction(database.db, hot, warehouseId, TIMEZONE),
  );
  await drive(CONNECTIONS, 2, searchQuery(database.db));
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const { access_token: token } = (await login.json()) as { access_token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const write = mixedWrites(headers, warehouseId, hot);
  const search: Load = {
    method: 'GET',
    path: `/api/v1/products?search=${encodeURIComponent(SEARCH)}&page_size=50`,
    headers,
  };
  await warmUp(base, write, CONNECTIONS, 64);
  await warmUp(base, search, CONNECTIONS, 2);
  return {
    ...partial,
    write,
    search,
    dbWrite,
    warehouseId,
    script: pgbenchWriteScript(warehouseId, TIMEZONE, hot.length),
  };
}

/**
 * Rounds alternate every database's own run (pgbench for the write, the Node-driven query for the
 * search) with the API's on every database, so all meet the same conditions on a shared machine.
 */
async function rounds(targets: Target[]): Promise<void> {
  console.log(
    `\n== ${ROUNDS} rounds of ${usePgbench ? 'pgbench and ' : ''}the API over loopback on ${targets.map((t) => t.label).join(' and ')} (${loadGenerator}, ${CONNECTIONS} connections, ${SECONDS} s each)`,
  );
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      if (usePgbench) {
        await settle(target.database);
        const cpu = countCpu();
        const run = pgbench(target.url, target.script, CONNECTIONS, SECONDS);
        target.pgbenchRuns.push(run);
        target.pgbenchCpu.push(cpu(run.count));
      }
      await settle(target.database);
      const stop = sampleMemory(target.child.pid as number, target.dataDir);
      const cpu = countCpu(target.child.pid as number);
      const run = await measure(target.base, target.write, CONNECTIONS, SECONDS);
      target.apiWriteRuns.push(run);
      target.apiWriteCpu.push(cpu(run.count));
      target.underLoad = peakOf(stop(), target.underLoad);
      await settle(target.database);
      target.receiptMs.push(await bigReceipt(target));
    }
  }
  for (let round = 0; round < SEARCH_ROUNDS; round++) {
    for (const target of targets) {
      target.dbSearchRuns.push(await drive(CONNECTIONS, SECONDS, searchQuery(target.database.db)));
      target.apiSearchRuns.push(await measure(target.base, target.search, CONNECTIONS, SECONDS));
    }
  }
}

/** Posts one 1,000-line receipt (1,000 products, one line each) and times it end to end. */
async function bigReceipt(target: Target): Promise<number> {
  const rows = await target.database.executeSql('select id from products order by id limit 1000');
  const lines = rows.rows.map((row) => ({ product_id: (row as { id: string }).id, quantity: 1 }));
  const started = performance.now();
  const res = await fetch(`${target.base}/api/v1/inventory/receipts`, {
    method: 'POST',
    headers: target.write.headers,
    body: JSON.stringify({ warehouse_id: target.warehouseId, lines }),
  });
  const elapsed = performance.now() - started;
  if (res.status !== 201) throw new Error(`1,000-line receipt: ${res.status} ${await res.text()}`);
  return Math.round(elapsed);
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

function result(t: Target) {
  const apiWrite = median(t.apiWriteRuns);
  const pgbenchWrite = t.pgbenchRuns.length ? median(t.pgbenchRuns) : undefined;
  const ceiling = Math.max(t.dbWrite?.requests_per_second ?? 0, pgbenchWrite?.requests_per_second ?? 0);
  const apiSearch = t.apiSearchRuns.length ? median(t.apiSearchRuns) : undefined;
  const dbSearch = t.dbSearchRuns.length ? median(t.dbSearchRuns) : undefined;
  return {
    database: t.label,
    api_write: apiWrite,
    api_write_rounds: t.apiWriteRuns,
    db_write: t.dbWrite,
    pgbench_write: pgbenchWrite,
    pgbench_write_rounds: t.pgbenchRuns,
    write_ceiling: ceiling,
    write_ratio: ratio(apiWrite.requests_per_second, ceiling),
    api_search: apiSearch,
    api_search_rounds: t.apiSearchRuns,
    db_search: dbSearch,
    db_search_rounds: t.dbSearchRuns,
    search_ratio:
      apiSearch && dbSearch ? ratio(apiSearch.requests_per_second, dbSearch.requests_per_second) : undefined,
    cpu_per_movement_api: {
      node_us: middle(t.apiWriteCpu.map((c) => c.node_us ?? 0)),
      postgres_us: middle(t.apiWriteCpu.map((c) => c.postgres_us)),
    },
    cpu_per_movement_pgbench: { postgres_us: middle(t.pgbenchCpu.map((c) => c.postgres_us)) },
    receipt_1000_lines_ms: middle(t.receiptMs),
    receipt_1000_lines_runs_ms: t.receiptMs,
    memory_after_start: t.afterStart,
    memory_under_load: t.underLoad,
  };
}
type Result = ReturnType<typeof result>;

function print(results: Result[]): void {
  console.log('\n| database | work | req/s | p50 / p99 ms | API ÷ DB ceiling | API errors |');
  console.log('|---|---|---|---|---|---|');
  const row = (database: string, work: string, f: Figures | undefined, ratioText = '', errors = '') => {
    if (f)
      console.log(
        `| ${database} | ${work} | ${f.requests_per_second} | ${f.p50_ms} / ${f.p99_ms} | ${ratioText} | ${errors} |`,
      );
  };
  for (const r of results) {
    const n = r.api_write_rounds.length;
    row(
      r.database,
      `API: 50/50 receipts and issues of 1–10 on ${WRITE_PRODUCTS} products (median of ${n})`,
      r.api_write,
      String(r.write_ratio),
      String(r.api_write.errors),
    );
    row(
      r.database,
      `DB from Node, ${CONNECTIONS} clients: same mix, one transaction per movement`,
      r.db_write,
    );
    row(
      r.database,
      `DB pgbench, ${CONNECTIONS} clients: same mix, one transaction per movement (median of ${n})`,
      r.pgbench_write,
    );
    row(
      r.database,
      `API: product search, 50/page (median of ${n})`,
      r.api_search,
      String(r.search_ratio),
      String(r.api_search?.errors),
    );
    row(r.database, `DB from Node, ${CONNECTIONS} clients: same query (median of ${n})`, r.db_search);
  }
  console.log(
    '\n| database | API RSS after start | API RSS under load | DB PSS after start | DB PSS under load |',
  );
  console.log('|---|---|---|---|---|');
  const mb = (value: number | null | undefined) => (value ? `${value} MiB` : '—');
  for (const r of results) {
    console.log(
      `| ${r.database} | ${mb(r.memory_after_start.api_rss_mib)} | ${mb(r.memory_under_load?.api_rss_mib)} | ${mb(r.memory_after_start.db_pss_mib)} | ${mb(r.memory_under_load?.db_pss_mib)} |`,
    );
  }
  console.log(
    '\n| database | CPU per movement: API node / postgres | pgbench: postgres | 1,000-line receipt |',
  );
  console.log('|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.database} | ${r.cpu_per_movement_api.node_us} µs / ${r.cpu_per_movement_api.postgres_us ?? '—'} µs | ${r.cpu_per_movement_pgbench.postgres_us ?? '—'} µs | ${r.receipt_1000_lines_ms} ms (${r.receipt_1000_lines_runs_ms.join(', ')}) |`,
    );
  }
  const embeddedResult = results.find((r) => r.database === 'embedded');
  const server = results.find((r) => r.database === 'postgres');
  if (embeddedResult && server) {
    console.log('\nembedded ÷ PostgreSQL server, same run:');
    console.log(
      `  API write  ${ratio(embeddedResult.api_write.requests_per_second, server.api_write.requests_per_second)}`,
    );
    if (embeddedResult.api_search && server.api_search)
      console.log(
        `  API search ${ratio(embeddedResult.api_search.requests_per_second, server.api_search.requests_per_second)}`,
      );
    console.log(`  DB write ceiling ${ratio(embeddedResult.write_ceiling, server.write_ceiling)}`);
  }
  for (const r of results) {
    const list = (runs: Figures[]) =>
      runs.map((f) => `${f.requests_per_second} (p99 ${f.p99_ms})`).join(', ');
    console.log(`\n${r.database} write rounds, API: ${list(r.api_write_rounds)}`);
    if (r.pgbench_write_rounds.length)
      console.log(`${r.database} write rounds, pgbench: ${list(r.pgbench_write_rounds)}`);
    console.log(`${r.database} search rounds, API: ${list(r.api_search_rounds)}`);
    console.log(`${r.database} search rounds, DB: ${list(r.db_search_rounds)}`);
  }
}

const only = process.env.BENCH_ONLY; // embedded | postgres
const targets: Target[] = [];
try {
  // Each target is listed as soon as it runs, so the finally below stops it whatever fails next.
  const add = async (start: () => Promise<Started>) => {
    const partial = await start();
    targets.push(partial as Target);
    targets[targets.length - 1] = await prepare(partial);
  };
  if (only !== 'postgres') await add(embedded);
  if (only !== 'embedded') {
    if (await serverReachable(SERVER_URL)) await add(onServer);
    else console.log(`(no PostgreSQL server at ${SERVER_URL}: set BENCH_DATABASE_URL to include it)`);
  }
  await rounds(targets);
  const results = targets.map(result);
  print(results);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/stock-api.json',
    `${JSON.stringify({ measured_at: new Date().toISOString(), connections: CONNECTIONS, write_products: WRITE_PRODUCTS, pool_size: POOL_SIZE, seconds: SECONDS, rounds: ROUNDS, load_generator: loadGenerator, results }, null, 2)}\n`,
  );
} finally {
  for (const target of targets) await target.cleanUp();
}
