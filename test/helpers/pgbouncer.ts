import { type ChildProcess, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { debianBinary, freePort, serverAccount } from './debian.js';
import { waitFor } from './wait.js';

export interface Pooler {
  /** The database through PgBouncer. */
  url: string;
  /** PgBouncer's log, for a failing test's message. */
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * PgBouncer in transaction mode on a free loopback port, in front of `serverUrl`'s database
 * `database`. It refuses to run as root, so under root it runs as the `postgres` account.
 */
export async function startPgBouncer(serverUrl: string, database: string): Promise<Pooler> {
  const binary = debianBinary('/usr/sbin/pgbouncer', 'pgbouncer');
  const server = new URL(serverUrl);
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'raktar-pgbouncer-'));
  const ids = serverAccount();
  const target = [
    `host=${server.hostname}`,
    `port=${server.port || 5432}`,
    `dbname=${database}`,
    `user=${decodeURIComponent(server.username || 'postgres')}`,
    ...(server.password ? [`password=${decodeURIComponent(server.password)}`] : []),
  ].join(' ');
  const logfile = path.join(dir, 'pgbouncer.log');
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `${database} = ${target}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      // No client authentication: the database line names the server login.
      'auth_type = any',
      'pool_mode = transaction',
      // Server connections in turn, not the last used: a statement prepared on one connection
      // is soon looked for on another, as under real load.
      'server_round_robin = 1',
      'max_client_conn = 500',
      'default_pool_size = 8',
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${logfile}`,
      '',
    ].join('\n'),
  );
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const child: ChildProcess = spawn(binary, [path.join(dir, 'pgbouncer.ini')], {
    stdio: 'ignore',
    ...(ids ?? {}),
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `postgres://pooled@127.0.0.1:${port}/${database}`;
  const log = () => {
    try {
      return readFileSync(logfile, 'utf8');
    } catch {
      return '';
    }
  };
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`pgbouncer exited with ${child.exitCode}: ${log()}`);
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
      try {
        await client.connect();
        await client.query('select 1');
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => {});
      }
    },
    'PgBouncer answering',
    60_000,
  );
  return {
    url,
    log,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
