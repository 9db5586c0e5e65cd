import { describe, expect, it } from 'vitest';
import {
  exitCode,
  httpLogin,
  listeningPort,
  processSandbox,
  type RunningProcess,
  waitFor,
  waitForLine,
} from '../helpers/process.js';

const password = 'Crash!test1';
const { start } = processSandbox('raktar-crash-', { ADMIN_PASSWORD: password });

async function startServer(): Promise<{ proc: RunningProcess; call: Caller }> {
  const proc = start();
  const port = await listeningPort(proc);
  const base = `http://127.0.0.1:${port}/api/v1`;
  const login = await httpLogin(port, 'admin', password);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const call: Caller = async (method, url, body, key) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: res.status,
      replayed: res.headers.get('idempotent-replayed') === 'true',
      body: (await res.json().catch(() => null)) as Record<string, unknown> | null,
    };
  };
  return { proc, call };
}

type Caller = (
  method: string,
  url: string,
  body?: unknown,
  key?: string,
) => Promise<{ status: number; replayed: boolean; body: Record<string, unknown> | null }>;

describe('a SIGKILL of the API during writes', { timeout: 480_000 }, () => {
  it('loses no acknowledged movement, and the next start recovers by itself', async () => {
    const first = await startServer();
    const wh = await first.call('POST', '/warehouses', { code: 'CRASH', name: 'Crash test' });
    const product = await first.call('POST', '/products', { sku: 'CRASH-1', name: 'Crash test item' });
    expect([wh.status, product.status]).toEqual([201, 201]);
    const receipt = {
      product_id: product.body?.id,
      warehouse_id: wh.body?.id,
      movement_type: 'receipt',
      quantity: 1,
    };

    // Eight clients post receipts, each under its own Idempotency-Key, until the process dies
    // under them (group-committed: many share a transaction).
    const acknowledged: string[] = [];
    const answered = new Map<string, string>();
    const sent: string[] = [];
    let killed = false;
    const client = async () => {
      while (!killed) {
        const key = `crash-${sent.length}`;
        sent.push(key);
        try {
          const res = await first.call('POST', '/stock-movements', receipt, key);
          if (res.status === 201) {
            acknowledged.push(res.body?.id as string);
            answered.set(key, res.body?.id as string);
          }
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await waitFor(
      () => acknowledged.length >= 300 || first.proc.child.exitCode !== null,
      '300 acknowledged receipts',
    );
    expect(first.proc.child.exitCode, first.proc.stderr.join('\n')).toBeNull();
    first.proc.child.kill('SIGKILL');
    killed = true;
    await first.proc.exited;
    await Promise.all(clients);

    // No manual step: the next start finds the server the dead process left running and restarts it.
    const second = await startServer();
    expect(second.proc.stdout.join('\n')).toMatch(
      /stopping the embedded PostgreSQL \(pid \d+\) left running/,
    );
    for (let i = 0; i < acknowledged.length; i += 50) {
      const found = await Promise.all(
        acknowledged.slice(i, i + 50).map((id) => second.call('GET', `/stock-movements/${id}`)),
      );
      expect(found.map((res) => res.status)).toEqual(found.map(() => 200));
    }
    const verify = await second.call('GET', '/inventory/verify');
    expect(verify.body).toMatchObject({ ok: true, mismatches: [] });
    // Every request is retried: one that posted (answered or not before the kill) replays its
    // stored answer, one that did not posts now. A posting without its stored answer would post
    // twice; an answer without its posting would replay a movement that is not there.
    const retried = new Map<string, { replayed: boolean; id: string }>();
    for (let i = 0; i < sent.length; i += 50) {
      const keys = sent.slice(i, i + 50);
      const results = await Promise.all(
        keys.map((key) => second.call('POST', '/stock-movements', receipt, key)),
      );
      results.forEach((res, j) => {
        expect(res.status).toBe(201);
        retried.set(keys[j] as string, { replayed: res.replayed, id: res.body?.id as string });
      });
    }
    for (const [key, id] of answered) expect(retried.get(key)).toEqual({ replayed: true, id });
    const list = await second.call('GET', `/stock-movements?product_id=${product.body?.id}&page_size=1`);
    expect(list.body?.total).toBe(sent.length);
    for (const { id } of retried.values()) {
      expect((await second.call('GET', `/stock-movements/${id}`)).status).toBe(200);
    }

    second.proc.child.kill('SIGTERM');
    expect(await exitCode(second.proc)).toBe(0);
    await waitForLine(second.proc, /"shutting down"/, 1_000);
  });
});
