import { describe, expect, it } from 'vitest';
import {
  httpLogin,
  listeningPort,
  processSandbox,
  type RunningProcess,
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
  const call: Caller = async (method, url, body) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: res.status,
      body: (await res.json().catch(() => null)) as Record<string, unknown> | null,
    };
  };
  return { proc, call };
}

type Caller = (
  method: string,
  url: string,
  body?: unknown,
) => Promise<{ status: number; body: Record<string, unknown> | null }>;

describe('a SIGKILL of the API during writes', { timeout: 180_000 }, () => {
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

    // Eight clients post receipts until the process dies under them.
    const acknowledged: string[] = [];
    let killed = false;
    const client = async () => {
      while (!killed) {
        try {
          const res = await first.call('POST', '/stock-movements', receipt);
          if (res.status === 201) acknowledged.push(res.body?.id as string);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 10));
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
    const list = await second.call('GET', `/stock-movements?product_id=${product.body?.id}&page_size=1`);
    expect(list.body?.total as number).toBeGreaterThanOrEqual(acknowledged.length);

    second.proc.child.kill('SIGTERM');
    expect(await second.proc.exited).toBe(0);
    await waitForLine(second.proc, /"shutting down"/, 1_000);
  });
});
