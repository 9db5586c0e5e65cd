// `npm run bench`: the write and search benchmarks of the stock API against the database's own
// ceiling for the same work, on embedded PGlite and (when reachable) a PostgreSQL server.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { drive, type Figures, pgbenchWriteScript, searchQuery, writeTransaction } from './ceiling.js';
import { type Load, type LoadFigures, loadGenerator, measure, warmUp } from './load.js';
import { pgbench, pgbenchAvailable } from './pgbench.js';
import { hotProducts, PRODUCTS, SEARCH, seed } from './seed.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** The API's connections to PostgreSQL: a few per core serve 32 clients best on two cores. */
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 8);
/** Write rounds, alternating pgbench and the API; the median round is reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TIMEZONE = 'Europe/Budapest';
const PASSWORD = 'Bench!pass1';
const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256';

class Skip extends Error {}

interface Result {
  database: string;
  /** The median round of the API's write. */
  api_write: LoadFigures;
  api_write_rounds: LoadFigures[];
  /** The statement driven from Node through the same driver, CONNECTIONS clients. */
  db_write: Figures;
  /** The same statement under pgbench: the median round at CONNECTIONS clients, once at the API's pool size. */
  pgbench_write: { clients: number; figures: Figures; rounds: Figures[] }[];
  /** The best database figure at CONNECTIONS clients (Node or pgbench): the ratio's denominator. */
  write_ceiling: number;
  write_ratio: number;
  api_search: LoadFigures;
  api_search_rounds: LoadFigures[];
  db_search: Figures;
  db_search_rounds: Figures[];
  search_ratio: number;
}

