// Times POST /api/v1/warehouses/{id}/bins/bulk creating 10,000 bins, through the real app, on
// the embedded PostgreSQL server and (when BENCH_DATABASE_URL is set) on a PostgreSQL server.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type Database, openPostgres } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { openConfiguredDatabase } from '../src/db/open.js';
import { ensureFirstAdmin } from '../src/modules/identity/first-admin.js';

const RUNS = 5;
const PASSWORD = 'Bench!pass1';
const body = {
  pattern: 'B{a:02}-{b:02}-{c:02}',
  ranges: { a: [1, 25], b: [1, 20], c: [1, 20] },
  type: 'storage',
  capacity: 100,
};

async function measure(
  label: string,
  database: Database,
): Promise<{ label: string; runs_ms: number[]; median_ms: number }> {
  await runMigrations(database);
  const config = loadConfig(
    { JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256', ADMIN_PASSWORD: PASSWORD },
    { schedulerEnabled: false },
  );
  const app = await buildApp({ config, database, logger: false });
  await ensureFirstAdmin(database.db, config);
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: PASSWORD },
  });
  const headers = { authorization: `Bearer ${login.json().access_token}` };
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const warehouse = await app.inject({
      method: 'POST',
      url: '/api/v1/warehouses',
      headers,
      payload: { code: `BENCH-${Date.now()}-${i}`, name: 'Bench' },
    });
    const started = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/warehouses/${warehouse.json().id}/bins/bulk`,
      headers,
      payload: body,
    });
    runs.push(Math.round(performance.now() - started));
    if (res.statusCode !== 201 || res.json().count !== 10_000)
      throw new Error(`bulk failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  await app.close();
  await database.close();
  const sorted = [...runs].sort((a, b) => a - b);
  return { label, runs_ms: runs, median_ms: sorted[Math.floor(sorted.length / 2)] as number };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'raktar-bench-bins-'));
chmodSync(dataDir, 0o711);
const results = [];
try {
  results.push(await measure('embedded', await openConfiguredDatabase(loadConfig({ DATA_DIR: dataDir }))));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
const serverUrl = process.env.BENCH_DATABASE_URL;
if (serverUrl) results.push(await measure('postgres', await openPostgres(serverUrl, 10)));

for (const r of results) {
  console.log(
    `bins bulk 10,000 on ${r.label.padEnd(8)} median ${r.median_ms} ms  (runs: ${r.runs_ms.join(', ')} ms)`,
  );
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/bins-bulk.json',
  `${JSON.stringify({ measured_at: new Date().toISOString(), results }, null, 2)}\n`,
);
