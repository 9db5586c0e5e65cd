import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups, pruneBackups, stampedName } from '../../src/db/backup/backup-files.js';
import { ClientToolsError, findClientTool, toolMajor } from '../../src/db/backup/pg-dump.js';

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'raktar-backups-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('backup file names and retention', () => {
  it('stamps a name in UTC to the second, and never reuses one', () => {
    const dir = folder();
    const at = new Date('2026-01-15T09:30:00.123Z');
    const first = stampedName(dir, 'tar.gz', at);
    expect(path.basename(first)).toBe('raktar-20260115T093000Z.tar.gz');
    writeFileSync(first, '');
    expect(path.basename(stampedName(dir, 'tar.gz', at))).toBe('raktar-20260115T093000-2Z.tar.gz');
    expect(path.basename(stampedName(dir, 'dump', at))).toBe('raktar-20260115T093000Z.dump');
  });

  it('keeps the newest backups and touches nothing else in the folder', () => {
    const dir = folder();
    const names = [
      'raktar-20260101T000000Z.tar.gz',
      'raktar-20260102T000000Z.dump',
      'raktar-20260103T000000Z.tar.gz',
      'raktar-20260103T000000-2Z.tar.gz',
      'notes.txt',
      'raktar-20260104T000000Z.tar.gz.partial',
    ];
    for (const name of names) writeFileSync(path.join(dir, name), '');
    expect(listBackups(dir).map((file) => path.basename(file))).toEqual([
      'raktar-20260103T000000-2Z.tar.gz',
      'raktar-20260103T000000Z.tar.gz',
      'raktar-20260102T000000Z.dump',
      'raktar-20260101T000000Z.tar.gz',
    ]);
    expect(pruneBackups(dir, 2).map((file) => path.basename(file))).toEqual([
      'raktar-20260102T000000Z.dump',
      'raktar-20260101T000000Z.tar.gz',
    ]);
    expect(readdirSync(dir).sort()).toEqual([
      'notes.txt',
      'raktar-20260103T000000-2Z.tar.gz',
      'raktar-20260103T000000Z.tar.gz',
      'raktar-20260104T000000Z.tar.gz.partial',
    ]);
  });
});

describe('the client tools for a PostgreSQL server', () => {
  it('reads the major version a tool reports', () => {
    expect(toolMajor('pg_dump (PostgreSQL) 15.19 (Debian 15.19-0+deb12u1)')).toBe(15);
    expect(toolMajor('pg_restore (PostgreSQL) 18.1')).toBe(18);
    expect(toolMajor('pg_dump (PostgreSQL) 19beta1')).toBe(19);
    expect(toolMajor('something else')).toBeUndefined();
  });

  it('refuses tools older than the server with one message naming the version needed', async () => {
    const error = await findClientTool('pg_dump', 99).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientToolsError);
    expect((error as Error).message).toMatch(
      /^pg_dump of PostgreSQL 99 or newer is needed for this PostgreSQL 99 server; found (only pg_dump \(PostgreSQL\) \d+|no pg_dump).*postgresql-client-99/,
    );
  });
});
