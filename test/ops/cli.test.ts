// The `raktar` command line as an operator runs it: real processes, on the embedded default
// (beside a running server, to which the commands connect) and on a server through DATABASE_URL.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { databaseUrl, onServer, uniqueDatabaseName } from '../helpers/databases.js';
import { exitCode, processSandbox, waitForLine } from '../helpers/process.js';

const ADMIN_PASSWORD = 'Admin!pass1';
const sandbox = processSandbox('raktar-cli-', { ADMIN_PASSWORD });
const raktar = (args: string[], env: Record<string, string> = {}) =>
  sandbox.start('src/cli/raktar.ts', env, args);

/** Runs a command to its end; its exit code and output. */
async function run(args: string[], env: Record<string, string> = {}) {
  const proc = raktar(args, env);
  const code = await exitCode(proc);
  return { code, stdout: proc.stdout.join('\n'), stderr: proc.stderr };
}

/** The lines a command wrote to standard error that are not its progress counter. */
const errorLines = (stderr: string[]) =>
  stderr.filter((line) => !/^\s+\w+: [\d,.]+ (KiB|MiB|steps|rows)/.test(line));

describe('raktar on the embedded server', { timeout: 600_000 }, () => {
  it('loads the demo with npm start -- --demo; verify, export, import and seed:demo run beside it', async () => {
    const files = sandbox.folder('raktar-files-');
    const server = sandbox.start('src/main.ts', {}, ['--demo']);
    await waitForLine(server, /Raktar ready/);
    expect(server.stdout.join('\n')).toMatch(/demo site loaded: 2 warehouses with 86 bins, 200 products/);

    const verify = await run(['verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(
      /raktar: verify ok: \d{3,} balance\(s\) checked \(full\) on the embedded database/,
    );

    const products = path.join(files, 'products.csv');
    const exported = await run(['export', 'products', '--out', products]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/raktar: wrote .*products\.csv \([\d,]+ bytes\)/);
    // The 200 products of the site, the dispatch demo's two trays and the biofloc demo's feed,
    // molasses and harvested fish, under a header.
    expect(readFileSync(products, 'utf8').trim().split('\n')).toHaveLength(206);

    const again = await run(['seed:demo']);
    expect(again.code).toBe(1);
    expect(errorLines(again.stderr)).toEqual([
      'raktar: the database already holds products or warehouses; the demo loads only into an empty one',
    ]);

    const partners = path.join(files, 'suppliers.csv');
    writeFileSync(partners, 'code,name,email\nSUP-CLI,Parancssor Kft.,info@parancssor.example\n');
    const imported = await run(['import', 'partners', partners, '--kind', 'supplier']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/raktar: imported .*suppliers\.csv: 1 row\(s\); created 1 suppliers/);
    const suppliers = path.join(files, 'out.csv');
    expect((await run(['export', 'suppliers', '--query', 'search=SUP-CLI', '--out', suppliers])).code).toBe(
      0,
    );
    expect(readFileSync(suppliers, 'utf8')).toContain('Parancssor Kft.');

    const bad = path.join(files, 'bad.csv');
    writeFileSync(bad, 'sku,name,unit_price\nOK-1,Fine,10\nBAD-2,,abc\n');
    const refused = await run(['import', 'products', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/row 3/);
    expect(errorLines(refused.stderr)).toEqual([
      expect.stringMatching(/^raktar: import of .*bad\.csv refused \(422\)/),
    ]);
    expect(
      (await run(['export', 'products', '--query', 'search=OK-1', '--out', path.join(files, 'ok.csv')])).code,
    ).toBe(0);
    expect(readFileSync(path.join(files, 'ok.csv'), 'utf8').trim().split('\n')).toHaveLength(1);

    server.child.kill('SIGTERM');
    expect(await exitCode(server)).toBe(0);
  });

  it('answers usage errors with one line and exit code 2, and lists its commands', async () => {
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr[0]).toBe("error: unknown command 'frobnicate'");
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of [
      'migrate',
      'user:create',
      'verify',
      'seed:demo',
      'export',
      'import',
      'backup',
      'restore',
    ]) {
      expect(help.stdout).toContain(`  ${command}`);
    }
    const keep = await run(['backup', '--keep', 'none']);
    expect(keep.code).toBe(1);
    expect(keep.stderr).toEqual(['raktar: --keep must be a whole number of at least 1, not none']);
  });
});

// The suite's server: the embedded one under `npm test` (newer than the machine's pg_dump, so the
// backup names the client version it needs), TEST_DATABASE_URL's in CI (dumped and restored).
const serverUrl = inject('serverUrl');

describe('raktar on a PostgreSQL server (DATABASE_URL)', { timeout: 600_000 }, () => {
  const created: string[] = [];
  const freshDatabase = async () => {
    const name = uniqueDatabaseName('raktar_cli');
    await onServer(serverUrl, `create database "${name}"`);
    created.push(name);
    return databaseUrl(serverUrl, name);
  };
  afterEach(async () => {
    for (const name of created.splice(0)) {
      await onServer(serverUrl, `drop database if exists "${name}" with (force)`);
    }
  });

  it('migrates, adds users, imports, verifies, and backs up with pg_dump and restores with pg_restore (or names the pg_dump it needs)', async () => {
    const backups = sandbox.folder('raktar-dumps-');
    const env = (url: string) => ({
      DATABASE_URL: url,
      JWT_SECRET: 'cli-test-secret-that-is-long-enough-for-hs256',
      BACKUP_DIR: backups,
    });
    const source = env(await freshDatabase());
    const migrate = await run(['migrate'], source);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/[1-9]\d* migration\(s\) applied to the DATABASE_URL database/);
    const admin = await run(
      ['user:create', '--username', 'root2', '--email', 'root2@raktar.test', '--role', 'admin'],
      source,
    );
    expect(admin.code).toBe(0);
    const partners = path.join(sandbox.folder('raktar-files-'), 'customers.csv');
    writeFileSync(partners, 'code,name\nCUS-PG,Szerver Bt.\n');
    expect((await run(['import', 'partners', partners, '--kind', 'customer'], source)).code).toBe(0);
    expect((await run(['verify'], source)).stdout).toMatch(
      /verify ok: 0 balance\(s\) checked .* on the DATABASE_URL database/,
    );

    const backup = await run(['backup'], source);
    if (backup.code !== 0) {
      // Client tools older than the server: one line naming the version they must have.
      expect(errorLines(backup.stderr)).toEqual([
        expect.stringMatching(/^raktar: pg_dump of PostgreSQL \d+ or newer is needed/),
      ]);
      return;
    }
    expect(backup.stdout).toMatch(
      /backed up the DATABASE_URL database to .*raktar-\d{8}T\d{6}Z\.dump \(.* pg_dump -Fc\)/,
    );
    const [dump] = readdirSync(backups);
    const target = env(await freshDatabase());
    const restore = await run(['restore', path.join(backups, dump as string)], target);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(
      /verify ok: 0 balance\(s\) checked .* on the restored DATABASE_URL database/,
    );
    const out = path.join(backups, 'customers.csv');
    expect((await run(['export', 'customers', '--out', out], target)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Szerver Bt.');

    const twice = await run(['restore', path.join(backups, dump as string)], target);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toEqual([
      expect.stringMatching(/^raktar: the DATABASE_URL database is not empty; .* --force/),
    ]);
    expect((await run(['restore', '--force', path.join(backups, dump as string)], target)).code).toBe(0);
  });
});
