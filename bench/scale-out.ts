// `npm run bench:scale-out`: one API instance against three behind HAProxy (round-robin), on one
// PostgreSQL server, at 32 connections: the mixed stock write (50/50 receipts and issues of 1–10
// on 200 products) and a read (a product list page). Each instance has the pool one instance has
// alone divided by the instances, so the database sees as many connections either way.
// Figures: bench/results/scale-out.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startHaproxy } from '../test/helpers/haproxy.js';
import { type Load, type LoadFigures, measure, mixedWrites, warmUp } from './load.js';
import { adminToken, POOL_SIZE, scratchDatabase, startServer, stopServer } from './server.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PRODUCTS = 200;
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function post(base: string, token: string, url: string, body: object): Promise<{ id: string }> {
  const res = await fetch(`${base}/api/v1${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

async function workloads(base: string, token: string, warehouseId: string, products: string[]) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const write = mixedWrites(headers, warehouseId, products);
  const read: Load = { method: 'GET', path: '/api/v1/products?page_size=50', headers };
  const figures: Record<string, LoadFigures> = {};
  for (const [name, load] of Object.entries({ write, read })) {
    await warmUp(base, load, CONNECTIONS, 5);
    figures[name] = await measure(base, load, CONNECTIONS, SECONDS);
    const f = figures[name];
    console.log(`   ${name}: ${f?.requests_per_second} req/s, p99 ${f?.p99_ms} ms, errors ${f?.errors}`);
  }
  return figures;
}

console.log('== npm run build');
if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) throw new Error('build failed');
const { url, drop } = await scratchDatabase(SERVER_URL, 'raktar_bench_scale');
const results: Record<string, Record<string, LoadFigures>> = {};
try {
  const first = await startServer({ DATABASE_URL: url, DB_POOL_SIZE: String(POOL_SIZE) }, { compiled: true });
  const token = await adminToken(first.base);
  const warehouse = await post(first.base, token, '/warehouses', { code: 'SCALE', name: 'Scale-out' });
  const products: string[] = [];
  for (let i = 0; i < PRODUCTS; i++) {
    const product = await post(first.base, token, '/products', { sku: `SCALE-${i}`, name: `Scale ${i}` });
    await post(first.base, token, '/stock-movements', {
      product_id: product.id,
      warehouse_id: warehouse.id,
      movement_type: 'receipt',
      quantity: 1_000_000,
    });
    products.push(product.id);
  }
  console.log(`== one instance (pool ${POOL_SIZE}), ${CONNECTIONS} connections`);
  results.one_instance = await workloads(first.base, token, warehouse.id, products);
  await stopServer(first.child);

  const pool = String(Math.max(1, Math.round(POOL_SIZE / 3)));
  const three = await Promise.all(
    [1, 2, 3].map(() => startServer({ DATABASE_URL: url, DB_POOL_SIZE: pool }, { compiled: true })),
  );
  const balancer = await startHaproxy(three.map((server) => Number(new URL(server.base).port)));
  try {
    console.log(`== three instances behind HAProxy (pool ${pool} each), ${CONNECTIONS} connections`);
    results.three_instances = await workloads(balancer.base, token, warehouse.id, products);
  } finally {
    await balancer.stop();
    await Promise.all(three.map((server) => stopServer(server.child)));
  }
  const ratio = (name: string) =>
    Math.round(
      ((results.three_instances?.[name]?.requests_per_second ?? 0) /
        (results.one_instance?.[name]?.requests_per_second ?? 1)) *
        100,
    ) / 100;
  console.log(`== three ÷ one: write ${ratio('write')}×, read ${ratio('read')}×`);
  const file = path.resolve(import.meta.dirname, 'results/scale-out.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ measured_at: new Date().toISOString(), connections: CONNECTIONS, seconds: SECONDS, pool_size: POOL_SIZE, results, ratio: { write: ratio('write'), read: ratio('read') } }, null, 2)}\n`,
  );
} finally {
  await drop();
}
