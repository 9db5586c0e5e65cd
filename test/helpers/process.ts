import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

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
  const child = spawn(tsx, [path.join(root, entry), ...args], {
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
