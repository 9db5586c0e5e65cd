import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isProcessAlive, processName } from './embedded/processes.js';

export class DataDirInUseError extends Error {}

/** The id of the process that holds the lock, when it is still a running Node process other than this one. */
async function liveOwner(file: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isProcessAlive(pid)) return undefined;
  // After a reboot the id may belong to something else entirely; a lock is only held by Node.
  const command = await processName(pid);
  return command === undefined || /node|tsx|raktar/i.test(command) ? pid : undefined;
}

/**
 * One Raktar process owns a DATA_DIR (and the embedded server in it). The lock is a file naming
 * the owner's process id: it is held exactly as long as that process lives, so a start after a
 * crash (`kill -9`) proceeds at once, while a second start next to a running one is refused.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'raktar.pid');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
      return async () => {
        if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await liveOwner(file);
    if (owner !== undefined) {
      throw new DataDirInUseError(
        `DATA_DIR ${dataDir} is in use by another Raktar process (pid ${owner}); stop it or point DATA_DIR elsewhere`,
      );
    }
    // Left by a process that died: take it over.
    rmSync(file, { force: true });
  }
  throw new DataDirInUseError(`DATA_DIR ${dataDir} is being taken by another Raktar process; try again`);
}
