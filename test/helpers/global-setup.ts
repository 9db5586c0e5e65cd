import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../src/db/client.js';
import { EmbeddedPostgres } from '../../src/db/embedded/server.js';
import { runMigrations } from '../../src/db/migrate.js';
import { databaseUrl, onServer, uniqueDatabaseName } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server the suite runs on: TEST_DATABASE_URL, or the embedded server started here. */
    serverUrl: string;
    /** A migrated database on that server that each test file clones. */
    serverTemplate: string;
  }
}

/** The embedded server for a run without TEST_DATABASE_URL; its data is thrown away afterwards. */
async function startEmbedded(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'raktar-test-'));
  // As root the server runs as another user, which must be able to enter the folder.
  chmodSync(dir, 0o711);
  const server = new EmbeddedPostgres({
    dataDir: dir,
    // Nothing here must survive a crash: skip the disk flushes that make commits durable.
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
  });
  try {
    const { url } = await server.start();
    return {
      url,
      stop: async () => {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Migrates once into a template database; every test file then starts from a copy of it. */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL || undefined;
  const server = external ? { url: external, stop: async () => {} } : await startEmbedded();
  const name = uniqueDatabaseName('raktar_tpl');
  try {
    await onServer(server.url, `create database "${name}"`);
    const database = await openPostgres(databaseUrl(server.url, name), 2);
    await runMigrations(database);
    await database.close();
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide('serverUrl', server.url);
  project.provide('serverTemplate', name);
  return async () => {
    await onServer(server.url, `drop database if exists "${name}" with (force)`).catch(() => {});
    await server.stop();
  };
}
