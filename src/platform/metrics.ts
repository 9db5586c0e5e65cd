import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { Errors } from './errors.js';

export interface MetricsOptions {
  poolStats: () => { total: number; idle: number; waiting: number };
  /** METRICS_TOKEN: scrapers send it as a bearer token; without it only loopback callers are served. */
  token: string | undefined;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;
const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether this caller may read the metrics (they list every route and the process's internals). */
function mayScrape(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return LOOPBACK.test(request.ip);
  const sent = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(sent), digest(token));
}

/** Prometheus metrics at /metrics: requests by route and status, latency, event loop, pool usage. */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: MetricsOptions) => {
    // One registry per app, so several apps in one process (tests) never share counters.
    const register = new Registry();
    collectDefaultMetrics({ register, eventLoopMonitoringPrecision: 20 });
    const labelNames = ['method', 'route', 'status'] as const;
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests',
      labelNames,
      registers: [register],
    });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [register],
    });
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database connections by state',
      labelNames: ['state'],
      registers: [register],
      collect() {
        const stats = options.poolStats();
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });

    app.addHook('onResponse', (request, reply, done) => {
      // The route pattern, never the raw URL: ids in paths would explode the label set.
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
      };
      requests.inc(labels);
      duration.observe(labels, reply.elapsedTime / 1000);
      done();
    });

    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (!mayScrape(request, options.token)) throw Errors.unauthorized();
      return reply.type(register.contentType).send(await register.metrics());
    });
  },
  { name: 'metrics' },
);