async function serverReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the real server (warn-level logs: no log line per request) and waits until it answers. */
async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SCHEDULER_ENABLED: 'false',
      JWT_SECRET,
      ADMIN_PASSWORD: PASSWORD,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ping`)).ok) return { child, port };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not start');
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
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

async function benchmark(
  label: string,
  database: Database,
  env: Record<string, string>,
  closeBeforeServer: boolean,
  pgbenchUrl?: string,
): Promise<Result> {
  console.log(
    `\n== ${label}: migrating and seeding ${PRODUCTS.toLocaleString('en')} products in two warehouses`,
  );
  await runMigrations(database);
  const { warehouseId } = await seed(database.db);
  const hot = await hotProducts(database.db);
  console.log(
    `== ${label}: database ceiling from Node (same statements, ${CONNECTIONS} concurrent clients, ${SECONDS} s each)`,
  );
  await drive(CONNECTIONS, 2, writeTransaction(database.db, hot, warehouseId, TIMEZONE));
  await settle(database);
  const dbWrite = await drive(
    CONNECTIONS,
    SECONDS,
    writeTransaction(database.db, hot, warehouseId, TIMEZONE),
  );
  await drive(CONNECTIONS, 2, searchQuery(database.db));
  // With the database open beside the server (PostgreSQL), its search runs alternate with the
  // API's below; PGlite's must all come first.
  const dbSearchRuns = closeBeforeServer ? [await drive(CONNECTIONS, SECONDS, searchQuery(database.db))] : [];
  await settle(database);
  // PGlite allows one process on its data directory: the server opens it after we close it.
  if (closeBeforeServer) await database.close();

  const { child, port } = await startServer(env);
  try {
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const write: Load = {
      method: 'POST',
      path: '/api/v1/stock-movements',
      headers,
      body: {
        template: { warehouse_id: warehouseId, movement_type: 'issue', quantity: 1 },
        field: 'product_id',
        choices: hot,
      },
    };
    // Rounds alternate the database's own run (pgbench) and the API's, so both meet the same
    // conditions on a shared machine; each figure is the median round.
    console.log(
      `== ${label}: ${ROUNDS} rounds of ${pgbenchUrl ? 'pgbench and ' : ''}the API over loopback (${loadGenerator}, ${CONNECTIONS} connections, ${SECONDS} s each)`,
    );
    const script = pgbenchWriteScript(warehouseId, TIMEZONE);
    const pgbenchRuns: Figures[] = [];
    const apiRuns: LoadFigures[] = [];
    await warmUp(base, write, CONNECTIONS, 64);
    for (let round = 0; round < ROUNDS; round++) {
      if (pgbenchUrl) {
        await settle(database);
        pgbenchRuns.push(pgbench(pgbenchUrl, script, CONNECTIONS, SECONDS));
      }
      if (!closeBeforeServer) await settle(database);
      apiRuns.push(await measure(base, write, CONNECTIONS, SECONDS));
    }
    const pgbenchWrite: Result['pgbench_write'] = [];
    if (pgbenchUrl) {
      pgbenchWrite.push({ clients: CONNECTIONS, figures: median(pgbenchRuns), rounds: pgbenchRuns });
      if (POOL_SIZE !== CONNECTIONS) {
        await settle(database);
        const figures = pgbench(pgbenchUrl, script, POOL_SIZE, SECONDS);
        pgbenchWrite.push({ clients: POOL_SIZE, figures, rounds: [figures] });
      }
    }
    const apiWrite = median(apiRuns);
    const search: Load = {
      method: 'GET',
      path: `/api/v1/products?search=${encodeURIComponent(SEARCH)}&page_size=50`,
      headers,
    };
    await warmUp(base, search, CONNECTIONS, 2);
    const apiSearchRuns: LoadFigures[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (!closeBeforeServer) dbSearchRuns.push(await drive(CONNECTIONS, SECONDS, searchQuery(database.db)));
      apiSearchRuns.push(await measure(base, search, CONNECTIONS, SECONDS));
    }
    const apiSearch = median(apiSearchRuns);
    const dbSearch = median(dbSearchRuns);
    const ceiling = Math.max(
      dbWrite.requests_per_second,
      ...pgbenchWrite
        .filter((run) => run.clients === CONNECTIONS)
        .map((run) => run.figures.requests_per_second),
    );
    return {
      database: label,
      api_write: apiWrite,
      api_write_rounds: apiRuns,
      db_write: dbWrite,
      pgbench_write: pgbenchWrite,
      write_ceiling: ceiling,
      write_ratio: Math.round((apiWrite.requests_per_second / ceiling) * 100) / 100,
      api_search: apiSearch,
      api_search_rounds: apiSearchRuns,
      db_search: dbSearch,
      db_search_rounds: dbSearchRuns,
      search_ratio: Math.round((apiSearch.requests_per_second / dbSearch.requests_per_second) * 100) / 100,
    };
  } finally {
    await stopServer(child);
  }
}

function print(results: Result[]): void {
  console.log('\n| database | work | req/s | p50 / p99 ms | API ÷ DB ceiling | API errors |');
  console.log('|---|---|---|---|---|---|');
  const row = (database: string, work: string, f: Figures, ratio = '', errors = '') =>
    console.log(
      `| ${database} | ${work} | ${f.requests_per_second} | ${f.p50_ms} / ${f.p99_ms} | ${ratio} | ${errors} |`,
    );
  for (const r of results) {
    row(
      r.database,
      `API: issue 1 unit (median of ${r.api_write_rounds.length})`,
      r.api_write,
      String(r.write_ratio),
      String(r.api_write.errors),
    );
    row(r.database, `DB from Node, ${CONNECTIONS} clients: same statement`, r.db_write);
    for (const run of r.pgbench_write) {
      const rounds = run.rounds.length > 1 ? ` (median of ${run.rounds.length})` : '';
      row(r.database, `DB pgbench, ${run.clients} clients: same statement${rounds}`, run.figures);
    }
    row(
      r.database,
      `API: product search, 50/page (median of ${r.api_search_rounds.length})`,
      r.api_search,
      String(r.search_ratio),
      String(r.api_search.errors),
    );
    const searchRounds = r.db_search_rounds.length > 1 ? ` (median of ${r.db_search_rounds.length})` : '';
    row(r.database, `DB from Node, ${CONNECTIONS} clients: same query${searchRounds}`, r.db_search);
  }
  for (const r of results) {
    const rounds = (runs: Figures[]) =>
      runs.map((f) => `${f.requests_per_second} (p99 ${f.p99_ms})`).join(', ');
    console.log(`\n${r.database} write rounds, API: ${rounds(r.api_write_rounds)}`);
    const pgbenchRounds = r.pgbench_write.find((run) => run.clients === CONNECTIONS)?.rounds;
    if (pgbenchRounds) console.log(`${r.database} write rounds, pgbench: ${rounds(pgbenchRounds)}`);
    console.log(`${r.database} search rounds, API: ${rounds(r.api_search_rounds)}`);
    console.log(`${r.database} search rounds, DB: ${rounds(r.db_search_rounds)}`);
  }
}

const only = process.env.BENCH_ONLY; // postgres | pglite
const results: Result[] = [];
if (only !== 'pglite' && (await serverReachable(SERVER_URL))) {
  const name = `raktar_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  try {
    const database = await openPostgres(url.toString(), CONNECTIONS);
    try {
      results.push(
        await benchmark(
          'postgres',
          database,
          { DATABASE_URL: url.toString(), DB_POOL_SIZE: String(POOL_SIZE) },
          false,
          pgbenchAvailable() ? url.toString() : undefined,
        ),
      );
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} else {
  console.log(`(no PostgreSQL server at ${SERVER_URL}: set BENCH_DATABASE_URL to include it)`);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'raktar-bench-'));
try {
  if (only === 'postgres') throw new Skip();
  const database = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
  results.push(await benchmark('pglite', database, { DATA_DIR: dataDir }, true));
} catch (error) {
  if (!(error instanceof Skip)) throw error;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

print(results);
mkdirSync('bench/results', { recursive: true });
const stamp = new Date().toISOString();
writeFileSync(
  'bench/results/stock-api.json',
  `${JSON.stringify({ measured_at: stamp, connections: CONNECTIONS, pool_size: POOL_SIZE, seconds: SECONDS, rounds: ROUNDS, load_generator: loadGenerator, results }, null, 2)}\n`,
);
