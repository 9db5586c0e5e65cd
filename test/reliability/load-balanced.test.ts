// Three API processes behind HAProxy (round-robin) on one PostgreSQL database: started at once
// (migrations and the first admin race), they share stock, idempotency keys, who is signed in,
// and the scheduler's ticks as one service would.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseUrl, onServer, uniqueDatabaseName } from '../helpers/databases.js';
import { type Balancer, startHaproxy } from '../helpers/haproxy.js';
import { call, signIn } from '../helpers/http.js';
import { listeningPort, type RunningProcess, startProcess } from '../helpers/process.js';
import { waitFor } from '../helpers/wait.js';

const INSTANCES = 3;
const UNITS = 60;
const ISSUES = 100;
const PASSWORD = 'Balance!d1';

const name = uniqueDatabaseName('raktar_lb');
const url = databaseUrl(inject('serverUrl'), name);
const folders: string[] = [];
let procs: RunningProcess[] = [];
let ports: number[] = [];
let lb: Balancer;
let admin: string;

/** Requests to `route` each instance logged (every request is logged at info level). */
const served = (route: string) =>
  procs.map((proc) => proc.stdout.filter((line) => line.includes(`"path":"${route}"`)).length);

beforeAll(async () => {
  await onServer(inject('serverUrl'), `create database "${name}"`);
  // All at once: the migrations and the first admin race, as they do when a deployment scales up.
  procs = Array.from({ length: INSTANCES }, () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'raktar-lb-'));
    folders.push(dataDir);
    return startProcess('src/main.ts', {
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      JWT_SECRET: 'load-balanced-secret-load-balanced-0123',
      ADMIN_PASSWORD: PASSWORD,
      // Only LISTEN/NOTIFY can make a change reach the other instances before this.
      PRINCIPAL_CACHE_SECONDS: '300',
      ALERT_LOW_STOCK_CRON: '* * * * *',
    });
  });
  ports = await Promise.all(procs.map((proc) => listeningPort(proc)));
  lb = await startHaproxy(ports);
  admin = await signIn(lb.base, 'admin', PASSWORD);
}, 300_000);

afterAll(async () => {
  await lb?.stop();
  for (const proc of procs) proc.child.kill('SIGTERM');
  await Promise.all(procs.map((proc) => proc.exited));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  await onServer(inject('serverUrl'), `drop database if exists "${name}" with (force)`);
}, 120_000);

