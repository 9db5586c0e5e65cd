// Reads on a real hot standby: a primary of its own (initdb) and a standby copied from it with
// pg_basebackup -R, the API started with DATABASE_REPLICA_URLS. Pausing the standby's replay
// shows which reads it serves: another user's list lags, the writer's own read never does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn } from '../helpers/http.js';
import { type Cluster, sqlOn, startPrimary, startStandby } from '../helpers/pg-cluster.js';
import { listeningPort, type RunningProcess, startProcess } from '../helpers/process.js';
import { startValkeyServer } from '../helpers/valkey-server.js';
import { waitFor } from '../helpers/wait.js';

const PASSWORD = 'Replica!pw1';
let primary: Cluster;
let standby: Cluster;
let proc: RunningProcess;
let base: string;
let admin: string;
let viewer: string;
let dataDir: string;
const stock: Record<string, string> = {};

const inDb = (cluster: Cluster) => cluster.url.replace(/\/postgres$/, '/raktar');
const skus = (body: { items: { sku: string }[] }) => body.items.map((item) => item.sku).sort();

async function replayPaused(paused: boolean, replica: Cluster = standby): Promise<void> {
  await sqlOn(replica.url, paused ? 'select pg_wal_replay_pause()' : 'select pg_wal_replay_resume()');
  await waitFor(
    async () => {
      const [row] = await sqlOn<{ state: string }>(
        replica.url,
        'select pg_get_wal_replay_pause_state() as state',
      );
      return paused ? row?.state === 'paused' : row?.state === 'not paused';
    },
    `replay ${paused ? 'paused' : 'resumed'}`,
    30_000,
  );
}

/** Until the standby has replayed everything the primary has written so far. */
async function caughtUp(replica: Cluster = standby): Promise<void> {
  const [row] = await sqlOn<{ lsn: string }>(primary.url, 'select pg_current_wal_lsn()::text as lsn');
  await waitFor(
    async () =>
      (
        await sqlOn<{ ok: boolean }>(replica.url, 'select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [
          row?.lsn,
        ])
      )[0]?.ok === true,
    'the standby to replay the primary',
    60_000,
  );
}

beforeAll(async () => {
  primary = await startPrimary();
  await sqlOn(primary.url, 'create database raktar');
  standby = await startStandby(primary);
  dataDir = mkdtempSync(path.join(tmpdir(), 'raktar-replicas-'));
  proc = startProcess('src/main.ts', {
    DATABASE_URL: inDb(primary),
    DATABASE_REPLICA_URLS: inDb(standby),
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    JWT_SECRET: 'replica-secret-replica-secret-0123456789',
    ADMIN_PASSWORD: PASSWORD,
  });
  base = `http://127.0.0.1:${await listeningPort(proc)}`;
  admin = await signIn(base, 'admin', PASSWORD);
  const user = await call(base, 'POST', '/users', admin, {
    username: 'looker',
    email: 'looker@raktar.test',
    password: PASSWORD,
    role: 'viewer',
  });
  expect(user.status).toBe(201);
  viewer = await signIn(base, 'looker', PASSWORD);
  const warehouse = await call(base, 'POST', '/warehouses', admin, { code: 'REP', name: 'Replicated' });
  const product = await call(base, 'POST', '/products', admin, { sku: 'REP-0', name: 'First' });
  expect([warehouse.status, product.status]).toEqual([201, 201]);
  stock.warehouse_id = warehouse.body.id;
  stock.product_id = product.body.id;
  await caughtUp();
}, 300_000);

afterAll(async () => {
  proc?.child.kill('SIGTERM');
  await proc?.exited;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  standby?.remove();
  primary?.remove();
}, 120_000);

