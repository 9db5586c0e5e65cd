import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Figures, percentile } from './ceiling.js';

/** Whether PostgreSQL's own load generator is on the PATH. */
export function pgbenchAvailable(): boolean {
  return spawnSync('pgbench', ['--version']).status === 0;
}

/**
 * Runs `script` with pgbench (prepared statements, `clients` connections, two threads) and reads
 * every transaction's latency from its log, so p50/p99 are exact rather than estimated.
 */
export function pgbench(url: string, script: string, clients: number, seconds: number): Figures {
  const dir = mkdtempSync(path.join(tmpdir(), 'raktar-pgbench-'));
  try {
    const file = path.join(dir, 'write.sql');
    writeFileSync(file, script);
    const args = ['-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds)];
    const run = spawnSync('pgbench', [...args, '-l', '--log-prefix', path.join(dir, 'tx'), '-f', file, url], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`pgbench failed: ${run.stderr}`);
    const tps = /tps = ([\d.]+)/.exec(run.stdout)?.[1];
    // Log lines: client, transaction, latency in µs, script, epoch s, µs.
    const latencies = readdirSync(dir)
      .filter((name) => name.startsWith('tx'))
      .flatMap((name) => readFileSync(path.join(dir, name), 'utf8').trim().split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .sort((a, b) => a - b);
    return {
      requests_per_second: Math.round(Number(tps)),
      p50_ms: Math.round(percentile(latencies, 50) * 100) / 100,
      p99_ms: Math.round(percentile(latencies, 99) * 100) / 100,
      count: latencies.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
