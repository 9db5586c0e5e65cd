// Failover under write load with pg_auto_failover: a monitor, a primary and a synchronous
// secondary on loopback; the API reaches them through a multi-host DATABASE_URL. The primary's
// host dies (SIGKILL to its postgres and its pg_autoctl, which would otherwise restart postgres in
// place), the monitor promotes the secondary, and the API finds it by itself: every acknowledged
// movement is there and the ledger verifies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Formation, startFormation } from '../helpers/auto-failover.js';
import { type FailoverRun, writeThroughFailover } from '../helpers/failover-load.js';
import { call, signIn } from '../helpers/http.js';
import { sqlOn } from '../helpers/pg-cluster.js';
import { listeningPort, type RunningProcess, startProcess } from '../helpers/process.js';

const PASSWORD = 'Failover!pw1';
let formation: Formation;
let proc: RunningProcess;
let base: string;
let admin: string;
let dataDir: string;

beforeAll(async () => {
  formation = await startFormation();
  dataDir = mkdtempSync(path.join(tmpdir(), 'raktar-failover-api-'));
  proc = startProcess('src/main.ts', {
    DATABASE_URL: formation.url,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    JWT_SECRET: 'failover-secret-failover-secret-01234567',
    ADMIN_PASSWORD: PASSWORD,
  });
  base = `http://127.0.0.1:${await listeningPort(proc)}`;
  admin = await signIn(base, 'admin', PASSWORD);
}, 300_000);

afterAll(async () => {
  proc?.child.kill('SIGTERM');
  await proc?.exited;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await formation?.stop();
}, 120_000);

/** Every movement answered 201 is stored on `port`, every refusal was a 503, and the ledger verifies. */
async function expectNothingLost(run: FailoverRun, port: number): Promise<void> {
  const [stored] = await sqlOn<{ n: string }>(
    `postgres://postgres@127.0.0.1:${port}/raktar`,
    'select count(*) as n from stock_movements where id::text = any($1)',
    [run.acked],
  );
  expect(Number(stored?.n)).toBe(run.acked.length);
  const verify = await call(base, 'GET', '/inventory/verify', admin);
  expect(verify.status).toBe(200);
  expect(verify.body.ok).toBe(true);
  // Refused while there is no primary: 503 with Retry-After, never a 500.
  const ids = proc.stdout.flatMap((line) => /"request_id":"([^"]+)".*"status":500/.exec(line)?.[1] ?? []);
  const internal = proc.stdout.filter(
    (line) => ids.some((id) => line.includes(id)) && line.includes('"err"'),
  );
  expect(Object.keys(run.failedStatuses), internal.slice(0, 2).join('\n')).toEqual(['503']);
  expect(run.stallSeconds).toBeLessThan(60);
}

describe('failover through a multi-host DATABASE_URL (pg_auto_failover)', { timeout: 180_000 }, () => {
  it('keeps every acknowledged movement when the primary dies under write load, and the ledger verifies', async () => {
    const warehouse = await call(base, 'POST', '/warehouses', admin, { code: 'FO', name: 'Failover' });
    const product = await call(base, 'POST', '/products', admin, { sku: 'FO-1', name: 'Failover' });
    expect([warehouse.status, product.status]).toEqual([201, 201]);
    const stock = { product_id: product.body.id, warehouse_id: warehouse.body.id };

    // The host lost (postgres and pg_autoctl): the monitor promotes the secondary.
    const first = await formation.primary();
    const failedOver = await writeThroughFailover(base, admin, stock, formation, { kill: 'host' });
    const promoted = await formation.primary();
    expect(promoted.port).not.toBe(first.port);
    await expectNothingLost(failedOver, promoted.port);
    console.info(
      `failover: ${failedOver.acked.length} acknowledged, ${failedOver.failed} refused ${JSON.stringify(failedOver.failedStatuses)}, downtime ${failedOver.downtimeSeconds.toFixed(1)} s, writes stalled ${failedOver.stallSeconds.toFixed(1)} s`,
    );
  });
});
