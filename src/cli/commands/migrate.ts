import { cliConfig, databaseLabel, withDatabase } from '../context.js';

/** `raktar migrate`: applies pending migrations to the configured database. */
export async function migrate(): Promise<void> {
  const config = cliConfig();
  const { runMigrations } = await import('../../db/migrate.js');
  const applied = await withDatabase(config, (database) => runMigrations(database), { migrate: false });
  console.log(`raktar: ${applied} migration(s) applied to the ${databaseLabel(config)} database`);
}
