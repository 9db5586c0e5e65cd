import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { sendError } from './error-handler.js';
import { Errors } from './errors.js';
import { type Locale, negotiateLocale } from './i18n.js';

/** Fastify's router allows path parameters up to this length (find-my-way's default). */
export const MAX_PARAM_LENGTH = 100;

/** What every answer carries; these answers come before any hook (helmet's included) runs. */
const BARE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy': "default-src 'none'; frame-ancestors 'self'",
  'cache-control': 'no-store',
};

/** Fastify's router refusals (a bad URL, an over-long path parameter) in the error contract. */
export function frameworkErrorHandler(defaultLocale: Locale) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    request.locale = negotiateLocale(request.headers, defaultLocale);
    reply.headers({ ...BARE_HEADERS, 'x-request-id': request.id });
    const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    // Never the path itself: it is whatever the caller sent.
    return sendError(reply, tooLong ? Errors.uriTooLong({ limit: MAX_PARAM_LENGTH }) : Errors.badRequest());
  };
}

/**
 * Node's own refusals before a request exists (431 headers too large, 408 timeout, 400 unparsable),
 * written to the socket in the error contract, in the default language (no headers were read).
 */
export function clientErrorHandler(defaultLocale: Locale) {
  return (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const appError =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? Errors.headersTooLarge()
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? Errors.requestTimeout()
          : Errors.badRequest();
    const id = uuidv7();
    const body = JSON.stringify({
      detail: appError.localized(defaultLocale),
      error_code: appError.code,
      timestamp: new Date().toISOString(),
      request_id: id,
    });
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'x-request-id': id,
      connection: 'close',
      ...BARE_HEADERS,
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${appError.status} ${STATUS_CODES[appError.status]}\r\n${head.join('\r\n')}\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