describe(`${INSTANCES} instances behind HAProxy on one database`, { timeout: 300_000 }, () => {
  it(`${ISSUES} concurrent issues of one unit against ${UNITS}: exactly ${UNITS} post, over every instance`, async () => {
    const warehouse = await call(lb.base, 'POST', '/warehouses', admin, { code: 'LB', name: 'Balanced' });
    expect(warehouse.status).toBe(201);
    const product = await call(lb.base, 'POST', '/products', admin, { sku: 'LB-1', name: 'Balanced' });
    expect(product.status).toBe(201);
    const stock = { product_id: product.body.id, warehouse_id: warehouse.body.id };
    const receipt = await call(lb.base, 'POST', '/stock-movements', admin, {
      ...stock,
      movement_type: 'receipt',
      quantity: UNITS,
    });
    expect(receipt.status).toBe(201);
    const before = served('/api/v1/stock-movements');
    const answers = await Promise.all(
      Array.from({ length: ISSUES }, () =>
        call(lb.base, 'POST', '/stock-movements', admin, { ...stock, movement_type: 'issue', quantity: 1 }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(UNITS);
    expect(statuses.filter((s) => s === 409)).toHaveLength(ISSUES - UNITS);
    // Round-robin: each instance took its share of the race. Their log lines come through pipes
    // that may trail the answers, so wait until every request is in some instance's log.
    const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
    await waitFor(
      () => sum(served('/api/v1/stock-movements')) >= sum(before) + ISSUES,
      'every issue logged by an instance',
    );
    const after = served('/api/v1/stock-movements');
    expect(after.map((n, i) => n - (before[i] ?? 0)).every((n) => n >= ISSUES / INSTANCES / 2)).toBe(true);
    const balance = await call(lb.base, 'GET', `/inventory/balances?product_id=${stock.product_id}`, admin);
    expect(balance.body.items.reduce((sum: number, b: { on_hand: number }) => sum + b.on_hand, 0)).toBe(0);
    const verify = await call(lb.base, 'GET', '/inventory/verify', admin);
    expect(verify.body.ok).toBe(true);
  });

  it('one Idempotency-Key sent to every instance at once posts once, and every answer is that posting', async () => {
    const warehouse = await call(lb.base, 'POST', '/warehouses', admin, { code: 'LB2', name: 'Keys' });
    const product = await call(lb.base, 'POST', '/products', admin, { sku: 'LB-2', name: 'Keyed' });
    const key = randomUUID();
    const body = {
      product_id: product.body.id,
      warehouse_id: warehouse.body.id,
      movement_type: 'receipt',
      quantity: 5,
    };
    const answers = await Promise.all(
      Array.from({ length: 4 * INSTANCES }, (_, i) =>
        call(`http://127.0.0.1:${ports[i % INSTANCES]}`, 'POST', '/stock-movements', admin, body, {
          'idempotency-key': key,
        }),
      ),
    );
    // A retry that meets the original still in flight may be told so (409); none posts again.
    const posted = answers.filter((a) => a.status === 201);
    expect(posted.length).toBeGreaterThan(0);
    expect(answers.every((a) => a.status === 201 || a.body?.error_code === 'IDEMPOTENCY_KEY_IN_USE')).toBe(
      true,
    );
    expect(new Set(posted.map((a) => a.body.id)).size).toBe(1);
    const movements = await call(lb.base, 'GET', `/stock-movements?product_id=${product.body.id}`, admin);
    expect(movements.body.total).toBe(1);
  });

  it('a user deactivated through one instance is refused by every instance at once', async () => {
    const created = await call(lb.base, 'POST', '/users', admin, {
      username: 'lbuser',
      email: 'lbuser@raktar.test',
      password: PASSWORD,
      role: 'viewer',
    });
    expect(created.status).toBe(201);
    const user = await signIn(lb.base, 'lbuser', PASSWORD);
    // Every instance has the user in its memory.
    for (const port of ports)
      expect((await call(`http://127.0.0.1:${port}`, 'GET', '/auth/me', user)).status).toBe(200);
    expect(
      (await call(`http://127.0.0.1:${ports[0]}`, 'DELETE', `/users/${created.body.id}`, admin)).status,
    ).toBe(200);
    // Well within PRINCIPAL_CACHE_SECONDS (300): told through PostgreSQL, not by expiry.
    await waitFor(
      async () => {
        const answers = await Promise.all(
          ports.map((port) => call(`http://127.0.0.1:${port}`, 'GET', '/auth/me', user)),
        );
        return answers.every((a) => a.status === 401);
      },
      'every instance refusing the deactivated user',
      10_000,
    );
  });

  it('runs a scheduled job once per tick, whichever instance takes it', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // pg-boss turns a tick into a '__pgboss__send-it' job keyed by the job's name, unique per
      // minute across all instances, whose worker then queues the job itself. The job is created
      // when that worker runs, seconds later on a loaded machine, so two ticks' jobs may fall in
      // one minute: count ticks by the send-it jobs, and the jobs against them.
      const counts = async () =>
        (
          await client.query<{ ticks: number; jobs: number }>(
            `with sent as (
               select singleton_on from pgboss.job
                where name = '__pgboss__send-it' and singleton_key = $1 and state = 'completed'
               union all select singleton_on from pgboss.archive
                where name = '__pgboss__send-it' and singleton_key = $1 and state = 'completed')
             select (select count(*) from sent)::int as ticks,
                    (select count(*) from (select id from pgboss.job where name = $1
                                           union all select id from pgboss.archive where name = $1) j)::int
                      as jobs`,
            ['alerts-low-stock'],
          )
        ).rows[0];
      // Cron runs every minute on all three: wait for two ticks, each having queued its one job
      // (one per tick stays unequal if every instance queued its own), however slow the machine.
      await waitFor(
        async () => {
          const now = await counts();
          return now !== undefined && now.ticks >= 2 && now.jobs === now.ticks;
        },
        'two ticks of alerts-low-stock, one job each',
        200_000,
      );
      const done = await client.query<{ n: number }>(
        `select count(*)::int as n from (select state from pgboss.job where name = 'alerts-low-stock'
         union all select state from pgboss.archive where name = 'alerts-low-stock') j where state = 'completed'`,
      );
      expect(done.rows[0]?.n).toBeGreaterThanOrEqual(1);
    } finally {
      await client.end();
    }
  });
});
