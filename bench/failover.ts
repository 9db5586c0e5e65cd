// `npm run bench:failover`: how long writes are refused when the primary dies. A pg_auto_failover
// formation (monitor, primary, synchronous secondary) on loopback, the API on a multi-host
// DATABASE_URL, 8 loops posting receipts. Two kills: `host` (SIGKILL to the primary's postgres and
// its pg_autoctl: the monitor promotes the secondary) and `postgres` (SIGKILL to postgres alone:
// pg_autoctl restarts it, or the monitor fails over first). Downtime: from the first failed
// request to the first 201 of a request sent after it. BENCH_RUNS (3) new formations per kill.
// Figures: bench/results/failover.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFormation } from '../test/helpers/auto-failover.js';
import { type FailoverRun, writeThroughFailover } from '../test/helpers/failover-load.js';
import { sqlOn } from '../test/helpers/pg-cluster.js';
import { adminToken, startServer, stopServer } from './server.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WORKERS = Number(process.env.BENCH_CONNECTIONS ?? 8);

async function post(base: string, token: string, url: string, body: object): Promise<string> {
  const res = await fetch(`${base}/api/v1${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

type Kill = 'host' | 'postgres';

async function once(
  kill: Kill,
): Promise<FailoverRun & { lost: number; verified: boolean; promoted: boolean }> {
  const formation = await startFormation();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'raktar-bench-failover-'));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    server = await startServer({ DATABASE_URL: formation.url, DATA_DIR: dataDir });
    const token = await adminToken(server.base);
    const stock = {
      warehouse_id: await post(server.base, token, '/warehouses', { code: 'FO', name: 'Failover' }),
      product_id: await post(server.base, token, '/products', { sku: 'FO-1', name: 'Failover' }),
    };
    const before = await formation.primary();
    const run = await writeThroughFailover(server.base, token, stock, formation, { workers: WORKERS, kill });
    const primary = await formation.primary();
    const [stored] = await sqlOn<{ n: string }>(
      `postgres://postgres@127.0.0.1:${primary.port}/raktar`,
      'select count(*) as n from stock_movements where id::text = any($1)',
      [run.acked],
    );
    const verify = await fetch(`${server.base}/api/v1/inventory/verify`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const verified = verify.ok && ((await verify.json()) as { ok: boolean }).ok;
    return {
      ...run,
      lost: run.acked.length - Number(stored?.n),
      verified,
      promoted: primary.port !== before.port,
    };
  } finally {
    if (server) await stopServer(server.child);
    rmSync(dataDir, { recursive: true, force: true });
    await formation.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const results: Record<string, object> = {};
for (const kill of ['host', 'postgres'] as const) {
  const runs: Awaited<ReturnType<typeof once>>[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const run = await once(kill);
    runs.push(run);
    console.log(
      `${kill} killed, run ${i + 1}: downtime ${run.downtimeSeconds.toFixed(1)} s, writes stalled ${run.stallSeconds.toFixed(1)} s, ` +
        `${run.promoted ? 'secondary promoted' : 'same primary'}, ${run.acked.length} acknowledged, ${run.failed} refused, ` +
        `${run.lost} lost, verify ${run.verified ? 'clean' : 'NOT clean'}`,
    );
  }
  const downtime = median(runs.map((r) => r.downtimeSeconds));
  console.log(`${kill} killed: median downtime ${downtime.toFixed(1)} s over ${runs.length} runs`);
  results[kill] = {
    median_downtime_seconds: downtime,
    runs: runs.map(({ acked, ...figures }) => ({ acknowledged: acked.length, ...figures })),
  };
}
const file = path.resolve(import.meta.dirname, 'results/failover.json');
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(
  file,
  `${JSON.stringify({ measured_at: new Date().toISOString(), workers: WORKERS, results }, null, 2)}\n`,
);
