// `npm run bench:imports`: 100,000 products in one CSV uploaded through the API
// (`POST /api/v1/imports/products?create_categories=true`) on a scratch database of the PostgreSQL
// server (BENCH_DATABASE_URL; the embedded server when none answers), timed from the upload to
// the import's `done`: reading the file, checking every row, and the set-based insert. Above
// IMPORT_ASYNC_ROWS (5,000) the import runs as a pg-boss job, so the server runs its scheduler.
// Figures: bench/results/imports.json.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adminToken, scratchDatabase, serverReachable, startServer, stopServer } from './server.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CATEGORIES = ['Irodaszer', 'Élelmiszer', 'Elektronika', 'Háztartás', 'Kávé és tea'];
/** The brief's bound for 100,000 products. */
const LIMIT_SECONDS = 60;

/** An EAN-13 with its check digit, from a 12-digit body. */
function ean13(body: string): string {
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

function productsCsv(rows: number): string {
  const lines = ['sku,name,description,category,unit_of_measure,unit_price,barcode,tracking,reorder_point'];
  for (let i = 1; i <= rows; i += 1) {
    const n = String(i).padStart(6, '0');
    lines.push(
      [
        `BENCH-${n}`,
        `Bench product ${n} kávé prémium`,
        `"Generated product ${i}, for the import benchmark"`,
        CATEGORIES[i % CATEGORIES.length],
        i % 4 === 0 ? 'kg' : 'pcs',
        ((i % 9_973) / 7 + 0.5).toFixed(2),
        ean13(`599${String(i).padStart(9, '0')}`),
        i % 10 === 0 ? 'lot' : 'none',
        String(i % 20),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

interface ImportState {
  id: string;
  status: string;
  rows_done: number;
  rows_total: number;
  error_count: number;
  created: Record<string, number> | null;
}

async function main() {
  const onServer = await serverReachable(SERVER_URL);
  const scratch = onServer ? await scratchDatabase(SERVER_URL, 'raktar_bench_imports') : undefined;
  const dataDir = onServer ? undefined : mkdtempSync(path.join(tmpdir(), 'raktar-bench-imports-'));
  if (dataDir) chmodSync(dataDir, 0o711);
  const { child, base } = await startServer({
    ...(scratch ? { DATABASE_URL: scratch.url } : { DATA_DIR: dataDir as string }),
    SCHEDULER_ENABLED: 'true',
  });
  try {
    const csv = productsCsv(ROWS);
    const auth = { authorization: `Bearer ${await adminToken(base)}` };
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'products.csv');
    console.log(`uploading ${ROWS.toLocaleString('en')} products (${(csv.length / 1e6).toFixed(1)} MB CSV)`);
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/imports/products?create_categories=true`, {
      method: 'POST',
      headers: auth,
      body: form,
    });
    const accepted = (await res.json()) as ImportState;
    if (res.status !== 202 && res.status !== 201)
      throw new Error(`upload: ${res.status} ${JSON.stringify(accepted)}`);
    const answeredMs = performance.now() - started;
    let state = accepted;
    while (state.status !== 'done' && state.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = (await (
        await fetch(`${base}/api/v1/imports/${accepted.id}`, { headers: auth })
      ).json()) as ImportState;
    }
    const seconds = (performance.now() - started) / 1000;
    if (state.status !== 'done') throw new Error(`import failed: ${JSON.stringify(state).slice(0, 2000)}`);
    const count = (await (
      await fetch(`${base}/api/v1/products?page_size=1&search=BENCH-`, { headers: auth })
    ).json()) as {
      total: number;
    };
    const figures = {
      database: onServer ? 'postgres' : 'embedded',
      rows: ROWS,
      answered_ms: Math.round(answeredMs),
      seconds: Number(seconds.toFixed(2)),
      rows_per_second: Math.round(ROWS / seconds),
      created: state.created,
      products_listed: count.total,
      within_limit: seconds < LIMIT_SECONDS,
      measured_at: new Date().toISOString(),
    };
    console.log(
      `${figures.database}: ${ROWS.toLocaleString('en')} products in ${figures.seconds} s ` +
        `(${figures.rows_per_second.toLocaleString('en')} rows/s; upload answered ${answeredMs.toFixed(0)} ms, ` +
        `${accepted.status})`,
    );
    mkdirSync(path.resolve('bench/results'), { recursive: true });
    writeFileSync(path.resolve('bench/results/imports.json'), `${JSON.stringify(figures, null, 2)}\n`);
    if (!figures.within_limit) process.exitCode = 1;
  } finally {
    await stopServer(child);
    await scratch?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
