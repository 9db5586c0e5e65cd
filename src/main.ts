import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { runMigrations } from './db/migrate.js';
import { openConfiguredDatabase } from './db/open.js';

async function main(): Promise<void> {
  const started = performance.now();
  loadDotEnv();
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  const applied = await runMigrations(database);
  const app = await buildApp({ config, database });
  app.log.info(
    {
      database: database.kind,
      migrations_applied: applied,
      data_dir: database.kind === 'pglite' ? config.dataDir : undefined,
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

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(`raktar: ${error.message}`);
  } else {
    console.error('raktar: failed to start:', error);
  }
  process.exit(1);
});
