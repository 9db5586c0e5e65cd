import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ClientToolsError, findClientTool, serverMajor } from '../../src/db/backup/pg-dump.js';
import { BACKUP_JOB, scheduleBackups } from '../../src/platform/backup-job.js';
import { Scheduler } from '../../src/platform/scheduler.js';
import { databaseUrl } from '../helpers/databases.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let backupDir: string;

beforeAll(async () => {
  backupDir = mkdtempSync(path.join(tmpdir(), 'raktar-scheduled-'));
  t = await buildTestApp({ backupCron: '30 2 * * *', backupKeep: 2, backupDir });
});
afterAll(async () => {
  await t?.close();
  rmSync(backupDir, { recursive: true, force: true });
});

describe('the scheduled backup (BACKUP_CRON)', () => {
  it('is a job of the app when BACKUP_CRON is set', async () => {
    // The test app runs on no embedded server of its own DATA_DIR: the job says so.
    await expect(t.app.scheduler.runNow(BACKUP_JOB)).rejects.toThrow(
      /no embedded PostgreSQL server runs on DATA_DIR/,
    );
  });

  it('writes a backup on each run and keeps the newest BACKUP_KEEP', { timeout: 120_000 }, async () => {
    const { rows } = await t.database.executeSql('select current_database() as name');
    const url = databaseUrl(inject('serverUrl'), (rows[0] as { name: string }).name);
    const scheduler = new Scheduler(t.database, { enabled: false, timezone: 'UTC', logger: t.app.log });
    scheduleBackups(
      scheduler,
      { databaseUrl: url, dataDir: backupDir, backupDir },
      { cron: '30 2 * * *', keep: 2, log: t.app.log },
    );
    const major = await serverMajor(url);
    const tools = await findClientTool('pg_dump', major).catch((error: unknown) => error);
    if (tools instanceof ClientToolsError) {
      // This server is newer than the machine's pg_dump: the job fails naming the version it needs.
      await expect(scheduler.runNow(BACKUP_JOB)).rejects.toThrow(
        new RegExp(`pg_dump of PostgreSQL ${major} or newer is needed`),
      );
      expect(readdirSync(backupDir)).toEqual([]);
      return;
    }
    for (let run = 0; run < 3; run++) await scheduler.runNow(BACKUP_JOB);
    const files = readdirSync(backupDir);
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(/^raktar-\d{8}T\d{6}(-\d+)?Z\.dump$/);
    expect(t.logs.filter((line) => line.msg === 'backup written')).toHaveLength(3);
  });
});
