// The API through PgBouncer in transaction mode (Debian's 1.18: no prepared-statement tracking),
// with DATABASE_DIRECT_URL for what needs a session and DB_PREPARED_STATEMENTS=false: migrations,
// postings under contention, idempotency, a streamed export, a pg-boss job and the change feed.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseUrl, onServer, uniqueDatabaseName } from '../helpers/databases.js';
import { call, signIn } from '../helpers/http.js';
import { type Pooler, startPgBouncer } from '../helpers/pgbouncer.js';
import { listeningPort, type RunningProcess, startProcess } from '../helpers/process.js';
import { waitFor } from '../helpers/wait.js';

const PASSWORD = 'Pooled!pw1';
const name = uniqueDatabaseName('raktar_pgb');
const server = inject('serverUrl');
let pooler: Pooler;
let proc: RunningProcess;
let base: string;
let admin: string;
let dataDir: string;

beforeAll(async () => {
  await onServer(server, `create database "${name}"`);
  pooler = await startPgBouncer(server, name);
  dataDir = mkdtempSync(path.join(tmpdir(), 'raktar-pgb-'));
  proc = startProcess('src/main.ts', {
    DATABASE_URL: pooler.url,
    DATABASE_DIRECT_URL: databaseUrl(server, name),
    DB_PREPARED_STATEMENTS: 'false',
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    JWT_SECRET: 'pgbouncer-secret-pgbouncer-secret-012345',
    ADMIN_PASSWORD: PASSWORD,
    PRINCIPAL_CACHE_SECONDS: '300',
    IMPORT_ASYNC_ROWS: '2',
  });
  base = `http://127.0.0.1:${await listeningPort(proc)}`;
  admin = await signIn(base, 'admin', PASSWORD);
}, 300_000);

afterAll(async () => {
  proc?.child.kill('SIGTERM');
  await proc?.exited;
  await pooler?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  await onServer(server, `drop database if exists "${name}" with (force)`);
}, 120_000);

describe('through PgBouncer in transaction mode', { timeout: 300_000 }, () => {
  it('posts 50 concurrent issues against 30 units: exactly 30, and the ledger verifies', async () => {
    const warehouse = await call(base, 'POST', '/warehouses', admin, { code: 'PGB', name: 'Pooled' });
    const product = await call(base, 'POST', '/products', admin, { sku: 'PGB-1', name: 'Pooled' });
    expect([warehouse.status, product.status]).toEqual([201, 201]);
    const stock = { product_id: product.body.id, warehouse_id: warehouse.body.id };
    expect(
      (
        await call(base, 'POST', '/stock-movements', admin, {
          ...stock,
          movement_type: 'receipt',
          quantity: 30,
        })
      ).status,
    ).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(base, 'POST', '/stock-movements', admin, { ...stock, movement_type: 'issue', quantity: 1 }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(30);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(20);
    const key = randomUUID();
    const receipt = { ...stock, movement_type: 'receipt', quantity: 2 };
    const first = await call(base, 'POST', '/stock-movements', admin, receipt, { 'idempotency-key': key });
    const again = await call(base, 'POST', '/stock-movements', admin, receipt, { 'idempotency-key': key });
    expect(again.body.id).toBe(first.body.id);
    expect((await call(base, 'GET', '/inventory/verify', admin)).body.ok).toBe(true);
    // A streamed export: a server-side cursor read over several round trips.
    const file = await call(base, 'GET', `/stock-movements?format=csv&product_id=${stock.product_id}`, admin);
    expect(file.status).toBe(200);
    expect(file.text.trim().split('\r\n')).toHaveLength(1 + 1 + 30 + 1);
  });

  it('runs an import as a pg-boss job to the end', async () => {
    const form = new FormData();
    const rows = ['sku,name', 'PGB-I1,One', 'PGB-I2,Two', 'PGB-I3,Three'].join('\n');
    form.append('file', new Blob([rows], { type: 'text/csv' }), 'products.csv');
    const res = await fetch(`${base}/api/v1/imports/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: form,
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    let status = '';
    await waitFor(
      async () => {
        status = (await call(base, 'GET', `/imports/${id}`, admin)).body.status;
        return status === 'done' || status === 'failed';
      },
      'the import job to finish',
      120_000,
    );
    expect(status).toBe('done');
  });

  it('hears a deactivation on its LISTEN connection to the server itself', async () => {
    const created = await call(base, 'POST', '/users', admin, {
      username: 'pooled',
      email: 'pooled@raktar.test',
      password: PASSWORD,
      role: 'viewer',
    });
    const user = await signIn(base, 'pooled', PASSWORD);
    expect((await call(base, 'GET', '/auth/me', user)).status).toBe(200);
    // Changed behind the API's back, as another instance would: only the NOTIFY tells this one.
    await onServer(
      databaseUrl(server, name),
      `update users set is_active = false where id = '${created.body.id}'; select pg_notify('raktar_changes', 'principal:${created.body.id}')`,
    );
    await waitFor(
      async () => (await call(base, 'GET', '/auth/me', user)).status === 401,
      'the user refused',
      10_000,
    );
  });
});
