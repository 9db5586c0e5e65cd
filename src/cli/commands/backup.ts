import { takeBackup } from '../../db/backup/backup.js';
import { pruneBackups } from '../../db/backup/backup-files.js';
import { CliError, cliConfig, databaseLabel, withDatabase } from '../context.js';
import { Progress } from '../progress.js';

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * `raktar backup`: one stamped file in BACKUP_DIR. The embedded server is started for it when
 * Raktar is not running, and backed up while it runs otherwise (writes go on meanwhile).
 */
export async function backup(options: { keep?: string }): Promise<void> {
  const config = cliConfig();
  const keep = options.keep === undefined ? undefined : Number(options.keep);
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) {
    throw new CliError(`--keep must be a whole number of at least 1, not ${options.keep}`);
  }
  const progress = new Progress('copied', 'bytes');
  const result = await withDatabase(
    config,
    () =>
      takeBackup(
        { databaseUrl: config.databaseUrl, dataDir: config.dataDir, backupDir: config.backupDir },
        (bytes) => progress.set(bytes),
      ),
    { migrate: false },
  );
  if (result.kind === 'physical') progress.finish();
  console.log(
    `raktar: backed up the ${databaseLabel(config)} database to ${result.file} ` +
      `(${mib(result.bytes)}, ${result.seconds.toFixed(1)} s, ${result.kind === 'physical' ? 'physical' : 'pg_dump -Fc'})`,
  );
  if (keep !== undefined) {
    const deleted = pruneBackups(config.backupDir, keep);
    if (deleted.length) console.log(`  deleted ${deleted.length} older backup(s), keeping ${keep}`);
  }
}
