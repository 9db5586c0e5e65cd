import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** What `raktar backup` writes: a physical archive of the embedded server, or a pg_dump file. */
export const BACKUP_PATTERN = /^raktar-\d{8}T\d{6}(-\d+)?Z\.(tar\.gz|dump)$/;

/** `raktar-20260115T093000Z.<ext>` in `dir`, for the current moment; never the name of an existing file. */
export function stampedName(dir: string, extension: 'tar.gz' | 'dump', now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '');
  for (let n = 1; ; n++) {
    const file = path.join(dir, `raktar-${stamp}${n === 1 ? '' : `-${n}`}Z.${extension}`);
    if (!existsSync(file) && !existsSync(`${file}.partial`)) return file;
  }
}

/** A name's place in time: its stamp, then the number of a second backup in the same second. */
function sortKey(name: string): string {
  const [, stamp, n] = /^raktar-(\d{8}T\d{6})(?:-(\d+))?Z/.exec(name) ?? [];
  return `${stamp}-${(n ?? '1').padStart(6, '0')}`;
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => BACKUP_PATTERN.test(name))
    .sort((a, b) => sortKey(b).localeCompare(sortKey(a)))
    .map((name) => path.join(dir, name));
}

/** Deletes all but the newest `keep` backups; returns the files deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(keep);
  for (const file of old) rmSync(file, { force: true });
  return old;
}

/** A written backup, as the command and the scheduled job report it. */
export interface BackupResult {
  file: string;
  kind: 'physical' | 'pg_dump';
  bytes: number;
  seconds: number;
}

export function fileSize(file: string): number {
  return statSync(file).size;
}
