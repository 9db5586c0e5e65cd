import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listeningPort, type RunningProcess, startProcess, waitForLine } from '../helpers/process.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'raktar-proc-'));
const env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
const started: RunningProcess[] = [];
function start(extra: Record<string, string> = {}, entry = 'src/main.ts') {
  const proc = startProcess(entry, { ...env, ...extra });
  started.push(proc);
  return proc;
}

afterAll(() => {
  for (const proc of started) proc.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the server process on embedded PGlite', () => {
  it('starts on a fresh DATA_DIR, refuses a second process on it, stops cleanly and restarts', async () => {
    const first = start();
    const port = await listeningPort(first);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'healthy', scheduler: 'running' });

    const second = start();
    expect(await second.exited).toBe(1);
    expect(second.stderr.join('\n')).toMatch(/DATA_DIR .* is in use by another Raktar process/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stdout.some((line) => line.includes('"shutting down"'))).toBe(true);

    // The same data again: nothing to migrate, and the lock was released.
    const again = start();
    const ready = JSON.parse(await waitForLine(again, /"msg":"database ready"/));
    expect(ready.migrations_applied).toBe(0);
    await waitForLine(again, /Raktar ready/);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('`npm run migrate` applies nothing to an up-to-date database', async () => {
    const migrate = start({}, 'src/cli/migrate.ts');
    expect(await migrate.exited).toBe(0);
    expect(migrate.stdout.join('\n')).toContain('0 migration(s) applied to the pglite database');
  });

  it('stops with one clear line naming an invalid setting', async () => {
    const bad = start({ PORT: 'eighty' });
    expect(await bad.exited).toBe(1);
    expect(bad.stderr).toEqual(['raktar: Invalid setting PORT="eighty": must be integer']);
  });
});
