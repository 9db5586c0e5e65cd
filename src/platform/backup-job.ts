import type { FastifyBaseLogger } from 'fastify';
import { type BackupTarget, takeBackup } from '../db/backup/backup.js';
import { pruneBackups } from '../db/backup/backup-files.js';
import type { Scheduler } from './scheduler.js';

export const BACKUP_JOB = 'database-backup';

/**
 * The optional scheduled backup: at `cron` (BACKUP_CRON), once across instances, a backup into
 * BACKUP_DIR as `raktar backup` writes it, then all but the newest `keep` deleted.
 */
export function scheduleBackups(
  scheduler: Scheduler,
  target: BackupTarget,
  { cron, keep, log }: { cron: string | undefined; keep: number; log: FastifyBaseLogger },
): void {
  if (!cron) return;
  scheduler.register({
    name: BACKUP_JOB,
    cron,
    run: async () => {
      const result = await takeBackup(target);
      const deleted = pruneBackups(target.backupDir, keep);
      log.info(
        { file: result.file, bytes: result.bytes, seconds: Number(result.seconds.toFixed(1)), deleted },
        'backup written',
      );
    },
  });
}
