import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Resident memory of the API process and of the embedded server (MiB), as Linux reports them. */
export interface Memory {
  api_rss_mib: number | null;
  /** The embedded server: postmaster and its backends, proportional set size (shared memory counted once). */
  db_pss_mib: number | null;
}

function statusKb(pid: number, field: string): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) : null;
  } catch {
    return null;
  }
}

function pssKb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Pss:'));
    return line ? Number(line.split(/\s+/)[1]) : 0;
  } catch {
    return 0;
  }
}

function children(parent: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        // Field 4 of stat is the parent; the command (field 2) may hold spaces, so split after it.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false;
      }
    });
}

const mib = (kb: number) => Math.round(kb / 1024);

/** The memory now; `dataDir` names an embedded server's DATA_DIR. */
export function memory(apiPid: number, dataDir?: string): Memory {
  const rss = statusKb(apiPid, 'VmRSS');
  let db: number | null = null;
  if (dataDir) {
    try {
      const postmaster = Number(
        readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      db = mib([postmaster, ...children(postmaster)].reduce((sum, pid) => sum + pssKb(pid), 0));
    } catch {
      db = null;
    }
  }
  return { api_rss_mib: rss === null ? null : mib(rss), db_pss_mib: db };
}

/** The higher of two readings, figure by figure (a missing reading counts as none). */
export function peakOf(a: Memory, b: Memory | undefined): Memory {
  return {
    api_rss_mib: Math.max(a.api_rss_mib ?? 0, b?.api_rss_mib ?? 0) || null,
    db_pss_mib: Math.max(a.db_pss_mib ?? 0, b?.db_pss_mib ?? 0) || null,
  };
}

/** Samples memory every half second until stopped; returns the highest figures seen. */
export function sampleMemory(apiPid: number, dataDir?: string): () => Memory {
  let peak: Memory = memory(apiPid, dataDir);
  const timer = setInterval(() => {
    peak = peakOf(peak, memory(apiPid, dataDir));
  }, 500);
  return () => {
    clearInterval(timer);
    return peak;
  };
}
