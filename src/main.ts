import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig, loadDotEnv } from './config.js';
import type { Database } from './db/client.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { EmbeddedUnavailableError } from './db/embedded/binaries.js';
import { runMigrations } from './db/migrate.js';
import { LegacyDataDirError, openConfiguredDatabase } from './db/open.js';
import { demoSummaryLine, isEmptySite, seedDemo } from './demo/seed-demo.js';
import { ensureFirstAdmin, operatorAccessToken, resolveJwtSecret } from './modules/identity/index.js';

/** Migrates, builds the app and listens; shutdown stops the API first, then the database. */
async function serve(database: Database, loaded: Config, started: number): Promise<void> {
  const applied = await runMigrations(database);
  const jwt = resolveJwtSecret(loaded);
  const config = { ...loaded, jwtSecret: jwt.secret };
  const app = await buildApp({ config, database });
  if (jwt.generated)
    app.log.warn(
      'JWT_SECRET is not set: using a generated secret kept in DATA_DIR (set JWT_SECRET in production)',
    );
  const admin = await ensureFirstAdmin(database.db, config);
  if (admin?.generatedPassword) {
    // Printed once, on the first start only: the password is stored nowhere in clear.
    console.log(
      `\n  First administrator created.\n    username: ${admin.username}\n    password: ${admin.generatedPassword}\n  Change it after signing in (POST /api/v1/auth/change-password).\n`,
    );
  } else if (admin) {
    app.log.info({ username: admin.username }, 'first administrator created from ADMIN_PASSWORD');
  }
  if (config.demo || process.argv.includes('--demo')) {
    // Loaded before the API listens, so the first request already sees the whole demo.
    const token = await operatorAccessToken(database.db, config);
    if (await isEmptySite(app, token)) {
      app.log.info('loading the demo site');
      app.log.info(demoSummaryLine(await seedDemo(app, token)));
    } else app.log.info('demo site not loaded: the database already holds data');
  }
  const { embedded } = database;
  app.log.info(
    {
      database: embedded ? 'embedded' : 'DATABASE_URL',
      migrations_applied: applied,
      ...(embedded
        ? { server_version: embedded.version, data_dir: embedded.dataDir, port: embedded.port }
        : {}),
    },
    'database ready',
  );

  closeWithGrace({ delay: config.shutdownTimeoutMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    // Stop accepting, let in-flight requests finish, stop jobs; then close the database cleanly.
    await app.close();
    await database.close();
  });

  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    { startup_ms: Math.round(performance.now() - started) },
    `Raktar ready; API docs at http://${config.host}:${config.port}/docs`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  loadDotEnv();
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, {
    log: (message) => console.log(`raktar: ${message}`),
  });
  try {
    await serve(database, config, started);
  } catch (error) {
    // Never leave an embedded server running behind a failed start.
    await database.close().catch(() => {});
    throw error;
  }
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirInUseError ||
    error instanceof EmbeddedUnavailableError ||
    error instanceof LegacyDataDirError
  ) {
    console.error(`raktar: ${error.message}`);
  } else {
    console.error('raktar: failed to start:', error);
  }
  process.exit(1);
});
