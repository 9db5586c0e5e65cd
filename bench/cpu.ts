import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system, ms) a process has used; 0 when it is gone or not on Linux. */
function processCpuMs(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
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
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += processCpuMs(entry);
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
