import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { debianBinary, freePort, serverAccount } from './debian.js';
import { runAsServer, serverTempDir, sqlOn } from './pg-cluster.js';
import { waitFor } from './wait.js';

/**
 * Monitor settings that make a lost primary noticed in seconds rather than the half minute of the
 * defaults: health checks every second, a node unhealthy 3 s after its last report, and a dead
 * primary given 2 s to demote itself before its standby takes over alone.
 */
const FAST_FAILOVER = {
  health_check_period: 1000,
  health_check_timeout: 1000,
  health_check_max_retries: 1,
  health_check_retry_delay: 500,
  node_considered_unhealthy_timeout: 3000,
  primary_demote_timeout: 2000,
  startup_grace_period: 1000,
};

interface Node {
  name: string;
  port: number;
  pgdata: string;
  keeper: ChildProcess;
}

export interface Formation {
  /** `postgres://postgres@127.0.0.1:p1,127.0.0.1:p2/raktar?target_session_attrs=read-write` */
  url: string;
  nodes: Node[];
  /** The node the monitor has as primary (or wait_primary). */
  primary: () => Promise<Node>;
  /**
   * SIGKILL to the node's postgres, and with `host` also to its pg_autoctl, so nothing restarts it
   * (the host is gone). Without, pg_autoctl restarts postgres in place and nothing fails over.
   */
  kill: (node: Node, what?: 'host' | 'postgres') => void;
  /** Until both nodes run again, one primary and one secondary, as the monitor wants them. */
  settled: () => Promise<void>;
  /** The monitor's view, for a failing test's message. */
  state: () => Promise<string>;
  stop: () => Promise<void>;
}

/**
 * A pg_auto_failover formation on loopback: a monitor, a primary and a secondary (synchronous
 * replication, as pg_auto_failover sets it up for two nodes), each `pg_autoctl run` in a process
 * group of its own, as the `postgres` account when the tests run as root.
 */
export async function startFormation(database = 'raktar'): Promise<Formation> {
  const pgAutoctl = debianBinary('/usr/bin/pg_autoctl', 'postgresql-15-auto-failover');
  const dir = serverTempDir('raktar-failover-');
  const env = {
    HOME: dir,
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    XDG_DATA_HOME: path.join(dir, 'share'),
    PATH: `/usr/lib/postgresql/15/bin:${process.env.PATH ?? ''}`,
  };
  const keepers: ChildProcess[] = [];
  const run = (pgdata: string): ChildProcess => {
    const log = openSync(`${pgdata}.log`, 'a');
    const keeper = spawn(pgAutoctl, ['run', '--pgdata', pgdata], {
      env,
      detached: true,
      stdio: ['ignore', log, log],
      ...(serverAccount() ?? {}),
    });
    keepers.push(keeper);
    return keeper;
  };
  const common = ['--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl'];
  const monitorPort = await freePort();
  const monitorSuper = `postgres://postgres@127.0.0.1:${monitorPort}/pg_auto_failover`;
  const states = async () =>
    sqlOn<{ nodename: string; nodeport: number; reportedstate: string; goalstate: string }>(
      monitorSuper,
      'select nodename, nodeport, reportedstate::text, goalstate::text from pgautofailover.node order by nodeid',
    );
  const nodes: Node[] = [];
  const settled = () =>
    waitFor(
      async () => {
        const now = await states();
        return (
          now.every((s) => s.reportedstate === s.goalstate) &&
          now.some((s) => s.reportedstate === 'primary') &&
          now.some((s) => s.reportedstate === 'secondary')
        );
      },
      'the formation to settle (a primary and a secondary)',
      90_000,
    );
  const stop = async () => {
    for (const keeper of keepers) {
      if (keeper.exitCode !== null || keeper.signalCode !== null || !keeper.pid) continue;
      try {
        process.kill(-keeper.pid, 'SIGKILL');
      } catch {}
    }
    // The postmasters' children leave once their postmaster is gone; their sockets go with the folder.
    for (const pgdata of [path.join(dir, 'monitor'), ...nodes.map((n) => n.pgdata)]) {
      try {
        const pid = Number(readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const monitorData = path.join(dir, 'monitor');
    runAsServer(
      pgAutoctl,
      ['create', 'monitor', '--pgdata', monitorData, '--pgport', String(monitorPort), ...common],
      env,
    );
    run(monitorData);
    await waitFor(
      async () => {
        try {
          await sqlOn(monitorSuper, 'select 1 from pgautofailover.node limit 1');
          return true;
        } catch {
          return false;
        }
      },
      'the pg_auto_failover monitor',
      60_000,
    );
    for (const [name, value] of Object.entries(FAST_FAILOVER))
      await sqlOn(monitorSuper, `alter system set pgautofailover.${name} = ${value}`);
    await sqlOn(monitorSuper, 'select pg_reload_conf()');
    const monitorUrl = `postgres://autoctl_node@127.0.0.1:${monitorPort}/pg_auto_failover`;
    for (const [index, goal] of [
      [1, 'single'],
      [2, 'secondary'],
    ] as const) {
      const port = await freePort();
      const pgdata = path.join(dir, `node${index}`);
      const name = `node${index}`;
      runAsServer(
        pgAutoctl,
        [
          ...['create', 'postgres', '--pgdata', pgdata, '--pgport', String(port), '--name', name],
          ...['--monitor', monitorUrl, '--dbname', database, ...common],
        ],
        env,
      );
      nodes.push({ name, port, pgdata, keeper: run(pgdata) });
      await waitFor(
        async () => (await states()).some((s) => s.nodename === name && s.reportedstate === goal),
        `${name} to become ${goal}`,
        90_000,
      );
    }
    await settled();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `postgres://postgres@${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}/${database}?target_session_attrs=read-write`,
    nodes,
    primary: async () => {
      const row = (await states()).find((s) => ['primary', 'wait_primary', 'single'].includes(s.goalstate));
      const node = nodes.find((n) => n.port === row?.nodeport);
      if (!node) throw new Error(`no primary: ${JSON.stringify(await states())}`);
      return node;
    },
    kill: (node) => {
      const postmaster = Number(
        readFileSync(path.join(node.pgdata, 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      if (node.keeper.pid) process.kill(-node.keeper.pid, 'SIGKILL');
      try {
        process.kill(postmaster, 'SIGKILL');
      } catch {}
    },
    settled,
    state: async () => JSON.stringify(await states()),
    stop,
  };
}
