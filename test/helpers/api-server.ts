import { inject } from 'vitest';
import { databaseUrl, onServer, uniqueDatabaseName } from './databases.js';
import { listeningPort, type RunningProcess, startProcess, waitFor } from './process.js';

// What global-setup.ts provides (declared again: the web tests' type check does not load that file).
declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    serverTemplate: string;
  }
}

/** The first administrator's password on these servers. */
export const ADMIN_PASSWORD = 'Admin!pass1';

export interface ApiServer {
  url: string;
  proc: RunningProcess;
  stop: () => Promise<void>;
}

/**
 * The real server (src/main.ts) as its own process on a fresh clone of the suite's database, for
 * tests that drive it from outside: a browser, or components under jsdom (which cannot load the
 * server's code in-process). `env` adds settings, e.g. WEB_DIR for the built UI.
 */
export async function startApiServer(env: Record<string, string> = {}): Promise<ApiServer> {
  const serverUrl = inject('serverUrl');
  const name = uniqueDatabaseName('raktar_web');
  await onServer(serverUrl, `create database "${name}" template "${inject('serverTemplate')}"`);
  const proc = startProcess('src/main.ts', {
    DATABASE_URL: databaseUrl(serverUrl, name),
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    ADMIN_USERNAME: 'admin',
    ADMIN_EMAIL: 'admin@raktar.test',
    ADMIN_PASSWORD,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    SCHEDULER_ENABLED: 'false',
    WEB_DIR: '/nonexistent/raktar-web-ui',
    ...env,
  });
  const stop = async () => {
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
    await proc.exited;
    await onServer(serverUrl, `drop database if exists "${name}" with (force)`);
  };
  try {
    const port = await listeningPort(proc);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => (await fetch(`${url}/health`).catch(() => null))?.ok === true,
      'health',
      60_000,
    );
    return { url, proc, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
