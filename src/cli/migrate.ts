import { loadConfig, loadDotEnv } from '../config.js';
import { runMigrations } from '../db/migrate.js';
import { openConfiguredDatabase } from '../db/open.js';

/** `npm run migrate`: applies pending migrations to the configured database and exits. */
loadDotEnv();
try {
  const config = loadConfig();
  // With a running Raktar on DATA_DIR, this connects to its embedded server.
  const database = await openConfiguredDatabase(config, { attach: true });
  try {
    const applied = await runMigrations(database);
    const where = config.databaseUrl ? 'DATABASE_URL' : 'embedded';
    console.log(`raktar: ${applied} migration(s) applied to the ${where} database`);
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`raktar: migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
