import { copyLegacyData, hasLegacyData, legacyDir } from '../../db/legacy-pglite.js';
import { runMigrations } from '../../db/migrate.js';
import { openConfiguredDatabase } from '../../db/open.js';
import { CliError, cliConfig, databaseLabel } from '../context.js';

/**
 * `raktar migrate-embedded`: moves the data of the earlier embedded engine (PGlite, in
 * DATA_DIR/pglite) into the embedded PostgreSQL server in the same DATA_DIR, or into the
 * DATABASE_URL server when that is set (its user must be a superuser).
 */
export async function migrateEmbedded(): Promise<void> {
  const config = cliConfig();
  if (!hasLegacyData(config.dataDir)) {
    throw new CliError(`no PGlite database in ${legacyDir(config.dataDir)}: nothing to migrate`);
  }
  const database = await openConfiguredDatabase(config, { ignoreLegacy: true });
  try {
    await runMigrations(database);
    const copied = await copyLegacyData(config.dataDir, database, (line) => console.log(`  ${line}`));
    const rows = copied.reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `raktar: copied ${rows} row(s) in ${copied.length} table(s) into the ${databaseLabel(config)} database; ` +
        `the old folder is kept as ${config.dataDir}/pglite.migrated-…`,
    );
  } finally {
    await database.close();
  }
}
