import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { chmod, chown, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import type { OsUser } from '../embedded/os-user.js';
import { type BackupManifest, CLUSTER, DATA_DIR_FILES, MANIFEST } from './physical-backup.js';

/** A restore that cannot go ahead; the message says why and what to do. */
export class RestoreRefusedError extends Error {}

/** What of DATA_DIR a restore would replace (the lock file of the restoring process aside). */
export function restoreTargetContents(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir).filter((name) => name !== 'raktar.pid' && !name.startsWith('.restore-'));
}

function safeName(name: string): string {
  const normal = path.posix.normalize(name).replace(/\/$/, '');
  if (normal.startsWith('/') || normal === '..' || normal.startsWith('../')) {
    throw new RestoreRefusedError(
      `the archive names a path outside its folder (${name}); not a Raktar backup`,
    );
  }
  return normal;
}

/** Unpacks an archive into `dir` (files as they were stored, folders 0700); returns bytes written. */
async function unpack(archive: string, dir: string, onBytes?: (bytes: number) => void): Promise<number> {
  const extract = tarExtract();
  let bytes = 0;
  const reading = pipeline(createReadStream(archive), createGunzip(), extract);
  for await (const entry of extract) {
    const name = safeName(entry.header.name);
    const target = path.join(dir, name);
    if (entry.header.type === 'directory') {
      await mkdir(target, { recursive: true, mode: 0o700 });
      entry.resume();
      continue;
    }
    if (entry.header.type !== 'file') {
      entry.resume();
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await writeFile(target, Buffer.concat(chunks), { mode: entry.header.mode & 0o777 });
    bytes += entry.header.size;
    onBytes?.(bytes);
  }
  await reading;
  return bytes;
}

async function chownTree(dir: string, user: OsUser): Promise<void> {
  await chown(dir, user.uid, user.gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(child, user);
    else await chown(child, user.uid, user.gid);
  }
}

export interface PhysicalRestoreOptions {
  archive: string;
  dataDir: string;
  /** Set aside what DATA_DIR holds instead of refusing. */
  force: boolean;
  /** The account the embedded server runs as (as root), which must own the cluster. */
  serverUser: OsUser | undefined;
  onBytes?: (bytes: number) => void;
}

/**
 * Unpacks a physical backup into DATA_DIR: the cluster with its backup_label and WAL, which the
 * server replays on its next start, and the password and JWT secret it had. The archive is
 * unpacked beside the target first and moved into place only when complete. An existing cluster
 * is refused, or with `force` moved to `replaced-<time>/` in DATA_DIR (never deleted).
 */
export async function physicalRestore(options: PhysicalRestoreOptions): Promise<{
  manifest: BackupManifest;
  bytes: number;
  setAside: string | undefined;
}> {
  const { dataDir, force } = options;
  const present = restoreTargetContents(dataDir);
  if (present.length > 0 && !force) {
    throw new RestoreRefusedError(
      `DATA_DIR ${dataDir} is not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', …' : ''}); ` +
        'restore into an empty DATA_DIR, or add --force to set its contents aside',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const staging = path.join(dataDir, `.restore-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  try {
    const bytes = await unpack(options.archive, staging, options.onBytes);
    const manifestFile = path.join(staging, MANIFEST);
    if (!existsSync(manifestFile) || !existsSync(path.join(staging, CLUSTER, 'backup_label'))) {
      throw new RestoreRefusedError(
        `${options.archive} is not a complete Raktar backup of the embedded server`,
      );
    }
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
    let setAside: string | undefined;
    if (present.length > 0) {
      setAside = path.join(dataDir, `replaced-${new Date().toISOString().replace(/[-:.]/g, '')}`);
      mkdirSync(setAside, { mode: 0o700 });
      for (const name of present) renameSync(path.join(dataDir, name), path.join(setAside, name));
    }
    const cluster = path.join(staging, CLUSTER);
    await chmod(cluster, 0o700);
    if (options.serverUser) await chownTree(cluster, options.serverUser);
    renameSync(cluster, path.join(dataDir, CLUSTER));
    for (const name of DATA_DIR_FILES) {
      const file = path.join(staging, name);
      if (existsSync(file)) renameSync(file, path.join(dataDir, name));
    }
    return { manifest, bytes, setAside };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
