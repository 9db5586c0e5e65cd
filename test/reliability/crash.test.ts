// SIGKILL of the API under keyed write load, then restart: no acknowledged write is lost, every
// keyed retry completes (replaying its answer or running fresh, never 409), each key posted once,
// and `verify` is clean. On the embedded default and on a PostgreSQL server (the suite's: the
// embedded one under `npm test`, TEST_DATABASE_URL's in CI). `npm test` kills once per target;
// `npm run test:reliability` five times and writes bench/results/crash.json.
import { describe, expect, inject, it } from 'vitest';
import { databaseUrl, onServer, uniqueDatabaseName } from '../helpers/databases.js';
import {
  exitCode,
  listeningPort,
  processSandbox,
  type RunningProcess,
  waitForLine,
} from '../helpers/process.js';
import { type Target, WriteLoad } from './crash-load.js';
import { FULL, recordFigures } from './report.js';

const KILLS = Number(process.env.CRASH_KILLS ?? (FULL ? 5 : 1));
/** Writes acknowledged in each life of the server before it is killed. */
const PER_LIFE = Number(process.env.CRASH_WRITES ?? 200);

const password = 'Crash!test1';
const sandbox = processSandbox('raktar-crash-', { ADMIN_PASSWORD: password });

async function startOn(extra: Record<string, string>): Promise<{ proc: RunningProcess; base: string }> {
  const proc = sandbox.start('src/main.ts', extra);
  const port = await listeningPort(proc);
  return { proc, base: `http://127.0.0.1:${port}/api/v1` };
}

async function crashRun(target: Target, env: Record<string, string>): Promise<void> {
  const load = new WriteLoad(password);
  for (let life = 0; life < KILLS; life++) {
    const { proc, base } = await startOn(env);
    if (life > 0 && target === 'embedded') {
      // No manual step: the start finds the server the killed process left and restarts it.
      expect(proc.stdout.join('\n')).toMatch(/stopping the embedded PostgreSQL \(pid \d+\) left running/);
    }
    await load.connect(base);
    await load.runUntil(PER_LIFE, () => proc.child.exitCode !== null);
    expect(proc.child.exitCode, proc.stderr.join('\n')).toBeNull();
    proc.child.kill('SIGKILL');
    await load.stop();
    await proc.exited;
  }
  const { proc, base } = await startOn(env);
  await load.connect(base);
  const counts = await load.check();
  recordFigures('crash', target, { kills: KILLS, ...counts });
  expect(counts.lost).toBe(0);
  expect(counts.retry_conflicts).toBe(0);
  expect(counts.retry_failures).toBe(0);
  expect(counts.posted_twice).toBe(0);
  expect(counts.verify_ok).toBe(true);
  proc.child.kill('SIGTERM');
  expect(await exitCode(proc)).toBe(0);
  await waitForLine(proc, /"shutting down"/, 1_000);
}

describe('SIGKILL under keyed write load', { timeout: 900_000 }, () => {
  it('on the embedded default: nothing acknowledged is lost, every keyed retry completes', async () => {
    await crashRun('embedded', {});
  });

  it('on a PostgreSQL server: nothing acknowledged is lost, every keyed retry completes', async () => {
    const server = inject('serverUrl');
    const name = uniqueDatabaseName('raktar_crash');
    await onServer(server, `create database "${name}"`);
    try {
      await crashRun('server', {
        DATABASE_URL: databaseUrl(server, name),
        JWT_SECRET: 'crash-test-secret-crash-test-secret-0123',
      });
    } finally {
      await onServer(server, `drop database if exists "${name}" with (force)`);
    }
  });
});
