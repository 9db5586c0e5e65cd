import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * CPU time (user + system, ms) a process has used, with `children` that of its children that
 * exited (a PostgreSQL server's backends end with their connections); 0 when it is gone.
 */
function processCpuMs(pid: number | string, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime, stime, cutime, cstime.
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const own = (fields[11] ?? 0) + (fields[12] ?? 0);
    return (own + (children ? (fields[13] ?? 0) + (fields[14] ?? 0) : 0)) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU time of every PostgreSQL process on the machine (server and backends). */
function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres')
        total += processCpuMs(entry, true);
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

export interface CpuUse {
  /** Microseconds of CPU per request or transaction. */
  node_us: number | null;
  postgres_us: number;
}

/** Starts counting the CPU of the API process and of PostgreSQL; `stop(count)` gives it per unit of work. */
export function countCpu(apiPid?: number): (count: number) => CpuUse {
  const node = apiPid ? processCpuMs(apiPid) : 0;
  const postgres = postgresCpuMs();
  return (count) => ({
    node_us: apiPid ? Math.round(((processCpuMs(apiPid) - node) * 1000) / count) : null,
    postgres_us: Math.round(((postgresCpuMs() - postgres) * 1000) / count),
  });
}
