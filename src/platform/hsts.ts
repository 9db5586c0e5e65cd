import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** helmet's default: a year, subdomains included. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Strict-Transport-Security only on HTTPS responses (direct, or behind a trusted proxy that says
 * so): over plain HTTP the header is meaningless and misleads scanners and operators.
 */
export const hstsPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onSend', (request, reply, payload, done) => {
      if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
      done(null, payload);
    });
  },
  { name: 'hsts' },
);
