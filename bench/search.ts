// `npm run bench:search`: the product search page through the API against the obvious SQL for the
// same page on the same data, round by round, at 30,000 and 100,000 products, on the PostgreSQL
// server (when reachable) and on the embedded default. Figures: bench/results/search.json.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runningServerUrl } from '../src/db/embedded/server.js';
import type { Figures } from './ceiling.js';
import { type Load, type LoadFigures, loadGenerator, measure, warmUp } from './load.js';
import { pgbench, pgbenchAvailable } from './pgbench.js';
import { seedSearchUpTo } from './seed.js';
import { adminToken, scratchDatabase, serverReachable, startServer, stopServer } from './server.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '30000,100000').split(',').map(Number);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** What a user types: found accent- and case-insensitively in 2 % of the products. */
const TERM = 'kave premium';
/** The obvious SQL folds no accents, so it is given the words as they are stored. */
const STORED_TERM = 'Kávé prémium';

/**
 * The obvious SQL for one page: the count and the first 50 by name, `ILIKE` on name and SKU,
 * served by a trigram index on that expression (created by the seeding).
 */
const OBVIOUS = `SELECT count(*) FROM products WHERE is_active AND name || ' ' || sku ILIKE '%${STORED_TERM}%';
SELECT * FROM products WHERE is_active AND name || ' ' || sku ILIKE '%${STORED_TERM}%' ORDER BY name LIMIT 50;
`;

interface Target {
  label: 'postgres' | 'embedded';
  child: ChildProcess;
  base: string;
  url: string;
  cleanUp: () => Promise<void>;
}

async function onServer(): Promise<Target> {
  const { url, drop } = await scratchDatabase(SERVER_URL, 'raktar_bench_search');
  const { child, base } = await startServer({ DATABASE_URL: url });
  return {
    label: 'postgres',
    child,
    base,
    url,
    cleanUp: async () => {
      await stopServer(child);
      await drop();
    },
  };
}

