import { spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { debianBinary, freePort, serverAccount } from './debian.js';
import { waitFor } from './wait.js';

/** The Debian PostgreSQL 15 programs (initdb, pg_ctl, pg_basebackup). */
export function pgBinary(name: string): string {
  return debianBinary(`/usr/lib/postgresql/15/bin/${name}`, 'postgresql-15');
}

/** Runs a PostgreSQL program as the server account; throws with its output when it fails. */
export function runAsServer(binary: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(binary, args, {
    ...(serverAccount() ?? {}),
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0)
    throw new Error(
      `${path.basename(binary)} ${args.join(' ')}: ${result.status}\n${result.stdout}${result.stderr}`,
    );
  return result.stdout;
}

/** A folder in the temporary directory that the server account owns. */
export function serverTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const account = serverAccount();
  if (account) chownSync(dir, account.uid, account.gid);
  return dir;
}

/** Runs one statement on `url` on a connection of its own. */
export async function sqlOn<T extends Record<string, unknown>>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export interface Cluster {
  port: number;
  dir: string;
  /** The `postgres` database as the superuser `postgres`. */
  url: string;
  /** pg_ctl stop -m fast; the data stays. */
  stop: () => void;
  start: () => Promise<void>;
  /** Stops the server if it runs and removes its data. */
  remove: () => void;
}

async function answering(url: string): Promise<void> {
  await waitFor(
    async () => {
      try {
        await sqlOn(url, 'select 1');
        return true;
      } catch {
        return false;
      }
    },
    `PostgreSQL at ${url}`,
    60_000,
  );
}

function clusterAt(dir: string, port: number): Cluster {
  const dataDir = path.join(dir, 'data');
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const pgCtl = pgBinary('pg_ctl');
  const log = path.join(dir, 'server.log');
  const running = () =>
    spawnSync(pgCtl, ['status', '-D', dataDir], { ...(serverAccount() ?? {}) }).status === 0;
  return {
    port,
    dir,
    url,
    stop: () => {
      if (running()) runAsServer(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w']);
    },
    start: async () => {
      try {
        runAsServer(pgCtl, ['start', '-D', dataDir, '-l', log, '-w', '-t', '60']);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${readFileSync(log, 'utf8')}`);
      }
      await answering(url);
    },
    remove: () => {
      try {
        if (running()) runAsServer(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Server settings of a test cluster: loopback only, its socket in its own folder, no fsync. */
function settings(dir: string, port: number): string {
  return [
    '',
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    'fsync = off',
    'max_connections = 60',
    'shared_buffers = 32MB',
    '',
  ].join('\n');
}

/** A fresh PostgreSQL 15 cluster (trust authentication) that streams its WAL to standbys. */
export async function startPrimary(): Promise<Cluster> {
  const dir = serverTempDir('raktar-primary-');
  const port = await freePort();
  const cluster = clusterAt(dir, port);
  try {
    runAsServer(pgBinary('initdb'), [
      '-D',
      path.join(dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
    ]);
    appendFileSync(
      path.join(dir, 'data', 'postgresql.conf'),
      `${settings(dir, port)}wal_level = replica\nmax_wal_senders = 5\nwal_keep_size = 256MB\n`,
    );
    await cluster.start();
    return cluster;
  } catch (error) {
    cluster.remove();
    throw error;
  }
}

/** A hot standby of `primary`, copied with pg_basebackup -R and streaming from it. */
export async function startStandby(primary: Cluster): Promise<Cluster> {
  const dir = serverTempDir('raktar-standby-');
  const port = await freePort();
  const cluster = clusterAt(dir, port);
  try {
    const data = path.join(dir, 'data');
    runAsServer(pgBinary('pg_basebackup'), [
      ...['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres'],
      ...['-D', data, '-R', '-X', 'stream', '-c', 'fast'],
    ]);
    // After the copied primary settings, so these win: its own port and socket folder.
    appendFileSync(path.join(data, 'postgresql.conf'), `${settings(dir, port)}hot_standby = on\n`);
    await cluster.start();
    return cluster;
  } catch (error) {
    cluster.remove();
    throw error;
  }
}
