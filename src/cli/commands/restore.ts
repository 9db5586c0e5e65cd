import { existsSync } from 'node:fs';
import { restoreDump, userTableCount } from '../../db/backup/pg-dump.js';
import { physicalRestore, RestoreRefusedError } from '../../db/backup/physical-restore.js';
import { lockDataDir } from '../../db/data-dir-lock.js';
import { serverOsUser } from '../../db/embedded/os-user.js';
import { CliError, cliConfig, databaseLabel, withDatabase } from '../context.js';
import { Progress } from '../progress.js';
import { verifyLedger, verifySummary } from './verify.js';

/** Unpacks a physical backup into DATA_DIR, which no running Raktar may own. */
async function restoreEmbedded(file: string, dataDir: string, force: boolean): Promise<void> {
  const unlock = await lockDataDir(dataDir);
  try {
    const progress = new Progress('unpacked', 'bytes');
    const { manifest, setAside } = await physicalRestore({
      archive: file,
      dataDir,
      force,
      serverUser: serverOsUser(),
      onBytes: (bytes) => progress.set(bytes),
    });
    progress.finish();
    console.log(
      `raktar: unpacked the backup of ${manifest.finished_at} (PostgreSQL ${manifest.server_version}) into ${dataDir}`,
    );
    if (setAside) console.log(`  what DATA_DIR held before is kept in ${setAside}`);
  } finally {
    await unlock();
  }
}

/**
 * `raktar restore FILE`: a `.tar.gz` into an empty DATA_DIR (the embedded server replays its WAL
 * when it starts), or a `.dump` into the DATABASE_URL database through pg_restore; then verify.
 */
export async function restore(file: string, options: { force?: boolean }): Promise<void> {
  const config = cliConfig();
  const force = options.force === true;
  if (!existsSync(file)) throw new CliError(`no backup file ${file}`);
  try {
    if (config.databaseUrl) {
      if (!file.endsWith('.dump')) {
        throw new CliError(
          `${file} is not a pg_dump file (.dump); a .tar.gz restores the embedded server only`,
        );
      }
      if (!force && (await userTableCount(config.databaseUrl)) > 0) {
        throw new CliError(
          'the DATABASE_URL database is not empty; restore into an empty database, or add --force to replace what it holds',
        );
      }
      await restoreDump(config.databaseUrl, file, force);
      console.log(`raktar: restored ${file} into the DATABASE_URL database`);
    } else {
      if (!file.endsWith('.tar.gz')) {
        throw new CliError(
          `${file} is not a backup of the embedded server (.tar.gz); a .dump restores with DATABASE_URL`,
        );
      }
      await restoreEmbedded(file, config.dataDir, force);
    }
  } catch (error) {
    if (error instanceof RestoreRefusedError) throw new CliError(error.message);
    throw error;
  }
  // Starting the server recovers the embedded cluster; then every balance is checked against the ledger.
  const report = await withDatabase(config, (database) => verifyLedger(database.db));
  console.log(`${verifySummary(report)} on the restored ${databaseLabel(config)} database`);
  if (!report.ok) throw new CliError('the restored balances do not match the ledger');
}
