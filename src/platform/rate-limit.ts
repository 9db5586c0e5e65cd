import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Errors } from './errors.js';
import type { ValkeyClient } from './valkey.js';

export interface RateLimitOptions {
  /** Requests per window for reads (GET, HEAD); 0: no limit. */
  readMax: number;
  /** Requests per window for writes (POST, PUT, PATCH, DELETE); 0: no limit. */
  writeMax: number;
  windowSeconds: number;
  /** Shared counters for every instance; memory (per instance) without it. */
  valkey: ValkeyClient | undefined;
  prefix: string;
}

const isWrite = (request: FastifyRequest) => request.method !== 'GET' && request.method !== 'HEAD';

/**
 * A general API rate limit per caller, reads and writes counted apart: a signed-in caller by
 * user, others by IP. Off unless a limit is set (the embedded single-user default needs none).
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance, options: RateLimitOptions) => {
    if (options.readMax === 0 && options.writeMax === 0) return;
    const maxOf = (request: FastifyRequest) => (isWrite(request) ? options.writeMax : options.readMax);
    await app.register(rateLimit, {
      global: true,
      // After authentication, so a signed-in caller is counted as the user, wherever they call from.
      hook: 'preHandler',
      timeWindow: options.windowSeconds * 1000,
      max: (request) => maxOf(request),
      // Sign-in has its own throttle (failures per account and IP).
      allowList: (request) =>
        maxOf(request) === 0 || !request.url.startsWith('/api/') || request.url.startsWith('/api/v1/auth/'),
      keyGenerator: (request) => `${isWrite(request) ? 'w' : 'r'}:${request.principal?.id ?? request.ip}`,
      ...(options.valkey ? { redis: options.valkey, nameSpace: `${options.prefix}rate:` } : {}),
      errorResponseBuilder: (_request, context) =>
        Errors.rateLimited({ seconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
    });
  },
  { name: 'rate-limit' },
);
