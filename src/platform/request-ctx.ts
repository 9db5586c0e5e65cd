import type { FastifyRequest } from 'fastify';
import type { Principal } from './access.js';
import type { Locale } from './i18n.js';

/** What a service needs to know about the request it serves: who, from where, which request. */
export interface RequestCtx {
  actor: Principal | null;
  ip: string;
  userAgent: string | null;
  requestId: string;
  locale: Locale;
}

export function ctxOf(request: FastifyRequest): RequestCtx {
  return {
    actor: request.principal,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    requestId: request.id,
    locale: request.locale,
  };
}

/** The context of work the scheduler does on no one's request (`job` names it in the audit trail). */
export function schedulerCtx(job: string): RequestCtx {
  return { actor: null, ip: '127.0.0.1', userAgent: 'scheduler', requestId: job, locale: 'en' };
}
