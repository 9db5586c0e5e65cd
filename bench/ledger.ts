// `npm run bench:ledger`: history reads through the API on a ledger of 100,000 and of 10,000,000
// rows (three years of about 9,000 movements a day, with monthly balance snapshots and, as the
// fill job takes them, one every 50,000 movements): `as_of` balances of one warehouse (as served,
// and by an instance that remembers no page, PAGE_CACHE_SECONDS=0), the newest and a deep keyset
// page of the movement history, a bin's history, and how long `verify` takes, incremental and
// full. Figures: bench/results/ledger.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Load, type LoadFigures, loadGenerator, measure, warmUp } from './load.js';
import { seedLedger } from './seed.js';
import { PASSWORD, scratchDatabase, startServer, stopServer } from './server.js';

const SIZES = (process.env.BENCH_LEDGER_SIZES ?? '100000,10000000').split(',').map(Number);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface SizeResult {
  ledger_rows: number;
  seed_seconds: number;
  snapshots: number;
  snapshot_seconds: number;
  fill_snapshots: number;
  fill_seconds: number;
  reads: Record<string, LoadFigures>;
  verify_incremental_ms: number;
  verify_full_ms: number;
}

async function call(base: string, token: string, method: string, url: string, body?: unknown) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

async function benchSize(rowsWanted: number): Promise<SizeResult> {
  const { url, drop } = await scratchDatabase(SERVER_URL, 'raktar_bench_ledger');
  const { child, base } = await startServer({ DATABASE_URL: url });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let fresh: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    console.log(`== ${rowsWanted.toLocaleString('en')} ledger rows: seeding`);
    let started = Date.now();
    const seeded = await seedLedger(client, rowsWanted);
    const seedSeconds = (Date.now() - started) / 1000;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const token = ((await login.json()) as { access_token: string }).access_token;
    console.log(
      `   seeded in ${seedSeconds.toFixed(1)} s; taking ${seeded.monthStarts.length} monthly snapshots`,
    );
    started = Date.now();
    for (const cut of seeded.monthStarts) {
      await call(base, token, 'POST', '/api/v1/inventory/snapshots', { cut_at: cut });
    }
    const snapshotSeconds = (Date.now() - started) / 1000;
    // What the fill job does on a busy ledger: a snapshot every SNAPSHOT_EVERY_MOVEMENTS movements.
    started = Date.now();
    const filled = await call(base, token, 'POST', '/api/v1/inventory/snapshots/fill');
    const fillSeconds = (Date.now() - started) / 1000;
    const fillSnapshots = (filled.items as unknown[]).length;
    console.log(`   ${fillSnapshots} snapshots of busy stretches in ${fillSeconds.toFixed(1)} s`);
    await client.query('vacuum analyze');
    const headers = { authorization: `Bearer ${token}` };
    const asOfPath = `/api/v1/inventory/balances?warehouse_id=${seeded.warehouseId}&as_of=${encodeURIComponent(seeded.asOf)}&page_size=50`;
    // A second instance that remembers no page: every as_of read computed from snapshot and ledger.
    fresh = await startServer({ DATABASE_URL: url, PAGE_CACHE_SECONDS: '0' });
    const loads: Record<string, Load & { on?: string }> = {
      as_of_balances: { method: 'GET', path: asOfPath, headers },
      as_of_balances_afresh: { method: 'GET', path: asOfPath, headers, on: fresh.base },
      history_first_page: {
        method: 'GET',
        path: '/api/v1/stock-movements?cursor=first&page_size=50',
        headers,
      },
      history_deep_page: {
        method: 'GET',
        path: `/api/v1/stock-movements?cursor=${seeded.middleId}&page_size=50`,
        headers,
      },
      bin_history: {
        method: 'GET',
        path: `/api/v1/bins/${seeded.binId}/history?cursor=first&page_size=50`,
        headers,
      },
      bin_history_deep: {
        method: 'GET',
        path: `/api/v1/bins/${seeded.binId}/history?cursor=${seeded.binMiddleId}&page_size=50`,
        headers,
      },
    };
    const reads: Record<string, LoadFigures> = {};
    for (const [name, { on = base, ...load }] of Object.entries(loads)) {
      await warmUp(on, load, CONNECTIONS, 4);
      reads[name] = await measure(on, load, CONNECTIONS, SECONDS);
      console.log(`   ${name}: ${reads[name]?.requests_per_second} req/s, p99 ${reads[name]?.p99_ms} ms`);
    }
    started = Date.now();
    const incremental = await call(base, token, 'GET', '/api/v1/inventory/verify?mode=incremental');
    const incrementalMs = Date.now() - started;
    started = Date.now();
    const full = await call(base, token, 'GET', '/api/v1/inventory/verify?mode=full');
    const fullMs = Date.now() - started;
    if (incremental.ok !== true || full.ok !== true) throw new Error('verify found differences');
    console.log(`   verify: incremental ${incrementalMs} ms, full ${fullMs} ms`);
    return {
      ledger_rows: seeded.rows,
      seed_seconds: seedSeconds,
      snapshots: seeded.monthStarts.length,
      snapshot_seconds: snapshotSeconds,
      fill_snapshots: fillSnapshots,
      fill_seconds: fillSeconds,
      reads,
      verify_incremental_ms: incrementalMs,
      verify_full_ms: fullMs,
    };
  } finally {
    await client.end();
    await stopServer(child);
    if (fresh) await stopServer(fresh.child);
    // BENCH_KEEP=1 leaves the seeded database for inspection (EXPLAIN and the like).
    if (process.env.BENCH_KEEP) console.log(`   kept ${url}`);
    else await drop();
  }
}

const results: SizeResult[] = [];
for (const size of SIZES) results.push(await benchSize(size));
const [small, large] = [results[0], results.at(-1)];
console.log(`\n${loadGenerator}, ${CONNECTIONS} connections, ${SECONDS} s each; p99 ms by ledger size`);
console.log(`| read | ${results.map((r) => r.ledger_rows.toLocaleString('en')).join(' | ')} | ratio |`);
console.log(`|---|${results.map(() => '---|').join('')}---|`);
for (const name of Object.keys(small?.reads ?? {})) {
  const cells = results.map((r) => `${r.reads[name]?.p99_ms} (${r.reads[name]?.requests_per_second}/s)`);
  const ratio = (large?.reads[name]?.p99_ms ?? 0) / (small?.reads[name]?.p99_ms || 1);
  console.log(`| ${name} | ${cells.join(' | ')} | ${ratio.toFixed(2)} |`);
}
for (const r of results) {
  console.log(
    `${r.ledger_rows.toLocaleString('en')} rows: verify incremental ${r.verify_incremental_ms} ms, full ${r.verify_full_ms} ms; ${r.snapshots} snapshots in ${r.snapshot_seconds.toFixed(1)} s, then ${r.fill_snapshots} of busy stretches in ${r.fill_seconds.toFixed(1)} s`,
  );
}
const file = path.resolve(import.meta.dirname, 'results/ledger.json');
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(
  file,
  `${JSON.stringify({ measured_at: new Date().toISOString(), connections: CONNECTIONS, seconds: SECONDS, load_generator: loadGenerator, results }, null, 2)}\n`,
);
