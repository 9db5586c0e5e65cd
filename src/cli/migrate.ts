import { loadConfig, loadDotEnv } from '../config.js';
import { runMigrations } from '../db/migrate.js';
import { openConfiguredDatabase } from '../db/open.js';

/** `npm run migrate`: applies pending migrations to the configured database and exits. */
loadDotEnv();
try {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    const applied = await runMigrations(database);
    console.log(`raktar: ${applied} migration(s) applied to the ${database.kind} database`);
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`raktar: migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
