import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from './wait.js';

const BINARY = '/usr/sbin/haproxy';

/**
 * HAProxy from Debian's package, installed with apt when it is missing (as the browser tests do
 * with Chromium); anywhere else, one line saying what to install.
 */
export function haproxyBinary(): string {
  if (existsSync(BINARY)) return BINARY;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'haproxy'], { stdio: 'ignore' });
  }
  if (!existsSync(BINARY)) throw new Error(`this test runs HAProxy: install it (apt-get install haproxy)`);
  return BINARY;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Balancer {
  base: string;
  stop: () => Promise<void>;
}

/**
 * HAProxy in the foreground on a free loopback port, round-robin over `backends` (ports), each
 * checked on `/ping`; resolves once it answers.
 */
export async function startHaproxy(backends: number[]): Promise<Balancer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'raktar-haproxy-'));
  const config = path.join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 2048',
      'defaults',
      '  mode http',
      '  timeout connect 5s',
      '  timeout client 120s',
      '  timeout server 120s',
      'frontend api',
      `  bind 127.0.0.1:${port}`,
      '  default_backend raktar',
      'backend raktar',
      '  balance roundrobin',
      '  option httpchk GET /ping',
      ...backends.map((backend, i) => `  server api${i + 1} 127.0.0.1:${backend} check inter 300ms`),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(haproxyBinary(), ['-db', '-f', config], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // The backends are listening before it starts: it is ready once it answers.
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}`);
      return (await fetch(`http://127.0.0.1:${port}/ping`).catch(() => undefined))?.ok === true;
    },
    'HAProxy answering',
    60_000,
  );
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
