import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait.js';

/** A gate a handler waits at: `entered` once a request reaches it, until `open()` lets it go on. */
function gate() {
  let open: () => void = () => {};
  const state = { entered: false, open: () => open() };
  const wait = () =>
    new Promise<void>((resolve) => {
      open = resolve;
      state.entered = true;
    });
  return { state, wait };
}

// Each test builds, listens on and closes an app of its own: no state passes from one to the next.
describe('graceful shutdown', () => {
  it('lets an API handler whose client hung up finish before the database closes', async () => {
    const t = await buildTestApp();
    const { state, wait } = gate();
    const writes: string[] = [];
    // An API handler whose client hangs up before it reaches the database.
    t.app.post(
      '/api/v1/test/slow-write',
      { schema: { hide: true }, config: { access: { public: true } } },
      async () => {
        await wait();
        const result = await t.database.executeSql('select 42 as answer');
        writes.push(String(result.rows[0]?.answer));
        return { done: true };
      },
    );
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = t.app.server.address() as { port: number };
      const abort = new AbortController();
      const hungUp = fetch(`http://127.0.0.1:${port}/api/v1/test/slow-write`, {
        method: 'POST',
        signal: abort.signal,
      }).catch(() => 'aborted');
      await waitFor(() => state.entered, 'the handler to be running');
      abort.abort();
      expect(await hungUp).toBe('aborted');
      let closed = false;
      const closing = t.app.close().then(() => {
        closed = true;
      });
      await waitFor(() => !t.app.server.listening, 'the server to stop listening');
      expect(closed).toBe(false);
      state.open();
      await closing;
      expect(writes).toEqual(['42']);
    } finally {
      state.open();
      await t.close();
    }
  });
});

describe('graceful shutdown of a listening server', () => {
  it('finishes an in-flight request while closing, then refuses new connections', async () => {
    const fresh = await buildTestApp();
    const { state, wait } = gate();
    fresh.app.get('/slow', { schema: { hide: true } }, async () => {
      await wait();
      return { done: true };
    });
    await fresh.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = fresh.app.server.address() as { port: number };
      const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
      await waitFor(() => state.entered, 'the request to reach its handler');
      const closing = fresh.app.close();
      await waitFor(() => !fresh.app.server.listening, 'the server to stop listening');
      state.open();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ done: true });
      await closing;
      await expect(fetch(`http://127.0.0.1:${port}/ping`)).rejects.toThrow();
    } finally {
      state.open();
      await fresh.close();
    }
  });
});

describe('graceful shutdown with connections that sent nothing', () => {
  it('ends a connection that never sent a request, and answers one whose request was half sent', async () => {
    const fresh = await buildTestApp();
    const accepted: Socket[] = [];
    fresh.app.server.on('connection', (socket: Socket) => accepted.push(socket));
    await fresh.app.listen({ host: '127.0.0.1', port: 0 });
    const sockets: Socket[] = [];
    try {
      const { port } = fresh.app.server.address() as { port: number };
      const open = (): Promise<Socket> =>
        new Promise((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket)).on('error', reject);
          sockets.push(socket);
        });
      // A preconnect, say a browser's or a load balancer's TCP check: it never sends a byte.
      const silent = await open();
      const silentEnded = new Promise((resolve) => silent.once('close', resolve));
      // A request whose headers are half sent when the shutdown begins.
      const partial = await open();
      let answer = '';
      partial.on('data', (chunk) => {
        answer += chunk.toString();
      });
      partial.write('GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: hu\r\n');
      await waitFor(
        () => accepted.length === 2 && accepted.some((socket) => socket.bytesRead > 0),
        'the server to accept both connections and read the partial request',
      );
      const closing = fresh.app.close();
      await silentEnded;
      await waitFor(() => !fresh.app.server.listening, 'the server to stop listening');
      const partialEnded = new Promise((resolve) => partial.once('close', resolve));
      partial.write('\r\n');
      await closing;
      await partialEnded;
      // Completed after the close began: refused with 503 (for a load balancer to retry), not dropped.
      expect(answer).toMatch(/^HTTP\/1\.1 503/);
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head.toLowerCase()).toContain('connection: close');
      expect(head.toLowerCase()).toContain('retry-after: 1');
      expect(JSON.parse(body)).toMatchObject({
        error_code: 'SHUTTING_DOWN',
        detail: 'Ez a kiszolgáló leáll, és nem hajtotta végre a kérést; küldje el újra.',
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await fresh.close();
    }
  });
});
