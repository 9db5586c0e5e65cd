// Writes the API's OpenAPI document to web/openapi.json and generates web/src/api/schema.d.ts from
// it (openapi-typescript), so the UI's client is typed by the same schemas that validate requests.
// The app is built in this process on a scratch embedded database (or DATABASE_URL when set).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { runMigrations } from '../src/db/migrate.js';
import { openConfiguredDatabase } from '../src/db/open.js';
import { accessSource, schemaSource } from './web-client-sources.js';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'raktar-openapi-'));
// As root the embedded server runs as `postgres`, which must be able to enter the folder.
chmodSync(dataDir, 0o711);
const config = loadConfig(
  {
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.DATABASE_URL,
    JWT_SECRET: 'openapi-generation-only-secret-long-enough',
    WEB_DIR: dataDir,
  },
  { schedulerEnabled: false },
);
const database = await openConfiguredDatabase(config).catch((error: unknown) => {
  rmSync(dataDir, { recursive: true, force: true });
  throw error;
});
try {
  await runMigrations(database);
  const app = await buildApp({ config, database, logger: false });
  const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const access = accessSource(app);
  await app.close();
  writeFileSync(path.join(root, 'web/openapi.json'), `${JSON.stringify(spec, null, 2)}\n`);
  writeFileSync(path.join(root, 'web/src/api/schema.d.ts'), await schemaSource(spec));
  writeFileSync(path.join(root, 'web/src/api/access.gen.ts'), access);
  console.log(`web/src/api/schema.d.ts: ${Object.keys(spec.paths).length} paths`);
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
