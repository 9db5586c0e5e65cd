import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let release: () => void = () => {};
let releaseWrite: () => void = () => {};
const writes: string[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  t.app.get('/slow', { schema: { hide: true } }, async () => {
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    return { done: true };
  });
  // An API handler whose client hangs up before it reaches the database.
  t.app.post(
    '/api/v1/test/slow-write',
    { schema: { hide: true }, config: { access: { public: true } } },
    async () => {
      await new Promise<void>((resolve) => {
        releaseWrite = resolve;
      });
      const result = await t.database.executeSql('select 42 as answer');
      writes.push(String(result.rows[0]?.answer));
      return { done: true };
    },
  );
  await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => t.close());

describe('graceful shutdown', () => {
  it('lets an API handler whose client hung up finish before the database closes', async () => {
    const { port } = t.app.server.address() as { port: number };
    const abort = new AbortController();
    const hungUp = fetch(`http://127.0.0.1:${port}/api/v1/test/slow-write`, {
      method: 'POST',
      signal: abort.signal,
    }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 100));
    abort.abort();
    expect(await hungUp).toBe('aborted');
    let closed = false;
    const closing = t.app.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(closed).toBe(false);
    releaseWrite();
    await closing;
    expect(writes).toEqual(['42']);
  });
});

describe('graceful shutdown of a listening server', () => {
  it('finishes an in-flight request while closing, then refuses new connections', async () => {
    const fresh = await buildTestApp();
    fresh.app.get('/slow', { schema: { hide: true } }, async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { done: true };
    });
    await fresh.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = fresh.app.server.address() as { port: number };
      const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
      await new Promise((r) => setTimeout(r, 100));
      const closing = fresh.app.close();
      await new Promise((r) => setTimeout(r, 100));
      release();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ done: true });
      await closing;
      await expect(fetch(`http://127.0.0.1:${port}/ping`)).rejects.toThrow();
    } finally {
      await fresh.close();
    }
  });
});
