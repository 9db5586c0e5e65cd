import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type Database, openPostgres } from '../../src/db/client.js';
import { withReplicas } from '../../src/db/open.js';
import { ReadReplicas } from '../../src/db/read-replicas.js';
import { ensureFirstAdmin } from '../../src/modules/identity/first-admin.js';
import { databaseUrl, onServer, uniqueDatabaseName } from './databases.js';

/** A fresh database for one test file: a clone of the migrated template on the suite's server. */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const serverUrl = inject('serverUrl');
  const name = uniqueDatabaseName('raktar_t');
  await onServer(serverUrl, `create database "${name}" template "${inject('serverTemplate')}"`);
  const database = await openPostgres(databaseUrl(serverUrl, name), 20);
  return {
    database,
    drop: async () => {
      await database.close();
      await onServer(serverUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

export const ADMIN_PASSWORD = 'Admin!pass1';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  close: () => Promise<void>;
}

/**
 * Builds the real app on a fresh database; routes may still be added before the first request.
 * `databaseReplicaUrls` in the overrides gives it read replicas, as DATABASE_REPLICA_URLS does.
 */
export async function buildTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const opened = await openTestDatabase();
  const replicaUrls = overrides.databaseReplicaUrls ?? [];
  const database =
    replicaUrls.length > 0
      ? withReplicas(opened.database, new ReadReplicas(replicaUrls, 2))
      : opened.database;
  const drop = async () => {
    await database.close();
    await opened.drop();
  };
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
      ADMIN_USERNAME: 'admin',
      ADMIN_EMAIL: 'admin@raktar.test',
      ADMIN_PASSWORD: ADMIN_PASSWORD,
      VALKEY_URL: process.env.TEST_VALKEY_URL,
      // Each app its own key space on a shared Valkey: no counters leak between tests or runs.
      VALKEY_PREFIX: `raktar-test:${randomUUID()}:`,
    },
    // The API alone unless a test asks for the UI: a built web/dist must not change other tests.
    { schedulerEnabled: false, webDir: '/nonexistent/raktar-web-ui', ...overrides },
  );
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const app = await buildApp({ config, database, logger: { level: 'info', stream } });
  await ensureFirstAdmin(database.db, config);
  return {
    app,
    database,
    config,
    logs,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}
