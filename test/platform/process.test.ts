import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCode, httpLogin, listeningPort, processSandbox, waitForLine } from '../helpers/process.js';

// Every test gets a fresh DATA_DIR; whatever it started is killed after it, passed or not.
const sandbox = processSandbox('raktar-proc-');
function start(extra: Record<string, string> = {}, entry = 'src/main.ts', args: string[] = []) {
  return sandbox.start(entry, extra, args);
}

// Each test starts real processes, each with its own PostgreSQL server: minutes on a loaded machine.
describe('the server process on the embedded PostgreSQL server', { timeout: 300_000 }, () => {
  it('starts on a fresh DATA_DIR, refuses a second process on it, stops cleanly and restarts', {
    timeout: 600_000,
  }, async () => {
    const dataDir = sandbox.dataDir;
    const first = start();
    const port = await listeningPort(first);
    // The first start creates the admin and prints its generated password, once.
    const printed = first.stdout.join('\n');
    expect(printed).toContain('First administrator created.');
    const password = /password: (\S+)/.exec(printed)?.[1] as string;
    expect((await httpLogin(port, 'admin', password)).status).toBe(200);
    // Every route's schema is complete: Fastify warns of none.
    expect(first.stderr.join('\n')).not.toMatch(/FastifyWarning/);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    const report = (await health.json()) as { database: { embedded: { version: string } } };
    expect(report).toMatchObject({ status: 'healthy', scheduler: 'running' });
    expect(report.database.embedded).toMatchObject({ up: true, data_dir: path.join(dataDir, 'postgres') });
    expect(report.database.embedded.version).toMatch(/^\d+\.\d+/);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/db_pool_connections\{state="total"\} [1-9]/);
    // The superuser's password is generated once and readable by the owner alone.
    expect(statSync(path.join(dataDir, 'postgres.password')).mode & 0o777).toBe(0o600);

    const second = start();
    expect(await exitCode(second)).toBe(1);
    expect(second.stderr.join('\n')).toMatch(/DATA_DIR .* is in use by another Raktar process/);

    // A command-line tool connects to the running process's server instead of refusing.
    const user = start({}, 'src/cli/raktar.ts', [
      'user:create',
      '--username',
      'dora',
      '--email',
      'dora@raktar.test',
    ]);
    expect(await exitCode(user)).toBe(0);
    const generated = /password: (\S+)/.exec(user.stdout.join('\n'))?.[1];
    expect((await httpLogin(port, 'dora', generated)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await exitCode(first)).toBe(0);
    expect(first.stdout.some((line) => line.includes('"shutting down"'))).toBe(true);
    // The database stopped with the API: no server left on the cluster, no lock left behind.
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'raktar.pid'))).toBe(false);

    // The same data again: nothing to migrate, and the lock was released.
    const again = start();
    const ready = JSON.parse(await waitForLine(again, /"msg":"database ready"/));
    expect(ready.migrations_applied).toBe(0);
    await waitForLine(again, /Raktar ready/);
    expect(again.stdout.join('\n')).not.toContain('First administrator created.');
    again.child.kill('SIGINT');
    expect(await exitCode(again)).toBe(0);
  });

  it('`raktar migrate` applies nothing to an up-to-date database', async () => {
    // A fresh DATA_DIR: the first run brings the database up to date, the second finds nothing to do.
    const first = start({}, 'src/cli/raktar.ts', ['migrate']);
    expect(await exitCode(first)).toBe(0);
    expect(first.stdout.join('\n')).toMatch(/[1-9]\d* migration\(s\) applied to the embedded database/);
    const migrate = start({}, 'src/cli/raktar.ts', ['migrate']);
    expect(await exitCode(migrate)).toBe(0);
    expect(migrate.stdout.join('\n')).toContain('0 migration(s) applied to the embedded database');
  });

  it('refuses a DATA_DIR of the earlier PGlite engine and changes nothing in it', async () => {
    const legacy = sandbox.folder('raktar-legacy-');
    mkdirSync(path.join(legacy, 'pglite'));
    writeFileSync(path.join(legacy, 'pglite', 'PG_VERSION'), '17\n');
    const proc = start({ DATA_DIR: legacy });
    expect(await exitCode(proc)).toBe(1);
    expect(proc.stderr.join('\n')).toMatch(/earlier embedded engine \(PGlite.*npm run migrate-embedded/);
    expect(readdirSync(legacy)).toEqual(['pglite']);
    expect(readdirSync(path.join(legacy, 'pglite'))).toEqual(['PG_VERSION']);
  });

  it('as root, refuses a DATA_DIR the server account cannot enter, with one line saying why', async () => {
    const closed = sandbox.folder('raktar-closed-'); // mode 0700
    const proc = start({ DATA_DIR: path.join(closed, 'data') });
    if (process.getuid?.() === 0) {
      expect(await exitCode(proc)).toBe(1);
      expect(proc.stderr.join('\n')).toMatch(/runs as the "postgres" user .* cannot enter DATA_DIR/);
    } else {
      // Any other user runs the server as itself, and owns the folder.
      await waitForLine(proc, /Raktar ready/);
      proc.child.kill('SIGTERM');
      expect(await exitCode(proc)).toBe(0);
    }
  });

  it('stops with one clear line naming an invalid setting', async () => {
    const bad = start({ PORT: 'eighty' });
    expect(await exitCode(bad)).toBe(1);
    expect(bad.stderr).toEqual(['raktar: Invalid setting PORT="eighty": must be integer']);
  });
});

describe('raktar user:create', { timeout: 300_000 }, () => {
  const cli = (...args: string[]) => start({}, 'src/cli/raktar.ts', ['user:create', ...args]);

  it('creates a user, and refuses missing, weak or duplicate input with one clear line', async () => {
    const usage = cli();
    expect(await exitCode(usage)).toBe(2);
    expect(usage.stderr[0]).toBe("error: required option '--username <name>' not specified");

    const ok = cli(
      '--username',
      'clara',
      '--email',
      'clara@raktar.test',
      '--role',
      'staff',
      '--password',
      'Cl4ra!pass',
    );
    expect(await exitCode(ok)).toBe(0);
    expect(ok.stdout.join('\n')).toMatch(/created warehouse clara/);

    const weak = cli('--username', 'weak', '--email', 'weak@raktar.test', '--password', 'weak');
    expect(await exitCode(weak)).toBe(1);
    expect(weak.stderr.join('\n')).toContain('The password needs');

    const dup = cli('--username', 'CLARA', '--email', 'other@raktar.test');
    expect(await exitCode(dup)).toBe(1);
    expect(dup.stderr.join('\n')).toContain('Username CLARA is already taken.');

    const generated = cli('--username', 'gen', '--email', 'gen@raktar.test', '--role', 'manager');
    expect(await exitCode(generated)).toBe(0);
    expect(generated.stdout.join('\n')).toMatch(/password: \S{16,}/);
  });
});
