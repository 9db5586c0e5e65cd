import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let release: () => void = () => {};
beforeAll(async () => {
  t = await buildTestApp();
  t.app.get('/slow', { schema: { hide: true } }, async () => {
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    return { done: true };
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => t.close());

describe('graceful shutdown', () => {
  it('finishes an in-flight request while closing, then refuses new connections', async () => {
    const { port } = t.app.server.address() as { port: number };
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
    await new Promise((r) => setTimeout(r, 100));
    const closing = t.app.close();
    await new Promise((r) => setTimeout(r, 100));
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closing;
    await expect(fetch(`http://127.0.0.1:${port}/ping`)).rejects.toThrow();
  });
});
