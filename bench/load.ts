import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Figures } from './ceiling.js';

/**
 * One kind of request, repeated. A JSON body is one of `templates` at random, with the string
 * "__choice__" replaced by one of `choices` and "__qty__" by a whole number in `quantities`.
 */
export interface Load {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: { templates: Record<string, unknown>[]; choices: string[]; quantities?: [number, number] };
}

export type LoadFigures = Figures & { errors: number };

export const CHOICE = '__choice__';
export const QUANTITY = '__qty__';

function randomBody(load: Load): string | undefined {
  if (!load.body) return undefined;
  const { templates, choices, quantities = [1, 1] } = load.body;
  const template = JSON.stringify(templates[Math.floor(Math.random() * templates.length)]);
  const quantity = quantities[0] + Math.floor(Math.random() * (quantities[1] - quantities[0] + 1));
  return template
    .replace(`"${CHOICE}"`, `"${choices[Math.floor(Math.random() * choices.length)]}"`)
    .replace(`"${QUANTITY}"`, String(quantity));
}

function autocannonOptions(base: string, load: Load): autocannon.Options {
  return {
    url: base,
    requests: [
      {
        method: load.method,
        path: load.path,
        headers: load.headers,
        ...(load.body ? { setupRequest: (request) => ({ ...request, body: randomBody(load) }) } : {}),
      },
    ],
  };
}

/** wrk (C, like pgbench on the database side) when installed; autocannon otherwise or when asked. */
export const loadGenerator: 'wrk' | 'autocannon' =
  process.env.BENCH_LOAD !== 'autocannon' && spawnSync('wrk', ['--version']).error === undefined
    ? 'wrk'
    : 'autocannon';

function luaString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function wrkScript(load: Load): string {
  const lines = [`wrk.method = "${load.method}"`];
  for (const [name, value] of Object.entries(load.headers))
    lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`);
  if (load.body) {
    const [low, high] = load.body.quantities ?? [1, 1];
    lines.push(`local choices = {${load.body.choices.map(luaString).join(',')}}`);
    lines.push(
      `local templates = {${load.body.templates.map((t) => luaString(JSON.stringify(t))).join(',')}}`,
    );
    lines.push(
      `request = function() local body = templates[math.random(#templates)]; body = (body:gsub('"${CHOICE}"', '"' .. choices[math.random(#choices)] .. '"')); body = (body:gsub('"${QUANTITY}"', tostring(math.random(${low}, ${high})))); return wrk.format(nil, ${luaString(load.path)}, nil, body) end`,
    );
  } else {
    lines.push(`wrk.path = ${luaString(load.path)}`);
  }
  lines.push(
    'done = function(s, latency) io.write(string.format("RESULT %d %d %.3f %.3f %d\\n", s.requests, s.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000, s.errors.connect + s.errors.read + s.errors.write + s.errors.status + s.errors.timeout)) end',
  );
  return `${lines.join('\n')}\n`;
}

function runWrk(base: string, load: Load, connections: number, seconds: number): LoadFigures {
  const dir = mkdtempSync(path.join(tmpdir(), 'raktar-wrk-'));
  try {
    const script = path.join(dir, 'load.lua');
    writeFileSync(script, wrkScript(load));
    const args = [
      '-t',
      '2',
      '-c',
      String(connections),
      '-d',
      `${seconds}s`,
      '--timeout',
      '10s',
      '-s',
      script,
      base,
    ];
    const run = spawnSync('wrk', args, { encoding: 'utf8' });
    const match = /RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stdout);
    if (!match) throw new Error(`wrk failed: ${run.stdout}${run.stderr}`);
    const [, requests, micros, p50, p99, errors] = match.map(Number) as number[];
    return {
      requests_per_second: Math.round((requests as number) / ((micros as number) / 1e6)),
      p50_ms: Math.round((p50 as number) * 100) / 100,
      p99_ms: Math.round((p99 as number) * 100) / 100,
      count: requests as number,
      errors: errors as number,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Drives `load` closed-loop from `connections` connections for `seconds`. */
export async function measure(
  base: string,
  load: Load,
  connections: number,
  seconds: number,
): Promise<LoadFigures> {
  if (loadGenerator === 'wrk') return runWrk(base, load, connections, seconds);
  const result = await autocannon({ ...autocannonOptions(base, load), connections, duration: seconds });
  return {
    requests_per_second: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    count: result.requests.total,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * Warms the server (JIT, plans, cold pages) with a fixed number of requests that all complete
 * before measuring: a timed warm-up would leave its slowest requests queued ahead of the run.
 */
export async function warmUp(base: string, load: Load, connections: number, perConnection: number) {
  await autocannon({
    ...autocannonOptions(base, load),
    connections,
    amount: connections * perConnection,
    timeout: 120,
  });
}

/** The mixed stock write: `POST /stock-movements`, half receipts, half issues of 1–10 of one of `products`. */
export function mixedWrites(headers: Record<string, string>, warehouseId: string, products: string[]): Load {
  return {
    method: 'POST',
    path: '/api/v1/stock-movements',
    headers,
    body: {
      templates: ['receipt', 'issue'].map((type) => ({
        product_id: CHOICE,
        warehouse_id: warehouseId,
        movement_type: type,
        quantity: QUANTITY,
      })),
      choices: products,
      quantities: [1, 10],
    },
  };
}
