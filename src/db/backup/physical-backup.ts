import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { pack as tarPack } from 'tar-stream';
import { type BackupResult, fileSize, stampedName } from './backup-files.js';
import { addBuffer, addFile, addTree, type PackCounter } from './tar-entries.js';

/** The archive's description of itself, read back by restore. */
export const MANIFEST = 'raktar-backup.json';
/** The cluster's folder inside the archive (and inside DATA_DIR). */
export const CLUSTER = 'postgres';
/** Files of DATA_DIR beside the cluster that a restored server needs: its password, the JWT secret. */
export const DATA_DIR_FILES = ['postgres.password', 'jwt-secret'];

export interface BackupManifest {
  format: 'raktar-physical';
  version: 1;
  server_version: string;
  started_at: string;
  finished_at: string;
  start_lsn: string;
  stop_lsn: string;
  wal_segments: string[];
}

// PostgreSQL's list of what a base backup leaves out: runtime state rebuilt at start, and the WAL,
// of which only the segments the backup needs are added after pg_backup_stop.
const EMPTIED = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);
const SKIPPED = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'tablespace_map',
  'backup_manifest',
  'server.log',
]);

function keepInBaseBackup(relative: string, isDirectory: boolean): 'all' | 'empty' | 'skip' {
  const base = path.basename(relative);
  if (base.startsWith('pgsql_tmp') || base === 'pg_internal.init') return 'skip';
  if (!relative.includes('/')) {
    if (SKIPPED.has(relative)) return 'skip';
    if (isDirectory && EMPTIED.has(relative)) return 'empty';
  }
  return 'all';
}

/** The WAL segment names from `first` to `last` on the same timeline, as pg_wal holds them. */
function segmentsBetween(walDir: string, first: string, last: string): string[] {
  const timeline = last.slice(0, 8);
  return readdirSync(walDir)
    .filter((name) => /^[0-9A-F]{24}$/.test(name) && name.startsWith(timeline))
    .filter((name) => name.slice(8) >= first.slice(8) && name.slice(8) <= last.slice(8))
    .sort();
}

export interface PhysicalBackupOptions {
  /** A superuser connection to the embedded server. */
  url: string;
  /** DATA_DIR: the cluster is its `postgres/` folder. */
  dataDir: string;
  backupDir: string;
  onBytes?: (bytes: number) => void;
}

/**
 * A physical backup of the running embedded server with PostgreSQL's low-level API, streamed into
 * one stamped `.tar.gz`: a temporary replication slot keeps the WAL from the start on, then
 * `pg_backup_start`, the data directory copied file by file while the server keeps writing,
 * `pg_backup_stop`, its `backup_label`, and the WAL segments from the start to the stop. The
 * server recovers the archive to the moment the backup stopped: every transaction committed
 * before it started is in it. The superuser's password and the JWT secret go along, so a
 * restored DATA_DIR starts as it was.
 */
export async function physicalBackup(options: PhysicalBackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const clusterDir = path.join(options.dataDir, CLUSTER);
  mkdirSync(options.backupDir, { recursive: true, mode: 0o700 });
  const file = stampedName(options.backupDir, 'tar.gz');
  const partial = `${file}.partial`;
  const client = new pg.Client({ connectionString: options.url, application_name: 'raktar-backup' });
  await client.connect();
  const pack = tarPack();
  const out = createWriteStream(partial, { mode: 0o600 });
  const written = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    pack.on('error', reject);
  });
  const gzip = createGzip({ level: 6 });
  gzip.on('error', (error) => out.destroy(error));
  pack.pipe(gzip).pipe(out);
  const counter: PackCounter = {
    files: 0,
    bytes: 0,
    ...(options.onBytes ? { onBytes: options.onBytes } : {}),
  };
  let backupRunning = false;
  try {
    const version =
      (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ??
      'unknown';
    const startedAt = new Date().toISOString();
    // The slot holds every WAL segment from now on, whatever checkpoints happen meanwhile; being
    // temporary, it goes with this connection, also if the process dies.
    await client.query('select pg_create_physical_replication_slot($1, true, true)', [
      `raktar_backup_${process.pid}_${Date.now()}`,
    ]);
    const start = await client.query<{ lsn: string }>('select pg_backup_start($1, true)::text as lsn', [
      `raktar ${startedAt}`,
    ]);
    backupRunning = true;
    await addTree(pack, clusterDir, CLUSTER, counter, keepInBaseBackup);
    const stop = await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>(
      'select lsn::text, labelfile, spcmapfile from pg_backup_stop(false)',
    );
    backupRunning = false;
    const { lsn: stopLsn, labelfile, spcmapfile } = stop.rows[0] as NonNullable<(typeof stop.rows)[0]>;
    await addBuffer(pack, `${CLUSTER}/backup_label`, Buffer.from(labelfile), counter);
    if (spcmapfile) await addBuffer(pack, `${CLUSTER}/tablespace_map`, Buffer.from(spcmapfile), counter);
    const firstSegment = /START WAL LOCATION: .* \(file ([0-9A-F]{24})\)/.exec(labelfile)?.[1];
    const lastSegment = (
      await client.query<{ name: string }>('select pg_walfile_name($1::pg_lsn) as name', [stopLsn])
    ).rows[0]?.name;
    if (!firstSegment || !lastSegment) throw new Error('could not tell which WAL the backup needs');
    const walDir = path.join(clusterDir, 'pg_wal');
    const segments = segmentsBetween(walDir, firstSegment, lastSegment);
    if (segments[0] !== firstSegment || segments.at(-1) !== lastSegment) {
      throw new Error(`WAL segments ${firstSegment}…${lastSegment} are not all in ${walDir}`);
    }
    for (const segment of segments) {
      await addFile(pack, path.join(walDir, segment), `${CLUSTER}/pg_wal/${segment}`, counter);
    }
    for (const name of DATA_DIR_FILES) {
      const source = path.join(options.dataDir, name);
      if (existsSync(source)) await addBuffer(pack, name, readFileSync(source), counter);
    }
    const manifest: BackupManifest = {
      format: 'raktar-physical',
      version: 1,
      server_version: version,
      started_at: startedAt,
      finished_at: new Date().toISOString(),
      start_lsn: start.rows[0]?.lsn ?? '',
      stop_lsn: stopLsn,
      wal_segments: segments,
    };
    await addBuffer(pack, MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), counter);
    pack.finalize();
    await written;
    renameSync(partial, file);
    return { file, kind: 'physical', bytes: fileSize(file), seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    if (backupRunning) await client.query('select pg_backup_stop(false)').catch(() => {});
    pack.destroy();
    out.destroy();
    rmSync(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}
