import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { databaseUrl, onServer, serverUrl, uniqueDatabaseName } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory dump, loaded by each test file. */
    pgliteTemplate: string;
    /** A migrated database on the server that each test file clones (TEST_DATABASE_URL only). */
    serverTemplate: string;
  }
}

/** Migrates once into a template; every test file then starts from a copy of it. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'raktar-test-'));
  if (serverUrl) {
    const name = uniqueDatabaseName('raktar_tpl');
    await onServer(serverUrl, `create database "${name}"`);
    const database = await openPostgres(databaseUrl(serverUrl, name), 2);
    await runMigrations(database);
    await database.close();
    project.provide('serverTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      await onServer(serverUrl as string, `drop database if exists "${name}" with (force)`);
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const database = await openPglite();
  await runMigrations(database);
  const dump = await database.client.dumpDataDir('none');
  await database.close();
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('serverTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}
