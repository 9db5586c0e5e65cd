// `raktar backup` of the embedded server while the API takes writes, restored into another
// DATA_DIR: the restored server recovers, `verify` is clean, and every movement acknowledged before
// the backup started is there.
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from '../../src/db/embedded/server.js';
import { exitCode, httpLogin, listeningPort, processSandbox, waitFor } from '../helpers/process.js';

const ADMIN_PASSWORD = 'Admin!pass1';
const sandbox = processSandbox('raktar-backup-', { ADMIN_PASSWORD });

/** A folder the embedded server's account can enter (as root it runs as `postgres`). */
function serverFolder(name: string): string {
  const folder = sandbox.folder(name);
  chmodSync(folder, 0o711);
  return folder;
}

async function api(port: number, token: string, method: string, url: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Writers posting receipts of one unit until stopped; `acked` holds each acknowledged movement id. */
function writeLoad(port: number, token: string, productId: string, warehouseId: string, writers = 4) {
  const acked: string[] = [];
  let running = true;
  const loops = Array.from({ length: writers }, async () => {
    while (running) {
      const res = await api(port, token, 'POST', '/stock-movements', {
        product_id: productId,
        warehouse_id: warehouseId,
        movement_type: 'receipt',
        quantity: 1,
      });
      if (res.status !== 201) throw new Error(`receipt answered ${res.status}: ${JSON.stringify(res.body)}`);
      acked.push(res.body.id as string);
    }
  });
  return {
    acked,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** The movement ids in a DATA_DIR's database, read with the embedded server started on it. */
async function movementIds(dataDir: string): Promise<Set<string>> {
  const server = new EmbeddedPostgres({ dataDir });
  const { url } = await server.start();
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ id: string }>('select id from stock_movements');
    return new Set(rows.map((row) => row.id));
  } finally {
    await client.end().catch(() => {});
    await server.stop();
  }
}

describe('raktar backup and restore on the embedded server', { timeout: 600_000 }, () => {
  it('backs up during write load; the restore recovers every acknowledged movement and verifies clean', async () => {
    const backupDir = sandbox.folder('raktar-backups-');
    const server = sandbox.start('src/main.ts', { BACKUP_DIR: backupDir });
    const port = await listeningPort(server);
    const login = await httpLogin(port, 'admin', ADMIN_PASSWORD);
    const { access_token: token } = (await login.json()) as { access_token: string };
    const warehouse = await api(port, token, 'POST', '/warehouses', { code: 'BK1', name: 'Backup' });
    const product = await api(port, token, 'POST', '/products', { sku: 'BK-1', name: 'Backed up' });
    expect([warehouse.status, product.status]).toEqual([201, 201]);

    const load = writeLoad(port, token, product.body.id as string, warehouse.body.id as string);
    try {
      await waitFor(() => load.acked.length >= 50, '50 acknowledged receipts');
      const beforeBackup = [...load.acked];
      const backup = sandbox.start('src/cli/raktar.ts', { BACKUP_DIR: backupDir }, ['backup']);
      expect(await exitCode(backup)).toBe(0);
      const during = load.acked.length - beforeBackup.length;
      await load.stop();
      // Writes went on while the backup ran.
      expect(during).toBeGreaterThan(0);
      const line = backup.stdout.find((l) => l.startsWith('raktar: backed up')) ?? '';
      expect(line).toMatch(
        /backed up the embedded database to .*raktar-\d{8}T\d{6}Z\.tar\.gz \(\d+\.\d MiB, \d+\.\d s, physical\)/,
      );
      const [archive] = readdirSync(backupDir);
      expect(archive).toMatch(/^raktar-\d{8}T\d{6}Z\.tar\.gz$/);
      console.log(
        `backup: ${line.replace(/^.*\(/, '(')} with ${during} receipt(s) acknowledged while it ran`,
      );

      const target = path.join(serverFolder('raktar-restored-'), 'data');
      const restore = sandbox.start('src/cli/raktar.ts', { DATA_DIR: target }, [
        'restore',
        path.join(backupDir, archive as string),
      ]);
      expect(await exitCode(restore)).toBe(0);
      expect(restore.stdout.join('\n')).toMatch(
        /raktar: verify ok: 1 balance\(s\) checked \(full\) on the restored embedded database/,
      );

      const restored = await movementIds(target);
      const missing = beforeBackup.filter((id) => !restored.has(id));
      expect(missing).toEqual([]);
      // Nothing that was never acknowledged or sent: at most what the writers had in flight.
      expect(restored.size).toBeLessThanOrEqual(load.acked.length + 4);

      // A second restore into the same DATA_DIR is refused, with one line; --force sets it aside.
      const again = sandbox.start('src/cli/raktar.ts', { DATA_DIR: target }, [
        'restore',
        path.join(backupDir, archive as string),
      ]);
      expect(await exitCode(again)).toBe(1);
      expect(again.stderr.filter((l) => l.startsWith('raktar:'))).toEqual([
        expect.stringMatching(/^raktar: DATA_DIR .* is not empty \(.*postgres\.password.*add --force/),
      ]);
      const forced = sandbox.start('src/cli/raktar.ts', { DATA_DIR: target }, [
        'restore',
        '--force',
        path.join(backupDir, archive as string),
      ]);
      expect(await exitCode(forced)).toBe(0);
      expect(readdirSync(target).filter((name) => name.startsWith('replaced-'))).toHaveLength(1);
    } finally {
      await load.stop().catch(() => {});
    }
  });

  it('refuses a file that is not a backup with one line, and a missing one', async () => {
    const target = path.join(serverFolder('raktar-restored-'), 'data');
    const missing = sandbox.start('src/cli/raktar.ts', { DATA_DIR: target }, [
      'restore',
      '/nonexistent/raktar.tar.gz',
    ]);
    expect(await exitCode(missing)).toBe(1);
    expect(missing.stderr).toEqual(['raktar: no backup file /nonexistent/raktar.tar.gz']);
    const dump = sandbox.start('src/cli/raktar.ts', { DATA_DIR: target }, [
      'restore',
      path.resolve('package.json'),
    ]);
    expect(await exitCode(dump)).toBe(1);
    expect(dump.stderr).toEqual([
      expect.stringMatching(/^raktar: .*package\.json is not a backup of the embedded server/),
    ]);
    expect(existsSync(target)).toBe(false);
  });
});