describe('read replicas (DATABASE_REPLICA_URLS)', { timeout: 120_000 }, () => {
  it("serves other users' lists, reports and exports from the standby: they lag while replay is paused, and match the primary after", async () => {
    await replayPaused(true);
    try {
      const added = await call(base, 'POST', '/products', admin, { sku: 'REP-1', name: 'While paused' });
      const receipt = await call(base, 'POST', '/stock-movements', admin, {
        ...stock,
        movement_type: 'receipt',
        quantity: 7,
      });
      expect([added.status, receipt.status]).toEqual([201, 201]);
      // The viewer reads the standby, which has not replayed the writes.
      const lagging = await call(base, 'GET', '/products', viewer);
      expect(lagging.status).toBe(200);
      expect(skus(lagging.body)).toEqual(['REP-0']);
      const report = await call(
        base,
        'GET',
        `/reports/stock-on-hand?warehouse_id=${stock.warehouse_id}`,
        viewer,
      );
      expect(report.status).toBe(200);
      expect(JSON.stringify(report.body)).not.toContain(stock.product_id);
      const file = await call(base, 'GET', '/products?format=csv', viewer);
      expect(file.status).toBe(200);
      expect(file.text).not.toContain('REP-1');
      // The writer reads its own writes: from the primary, until the standby has them.
      const own = await call(base, 'GET', '/products', admin);
      expect(skus(own.body)).toEqual(['REP-0', 'REP-1']);
    } finally {
      await replayPaused(false);
    }
    await waitFor(
      async () => skus((await call(base, 'GET', '/products', viewer)).body).length === 2,
      'the viewer to see the replayed product',
      60_000,
    );
    for (const route of ['/products', `/reports/stock-on-hand?warehouse_id=${stock.warehouse_id}`]) {
      const fromReplica = await call(base, 'GET', route, viewer);
      const fromPrimary = await call(base, 'GET', route, admin);
      expect(fromReplica.status).toBe(200);
      expect(fromReplica.body).toEqual(fromPrimary.body);
    }
    const report = await call(
      base,
      'GET',
      `/reports/stock-on-hand?warehouse_id=${stock.warehouse_id}`,
      viewer,
    );
    expect(JSON.stringify(report.body)).toContain(stock.product_id);
  });

  it('never shows a writer a list without the movement it just posted, with replay paused', async () => {
    await caughtUp();
    await replayPaused(true);
    const postedIds: string[] = [];
    try {
      for (let i = 1; i <= 10; i += 1) {
        const posted = await call(base, 'POST', '/stock-movements', admin, {
          ...stock,
          movement_type: 'receipt',
          quantity: 1,
          notes: `ryow-${i}`,
        });
        expect(posted.status).toBe(201);
        postedIds.push(posted.body.id);
        const list = await call(
          base,
          'GET',
          `/stock-movements?product_id=${stock.product_id}&limit=100`,
          admin,
        );
        expect(list.status).toBe(200);
        expect(list.body.items.map((m: { id: string }) => m.id)).toContain(posted.body.id);
      }
      const others = await call(
        base,
        'GET',
        `/stock-movements?product_id=${stock.product_id}&limit=100`,
        viewer,
      );
      expect(others.status).toBe(200);
      const seen = new Set(others.body.items.map((m: { id: string }) => m.id));
      expect(postedIds.filter((id) => seen.has(id))).toEqual([]);
    } finally {
      await replayPaused(false);
    }
  });

  it('reads from the primary while the standby is down', async () => {
    standby.stop();
    try {
      for (const token of [viewer, admin]) {
        const list = await call(base, 'GET', '/products', token);
        expect(list.status).toBe(200);
        expect(skus(list.body)).toEqual(['REP-0', 'REP-1']);
      }
      const file = await call(base, 'GET', '/products?format=csv', viewer);
      expect(file.status).toBe(200);
      expect(file.text).toContain('REP-1');
    } finally {
      await standby.start();
    }
    await caughtUp();
    await waitFor(
      async () => (await call(base, 'GET', '/products', viewer)).status === 200,
      'reads on the restarted standby',
      30_000,
    );
  });
});

describe('read-your-own-writes across instances and replicas (VALKEY_URL)', { timeout: 180_000 }, () => {
  let second: Cluster;
  let valkey: { url: string; stop: () => Promise<void> };
  const instances: { proc: RunningProcess; base: string; dataDir: string }[] = [];

  beforeAll(async () => {
    second = await startStandby(primary);
    valkey = await startValkeyServer();
    for (let i = 0; i < 2; i += 1) {
      const dir = mkdtempSync(path.join(tmpdir(), 'raktar-replicas-shared-'));
      const instance = startProcess('src/main.ts', {
        DATABASE_URL: inDb(primary),
        DATABASE_REPLICA_URLS: `${inDb(standby)},${inDb(second)}`,
        VALKEY_URL: valkey.url,
        DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        JWT_SECRET: 'replica-secret-replica-secret-0123456789',
        ADMIN_PASSWORD: PASSWORD,
      });
      instances.push({ proc: instance, dataDir: dir, base: '' });
      const entry = instances.at(-1) as (typeof instances)[number];
      entry.base = `http://127.0.0.1:${await listeningPort(instance)}`;
    }
  }, 300_000);

  afterAll(async () => {
    for (const { proc: instance, dataDir: dir } of instances) {
      instance.child.kill('SIGTERM');
      await instance.exited;
      rmSync(dir, { recursive: true, force: true });
    }
    await valkey?.stop();
    second?.remove();
  }, 120_000);

  it("keeps a writer's reads on another instance off a replica that has not replayed the write, whichever replica is next", async () => {
    const [first, other] = instances as [(typeof instances)[number], (typeof instances)[number]];
    await caughtUp(standby);
    await caughtUp(second);
    // One replica keeps up, the other stops replaying: reads go to them in turn.
    await replayPaused(true, second);
    try {
      for (let i = 1; i <= 5; i += 1) {
        const posted = await call(first.base, 'POST', '/stock-movements', admin, {
          ...stock,
          movement_type: 'receipt',
          quantity: 1,
          notes: `shared-${i}`,
        });
        expect(posted.status).toBe(201);
        for (let read = 0; read < 4; read += 1) {
          const list = await call(
            other.base,
            'GET',
            `/stock-movements?product_id=${stock.product_id}&limit=100`,
            admin,
          );
          expect(list.status).toBe(200);
          expect(list.body.items.map((m: { id: string }) => m.id)).toContain(posted.body.id);
        }
      }
      // Another user reading on that instance still reads the replicas (and sees the lag).
      const lagging = new Set<number>();
      for (let read = 0; read < 4; read += 1) {
        const list = await call(
          other.base,
          'GET',
          `/stock-movements?product_id=${stock.product_id}&limit=100`,
          viewer,
        );
        lagging.add(list.body.items.filter((m: { notes: string }) => m.notes?.startsWith('shared-')).length);
      }
      expect(lagging.has(0)).toBe(true);
    } finally {
      await replayPaused(false, second);
    }
  });
});
