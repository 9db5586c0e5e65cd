// The API server as the benchmarks run it: its own process, a free port, warn-level logs.
import { type ChildProcess, spawn } from 'node:child_process';
import pg from 'pg';
import { freePort } from '../test/helpers/debian.js';

/** The API's connections to PostgreSQL: a few per core serve 32 clients best on two cores. */
export const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 8);
export const PASSWORD = 'Bench!pass1';
const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256';

export async function serverReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the real server (warn-level logs: no log line per request) and waits until it answers:
 * from the TypeScript sources through tsx, or `compiled`, as `node dist/main.js` after `npm run build`
 * (what a deployment runs: no transpiler in the process, so its memory is the service's own).
 */
export async function startServer(
  env: Record<string, string>,
  options: { compiled?: boolean } = {},
): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  // BENCH_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the server.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const entry = options.compiled ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    env: {
      PATH: process.env.PATH ?? '',
      // No scheduled jobs unless a benchmark measures one (imports run as jobs).
      SCHEDULER_ENABLED: 'false',
      ...env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      JWT_SECRET,
      ADMIN_PASSWORD: PASSWORD,
      DB_POOL_SIZE: String(POOL_SIZE),
      // Group-commit settings under test, when given.
      ...Object.fromEntries(
        ['POSTING_BATCH_MAX', 'POSTING_BATCHES_IN_FLIGHT'].flatMap((name) =>
          process.env[name] ? [[name, process.env[name] as string]] : [],
        ),
      ),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/ping`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not start');
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * A new database on the server at `serverUrl`, and how to drop it (connections and all). No
 * connection stays open in between, so a run that keeps the database (BENCH_KEEP) still exits.
 */
export async function scratchDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}`;
  const onServer = async (statement: string) => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  await onServer(`create database ${name}`);
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  return { url: target.toString(), drop: () => onServer(`drop database if exists ${name} with (force)`) };
}

/** A bearer token of the first administrator of a server `startServer` started. */
export async function adminToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
