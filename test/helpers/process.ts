import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

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

/** How long a wait on a process may take: a first start initialises a cluster, slow on a busy machine. */
export const PROCESS_WAIT_MS = 180_000;

export { waitFor } from './wait.js';

/** Whether the process has exited (its exit code or signal is known). */
function hasExited(proc: RunningProcess): boolean {
  return proc.child.exitCode !== null || proc.child.signalCode !== null;
}

function output(proc: RunningProcess): string {
  return `stdout:\n${proc.stdout.join('\n')}\nstderr:\n${proc.stderr.join('\n')}`;
}

/** Waits until a stdout line matches, or the process exits, or the time is up. */
export async function waitForLine(
  proc: RunningProcess,
  pattern: RegExp,
  timeoutMs = PROCESS_WAIT_MS,
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
    `no line matching ${pattern}${exited ? ' before the process exited' : ''}; ${output(proc)}`,
  );
}

/** The process's exit code once it exits; throws with its output if it is still running when the time is up. */
export async function exitCode(proc: RunningProcess, timeoutMs = PROCESS_WAIT_MS): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`still running after ${timeoutMs} ms; ${output(proc)}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([proc.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
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

/** Kills what is still running of `procs` and waits until each has exited. */
async function killAll(procs: RunningProcess[]): Promise<void> {
  for (const proc of procs) if (!hasExited(proc)) proc.child.kill('SIGKILL');
  await Promise.all(procs.map((proc) => proc.exited));
}

/**
 * A scratch DATA_DIR for each test and a `start` for processes on it. After each test, passed or
 * not, every process it started is killed, the embedded servers they left in any DATA_DIR are
 * stopped and the test's folders removed: a test that times out leaves nothing to the next one.
 */
export function processSandbox(prefix: string, env: Record<string, string> = {}) {
  let dataDir: string | undefined;
  let started: RunningProcess[] = [];
  let dataDirs = new Set<string>();
  let folders: string[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), prefix));
    // As root the embedded server runs as the `postgres` user, which must be able to enter DATA_DIR.
    chmodSync(dataDir, 0o711);
    dataDirs = new Set([dataDir]);
    folders = [dataDir];
  });
  afterEach(async () => {
    await killAll(started);
    for (const dir of dataDirs) await stopLeftoverServer(dir);
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    started = [];
    dataDir = undefined;
  }, PROCESS_WAIT_MS);

  const current = () => {
    if (!dataDir) throw new Error('processSandbox: only inside a test');
    return dataDir;
  };
  return {
    /** This test's DATA_DIR. */
    get dataDir() {
      return current();
    },
    /** A folder of this test's own (mode 0700), removed after it once its processes are stopped. */
    folder(name: string): string {
      const folder = mkdtempSync(path.join(tmpdir(), name));
      folders.push(folder);
      return folder;
    },
    start(entry = 'src/main.ts', extra: Record<string, string> = {}, args: string[] = []): RunningProcess {
      const vars = { DATA_DIR: current(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env, ...extra };
      dataDirs.add(vars.DATA_DIR);
      const proc = startProcess(entry, vars, args);
      started.push(proc);
      return proc;
    },
  };
}
