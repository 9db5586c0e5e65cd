import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

export interface RunningProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

/** Starts a TypeScript entry point as its own process with the given environment. */
export function startProcess(
  entry: string,
  env: Record<string, string>,
  args: string[] = [],
): RunningProcess {
  // Node itself with tsx's loader, not the tsx wrapper: a signal must reach the real process.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, entry), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (chunk) => stdout.push(...String(chunk).split('\n').filter(Boolean)));
  child.stderr?.on('data', (chunk) => stderr.push(...String(chunk).split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout, stderr, exited };
}

/** Waits until a stdout line matches, or the process exits, or the time is up. */
export async function waitForLine(
  proc: RunningProcess,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    const line = proc.stdout.find((l) => pattern.test(l));
    if (line) return line;
    if (exited) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `no line matching ${pattern}; stdout:\n${proc.stdout.join('\n')}\nstderr:\n${proc.stderr.join('\n')}`,
  );
}

/** The port a started server reported it listens on. */
export async function listeningPort(proc: RunningProcess): Promise<number> {
  const line = await waitForLine(proc, /Server listening at http:\/\/127\.0\.0\.1:\d+/);
  return Number(/127\.0\.0\.1:(\d+)/.exec(line)?.[1]);
}

/**
 * Ends what a test's processes left behind in a DATA_DIR: a process killed with SIGKILL leaves its
 * embedded server running, detached, until the next start stops it. Waits until it is gone.
 */
export async function stopLeftoverServer(dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  process.kill(pid, 'SIGQUIT');
  const deadline = Date.now() + 30_000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** POST /api/v1/auth/login on a running server. */
export function httpLogin(port: number, username: string, password: string | undefined): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

/**
 * A scratch DATA_DIR for one test file and a `start` for processes on it; after the file, every
 * process is killed, the embedded server they left is stopped and the folder removed.
 */
export function processSandbox(prefix: string, env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  // As root the embedded server runs as the `postgres` user, which must be able to enter DATA_DIR.
  chmodSync(dataDir, 0o711);
  const base = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env };
  const started: RunningProcess[] = [];
  const start = (entry = 'src/main.ts', extra: Record<string, string> = {}, args: string[] = []) => {
    const proc = startProcess(entry, { ...base, ...extra }, args);
    started.push(proc);
    return proc;
  };
  afterAll(async () => {
    for (const proc of started) proc.child.kill('SIGKILL');
    await stopLeftoverServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { dataDir, start };
}