async function embedded(): Promise<Target> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'raktar-bench-search-'));
  chmodSync(dataDir, 0o711);
  const { child, base } = await startServer({ DATA_DIR: dataDir });
  const url = runningServerUrl(dataDir);
  if (!url) throw new Error('embedded: the database is not running');
  return {
    label: 'embedded',
    child,
    base,
    url,
    cleanUp: async () => {
      await stopServer(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function median<T extends Figures>(runs: T[]): T {
  const sorted = [...runs].sort((x, y) => x.requests_per_second - y.requests_per_second);
  return sorted[Math.floor((sorted.length - 1) / 2)] as T;
}

interface SizeResult {
  products: number;
  matches: number;
  api_total: number;
  api_total_is_estimate: boolean;
  api: LoadFigures;
  api_rounds: LoadFigures[];
  /** The same requests to an instance that remembers no page (PAGE_CACHE_SECONDS=0). */
  api_fresh: LoadFigures;
  api_fresh_rounds: LoadFigures[];
  obvious_sql: Figures;
  obvious_sql_rounds: Figures[];
  ratio: number;
  fresh_ratio: number;
}

async function benchTarget(target: Target): Promise<SizeResult[]> {
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  const searchPath = `/api/v1/products?search=${encodeURIComponent(TERM)}&page_size=50`;
  const load: Load = {
    method: 'GET',
    path: searchPath,
    headers: { authorization: `Bearer ${await adminToken(target.base)}` },
  };
  // A second instance on the same database that finds every page afresh.
  const fresh = await startServer({ DATABASE_URL: target.url, PAGE_CACHE_SECONDS: '0' });
  const freshLoad: Load = {
    method: 'GET',
    path: searchPath,
    headers: { authorization: `Bearer ${await adminToken(fresh.base)}` },
  };
  const results: SizeResult[] = [];
  let seeded = 0;
  try {
    for (const size of SIZES) {
      console.log(`== ${target.label}: ${size.toLocaleString('en')} products`);
      await seedSearchUpTo(client, seeded, size);
      seeded = size;
      const { rows } = await client.query(
        `select count(*)::int as n from products where name || ' ' || sku ilike $1`,
        [`%${STORED_TERM}%`],
      );
      const page = (await (await fetch(`${target.base}${load.path}`, { headers: load.headers })).json()) as {
        total: number;
        total_is_estimate: boolean;
      };
      await warmUp(target.base, load, CONNECTIONS, 4);
      await warmUp(fresh.base, freshLoad, CONNECTIONS, 4);
      pgbench(target.url, OBVIOUS, CONNECTIONS, 2);
      const api: LoadFigures[] = [];
      const apiFresh: LoadFigures[] = [];
      const sql: Figures[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        sql.push(pgbench(target.url, OBVIOUS, CONNECTIONS, SECONDS));
        api.push(await measure(target.base, load, CONNECTIONS, SECONDS));
        apiFresh.push(await measure(fresh.base, freshLoad, CONNECTIONS, SECONDS));
        console.log(
          `   round ${round + 1}: API ${api[round]?.requests_per_second} req/s (p99 ${api[round]?.p99_ms} ms), found afresh ${apiFresh[round]?.requests_per_second} req/s (p99 ${apiFresh[round]?.p99_ms} ms), obvious SQL ${sql[round]?.requests_per_second} tx/s (p99 ${sql[round]?.p99_ms} ms)`,
        );
      }
      const apiMedian = median(api);
      const freshMedian = median(apiFresh);
      const sqlMedian = median(sql);
      results.push({
        products: size,
        matches: rows[0].n,
        api_total: page.total,
        api_total_is_estimate: page.total_is_estimate,
        api: apiMedian,
        api_rounds: api,
        api_fresh: freshMedian,
        api_fresh_rounds: apiFresh,
        obvious_sql: sqlMedian,
        obvious_sql_rounds: sql,
        ratio: Math.round((apiMedian.requests_per_second / sqlMedian.requests_per_second) * 100) / 100,
        fresh_ratio:
          Math.round((freshMedian.requests_per_second / sqlMedian.requests_per_second) * 100) / 100,
      });
    }
  } finally {
    await client.end();
    await stopServer(fresh.child);
  }
  return results;
}

async function main(): Promise<void> {
  if (!pgbenchAvailable())
    throw new Error('pgbench is needed for the obvious SQL (apt install postgresql-client)');
  const results: Record<string, SizeResult[]> = {};
  const starters = [...((await serverReachable(SERVER_URL)) ? [onServer] : []), embedded];
  for (const start of starters) {
    const target = await start();
    try {
      results[target.label] = await benchTarget(target);
    } finally {
      await target.cleanUp();
    }
  }
  console.log(
    `\n${loadGenerator}, ${CONNECTIONS} connections, ${SECONDS} s, median of ${ROUNDS} rounds; "${TERM}" (the obvious SQL: ILIKE "${STORED_TERM}")`,
  );
  console.log(
    '| database | products | matches | API req/s (p99 ms) | found afresh req/s (p99 ms) | obvious SQL tx/s (p99 ms) | ratio | afresh ratio |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [label, sizes] of Object.entries(results)) {
    for (const r of sizes) {
      console.log(
        `| ${label} | ${r.products.toLocaleString('en')} | ${r.matches} | ${r.api.requests_per_second} (${r.api.p99_ms}) | ${r.api_fresh.requests_per_second} (${r.api_fresh.p99_ms}) | ${r.obvious_sql.requests_per_second} (${r.obvious_sql.p99_ms}) | ${r.ratio} | ${r.fresh_ratio} |`,
      );
    }
  }
  const file = path.resolve(import.meta.dirname, 'results/search.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ measured_at: new Date().toISOString(), connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, load_generator: loadGenerator, term: TERM, results }, null, 2)}\n`,
  );
}

await main();
