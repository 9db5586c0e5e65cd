// `npm run bench:exports`: the movement ledger of 1,000,000 rows downloaded through HTTP as CSV and
// as XLSX (`GET /api/v1/stock-movements?format=…`), one download at a time: rows per second, bytes,
// and the API process's peak resident memory (VmHWM, which must stay under 250 MB), read from
// /proc before and after each download. Figures: bench/results/exports.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { seedLedger } from './seed.js';
import { PASSWORD, scratchDatabase, startServer, stopServer } from './server.js';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RSS_LIMIT_MIB = 250;

/** A memory figure of the API process from /proc (MiB): VmHWM is the peak since it started. */
function procMib(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

interface Download {
  format: string;
  rows: number;
  seconds: number;
  rows_per_second: number;
  megabytes: number;
  peak_rss_mib_after: number;
}

async function download(base: string, token: string, format: string, client: pg.Client, pid: number) {
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/stock-movements?format=${format}`, {
    headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' },
  });
  if (!res.ok || !res.body) throw new Error(`${format}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
  const seconds = (performance.now() - started) / 1000;
  // The rows the server sent, as its audit row of the download records them.
  const { rows } = await client.query<{ rows: number; complete: boolean }>(
    `select (after->>'rows')::int as rows, (after->>'complete')::boolean as complete from audit_log
     where action = 'stock-movements.export' and after->>'format' = $1 order by occurred_at desc limit 1`,
    [format],
  );
  const sent = rows[0];
  if (!sent?.complete || sent.rows !== ROWS) throw new Error(`${format}: audited ${JSON.stringify(sent)}`);
  const result: Download = {
    format,
    rows: sent.rows,
    seconds: Math.round(seconds * 10) / 10,
    rows_per_second: Math.round(sent.rows / seconds),
    megabytes: Math.round(bytes / 1e5) / 10,
    peak_rss_mib_after: procMib(pid, 'VmHWM'),
  };
  console.log(
    `   ${format}: ${result.rows.toLocaleString('en')} rows in ${result.seconds} s (${result.rows_per_second.toLocaleString('en')} rows/s), ${result.megabytes} MB; peak RSS ${result.peak_rss_mib_after} MiB`,
  );
  return result;
}

// The heap cap `npm start` runs with: without one V8 sizes the old generation from the machine's
// memory (a quarter of it) and lets the garbage of a long download pile up toward that before
// collecting, though what an export holds live is constant. BENCH_NODE_ARGS='' measures that.
process.env.BENCH_NODE_ARGS ??= '--max-old-space-size=512';
const NODE_ARGS = process.env.BENCH_NODE_ARGS;
// The service as deployed (compiled): tsx's loader thread alone is tens of MB of the budget.
console.log('== npm run build');
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('build failed');
const { url, drop } = await scratchDatabase(SERVER_URL, 'raktar_bench_exports');
const { child, base } = await startServer({ DATABASE_URL: url }, { compiled: true });
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const pid = child.pid as number;
  console.log(`== seeding ${ROWS.toLocaleString('en')} ledger rows`);
  let started = Date.now();
  await seedLedger(client, ROWS);
  const seedSeconds = (Date.now() - started) / 1000;
  console.log(`   seeded in ${seedSeconds.toFixed(1)} s`);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const token = ((await login.json()) as { access_token: string }).access_token;
  const before = { peak_rss_mib: procMib(pid, 'VmHWM'), rss_mib: procMib(pid, 'VmRSS') };
  console.log(`   API node arguments: ${NODE_ARGS || '(none)'}`);
  console.log(`   API before the downloads: RSS ${before.rss_mib} MiB, peak ${before.peak_rss_mib} MiB`);
  started = Date.now();
  const downloads = [
    await download(base, token, 'csv', client, pid),
    await download(base, token, 'xlsx', client, pid),
  ];
  const peak = procMib(pid, 'VmHWM');
  console.log(`   API peak RSS over both downloads: ${peak} MiB (limit ${RSS_LIMIT_MIB} MB)`);
  const file = path.resolve(import.meta.dirname, 'results/exports.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ measured_at: new Date().toISOString(), node_args: NODE_ARGS, ledger_rows: ROWS, seed_seconds: seedSeconds, api_before: before, downloads, api_peak_rss_mib: peak }, null, 2)}\n`,
  );
  if (peak * 1.048576 >= RSS_LIMIT_MIB) throw new Error(`peak RSS ${peak} MiB is over ${RSS_LIMIT_MIB} MB`);
} finally {
  await client.end();
  await stopServer(child);
  await drop();
}
