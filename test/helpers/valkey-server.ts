import { spawn } from 'node:child_process';
import { Valkey } from 'iovalkey';
import { debianBinary, freePort } from './debian.js';
import { waitFor } from './wait.js';

/** A Valkey/Redis server of the test's own on a free loopback port: in memory, nothing saved. */
export async function startValkeyServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const binary = debianBinary('/usr/bin/redis-server', 'redis-server');
  const port = await freePort();
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitFor(
      async () => {
        const client = new Valkey(url, {
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
        });
        try {
          await client.connect();
          return (await client.ping()) === 'PONG';
        } catch {
          return false;
        } finally {
          client.disconnect();
        }
      },
      'the Valkey server to answer',
      30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
