import { mkdirSync } from 'node:fs';
import lockfile from 'proper-lockfile';

export class DataDirInUseError extends Error {}

/**
 * PGlite has no lock of its own: two processes on one data directory would each see (and write)
 * different data. An exclusive lock file makes the second process refuse to start.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: `${dataDir}/.raktar.lock`,
      // A crashed owner stops refreshing the lock; after this long it is taken over.
      stale: 10_000,
      update: 2_000,
      realpath: false,
      onCompromised: (error) => {
        throw error;
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new DataDirInUseError(
        `DATA_DIR ${dataDir} is in use by another Raktar process; stop it or point DATA_DIR elsewhere ` +
          '(a lock left by a crashed process expires after 10 seconds).',
      );
    }
    throw error;
  }
}
