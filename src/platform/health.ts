import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import type { Database } from '../db/client.js';
import type { Scheduler } from './scheduler.js';

const DB_PING_TIMEOUT_MS = 2_000;

const HealthResponse = Type.Object(
  {
    status: Type.Union([Type.Literal('healthy'), Type.Literal('unhealthy')]),
    database: Type.Object({
      status: Type.Union([Type.Literal('ok'), Type.Literal('down')]),
      latency_ms: Type.Union([Type.Number(), Type.Null()]),
      embedded: Type.Union([
        Type.Object(
          {
            up: Type.Boolean({ description: 'the server answered this check' }),
            version: Type.String({ description: 'PostgreSQL server version' }),
            data_dir: Type.String({ description: 'where the cluster keeps its files' }),
            port: Type.Integer({ description: 'loopback port it listens on' }),
          },
          { description: 'the embedded PostgreSQL server this process runs (no DATABASE_URL)' },
        ),
        Type.Null({ description: 'DATABASE_URL names the server' }),
      ]),
    }),
    scheduler: Type.String({ description: 'disabled | starting | running | stopped | failed' }),
    jobs: Type.Array(Type.Object({ name: Type.String(), cron: Type.String(), timezone: Type.String() })),
    timestamp: Type.String({ format: 'date-time' }),
  },
  {
    examples: [
      {
        status: 'healthy',
        database: {
          status: 'ok',
          latency_ms: 0.4,
          embedded: { up: true, version: '18.4', data_dir: '/srv/raktar/data/postgres', port: 40213 },
        },
        scheduler: 'running',
        jobs: [{ name: 'release-expired-reservations', cron: '*/15 * * * *', timezone: 'Europe/Budapest' }],
        timestamp: '2026-01-15T09:30:00.000Z',
      },
    ],
  },
);

async function pingDatabase(database: Database): Promise<number | null> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database ping timed out')), DB_PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([database.executeSql('select 1', []), timeout]);
    return Math.round((performance.now() - started) * 100) / 100;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** `/api`, `/ping` and `/health`: what the service is and whether it can serve (`/` is the web UI). */
export const healthPlugin = fp(
  async (
    app: FastifyInstance,
    options: { database: Database; scheduler: Scheduler; version: string; timezone: string },
  ) => {
    app.get(
      '/api',
      {
        schema: {
          tags: ['system'],
          summary: 'Service name, version, business time zone and where the documentation is',
          response: {
            200: Type.Object(
              {
                name: Type.String(),
                version: Type.String(),
                docs: Type.String(),
                redoc: Type.String(),
                openapi: Type.String(),
                health: Type.String(),
                timezone: Type.String({
                  description:
                    'The IANA zone the business runs in (TIMEZONE): business days, month ends and report periods are counted in it',
                }),
              },
              {
                examples: [
                  {
                    name: 'Raktar',
                    version: '0.1.0',
                    docs: '/docs',
                    redoc: '/redoc',
                    openapi: '/openapi.json',
                    health: '/health',
                    timezone: 'Europe/Budapest',
                  },
                ],
              },
            ),
          },
        },
      },
      async () => ({
        name: 'Raktar',
        version: options.version,
        docs: '/docs',
        redoc: '/redoc',
        openapi: '/openapi.json',
        health: '/health',
        timezone: options.timezone,
      }),
    );

    app.get(
      '/ping',
      {
        schema: {
          tags: ['system'],
          summary: 'Liveness: answers while the process runs',
          response: { 200: Type.Object({ status: Type.Literal('ok') }, { examples: [{ status: 'ok' }] }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/health',
      {
        schema: {
          tags: ['system'],
          summary: 'Readiness: database, scheduler and jobs; 503 when the database does not answer',
          response: { 200: HealthResponse, 503: HealthResponse },
        },
      },
      async (_request, reply) => {
        const latency = await pingDatabase(options.database);
        const scheduler = options.scheduler.status();
        const healthy = latency !== null;
        const { embedded } = options.database;
        return reply.code(healthy ? 200 : 503).send({
          status: healthy ? 'healthy' : 'unhealthy',
          database: {
            status: healthy ? 'ok' : 'down',
            latency_ms: latency,
            embedded: embedded
              ? { up: healthy, version: embedded.version, data_dir: embedded.dataDir, port: embedded.port }
              : null,
          },
          scheduler: scheduler.state,
          jobs: scheduler.jobs,
          timestamp: new Date().toISOString(),
        });
      },
    );
  },
  { name: 'health' },
);
