import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { debianBinary, freePort } from './debian.js';
import { waitFor } from './wait.js';

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
  const child: ChildProcess = spawn(debianBinary('/usr/sbin/haproxy', 'haproxy'), ['-db', '-f', config], {
    stdio: 'ignore',
  });
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
