import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { type BackupResult, fileSize, stampedName } from './backup-files.js';

const run = promisify(execFile);

/** The client tools cannot serve this server; the message names the version needed. */
export class ClientToolsError extends Error {}

/** The major version a `pg_dump --version` line names (`pg_dump (PostgreSQL) 15.19 (Debian …)` → 15). */
export function toolMajor(versionLine: string): number | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(versionLine);
  return match ? Number(match[1]) : undefined;
}

function subfolders(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Where a tool may be: on the PATH (by its bare name), then in the per-version folders Debian and RHEL install. */
function candidates(tool: string): string[] {
  const versioned = [
    ...subfolders('/usr/lib/postgresql').map((version) =>
      path.join('/usr/lib/postgresql', version, 'bin', tool),
    ),
    ...subfolders('/usr')
      .filter((name) => name.startsWith('pgsql-'))
      .map((name) => path.join('/usr', name, 'bin', tool)),
  ];
  return [tool, ...versioned.filter((file) => existsSync(file))];
}

/**
 * A `pg_dump` or `pg_restore` whose major version is at least the server's: an older one refuses
 * to dump a newer server. The newest one found wins; none fit is one error naming the version
 * needed and what was found.
 */
export async function findClientTool(
  tool: 'pg_dump' | 'pg_restore',
  serverMajor: number,
): Promise<{ path: string; major: number }> {
  const found: { path: string; major: number; line: string }[] = [];
  for (const file of new Set(candidates(tool))) {
    try {
      const { stdout } = await run(file, ['--version']);
      const major = toolMajor(stdout);
      if (major !== undefined) found.push({ path: file, major, line: stdout.trim() });
    } catch {
      // Not runnable: not a candidate.
    }
  }
  const fit = found.filter((tool) => tool.major >= serverMajor).sort((a, b) => b.major - a.major)[0];
  if (fit) return fit;
  const seen = found.length
    ? `found only ${found.map((t) => `${t.line} (${t.path})`).join(', ')}`
    : `found no ${tool} on PATH or in /usr/lib/postgresql/*/bin`;
  throw new ClientToolsError(
    `${tool} of PostgreSQL ${serverMajor} or newer is needed for this PostgreSQL ${serverMajor} server; ${seen}. ` +
      `Install the PostgreSQL ${serverMajor} client tools (Debian/Ubuntu: postgresql-client-${serverMajor}) and put them on PATH`,
  );
}

export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
    return Math.floor(Number(rows[0]?.v) / 10000);
  } finally {
    await client.end();
  }
}

/** The URL without its password, and the environment that carries it instead (not on a command line). */
function connectionFor(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  // biome-ignore lint/style/noProcessEnv: the client tools run in this environment, plus the password.
  const inherited = process.env;
  return { dbname: parsed.toString(), env: password ? { ...inherited, PGPASSWORD: password } : inherited };
}

function toolFailure(tool: string, error: unknown): Error {
  const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
  return new Error(`${tool} failed: ${stderr.split('\n').at(-1) || (error as Error).message}`);
}

/** `pg_dump -Fc` of the DATABASE_URL database into a stamped `.dump` file in `backupDir`. */
export async function dumpBackup(url: string, backupDir: string): Promise<BackupResult> {
  const started = performance.now();
  const tool = await findClientTool('pg_dump', await serverMajor(url));
  mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  const file = stampedName(backupDir, 'dump');
  const partial = `${file}.partial`;
  const connection = connectionFor(url);
  try {
    await run(
      tool.path,
      ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${connection.dbname}`],
      {
        env: connection.env,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (error) {
    rmSync(partial, { force: true });
    throw toolFailure('pg_dump', error);
  }
  chmodSync(partial, 0o600);
  renameSync(partial, file);
  return { file, kind: 'pg_dump', bytes: fileSize(file), seconds: (performance.now() - started) / 1000 };
}

/** Tables in the database outside PostgreSQL's own schemas: a restore target must have none. */
export async function userTableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`,
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** `pg_restore` of a `.dump` into the DATABASE_URL database; `clean` drops what it replaces first. */
export async function restoreDump(url: string, file: string, clean: boolean): Promise<void> {
  const tool = await findClientTool('pg_restore', await serverMajor(url));
  const connection = connectionFor(url);
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction'];
  if (clean) args.push('--clean', '--if-exists');
  try {
    await run(tool.path, [...args, `--dbname=${connection.dbname}`, file], {
      env: connection.env,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    throw toolFailure('pg_restore', error);
  }
}
