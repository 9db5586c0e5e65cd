import { runningServerUrl } from '../embedded/server.js';
import type { BackupResult } from './backup-files.js';
import { dumpBackup } from './pg-dump.js';
import { physicalBackup } from './physical-backup.js';

export interface BackupTarget {
  databaseUrl: string | undefined;
  dataDir: string;
  backupDir: string;
}

/**
 * Backs up the configured database into `backupDir`: with DATABASE_URL through `pg_dump -Fc`,
 * otherwise the running embedded server on DATA_DIR physically (it ships no pg_dump, and an older
 * one on the machine refuses a newer server).
 */
export async function takeBackup(
  target: BackupTarget,
  onBytes?: (bytes: number) => void,
): Promise<BackupResult> {
  if (target.databaseUrl) return dumpBackup(target.databaseUrl, target.backupDir);
  const url = runningServerUrl(target.dataDir);
  if (!url) throw new Error(`no embedded PostgreSQL server runs on DATA_DIR ${target.dataDir}`);
  return physicalBackup({
    url: url.replace(/\/raktar$/, '/postgres'),
    dataDir: target.dataDir,
    backupDir: target.backupDir,
    ...(onBytes ? { onBytes } : {}),
  });
}
