import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Connections that have not sent a byte since they opened: a browser's preconnect, a load
 * balancer's TCP check. Node's `server.close()` ends idle keep-alive connections but counts these
 * as waiting for their first request, so one of them held a shutdown open until the headers
 * timeout (a minute), past the shutdown delay. `close()` ends them; a connection that has sent
 * part of a request is left to finish it.
 */
export function silentConnections(server: Server): { close: () => void } {
  const fresh = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    fresh.add(socket);
    socket.once('close', () => fresh.delete(socket));
  });
  server.on('request', (request) => fresh.delete(request.socket));
  return {
    close: () => {
      for (const socket of fresh) if (socket.bytesRead === 0) socket.destroy();
    },
  };
}
