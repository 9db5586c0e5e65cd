import { createRequire } from 'node:module';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  isConnectionError,
  isReadOnlyTransaction,
  isTransactionConflict,
  missingReference,
} from '../db/errors.js';
import { AppError, Errors, FIELD_REASONS, type FieldReason, type Messages } from './errors.js';
import type { Locale } from './i18n.js';
import { defineMessages } from './translations.js';
import { keywordMessage } from './validation-messages.js';

type Localize = (errors: AjvIssue[]) => void;
// ajv-i18n is CommonJS with typings that do not match its exports under NodeNext; load it plainly.
const localizeAjv = createRequire(import.meta.url)('ajv-i18n') as Record<Locale, Localize>;

interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface FieldError {
  field: string;
  message: string;
}

const DOES_NOT_EXIST: Messages = defineMessages('reason.reference.missing', {
  en: 'refers to something that does not exist',
  hu: 'nem létező tételre hivatkozik',
});

/** A union that fails only because the value is not null either ("an id, or null"). */
function isNullBranch(issue: AjvIssue): boolean {
  return issue.keyword === 'type' && issue.params.type === 'null';
}

/** Turns Ajv's issues into `{field, message}` pairs in the caller's language, one per field and message. */
export function fieldErrors(issues: AjvIssue[], locale: Locale): FieldError[] {
  const copies = issues.map((issue) => ({ ...issue }));
  localizeAjv[locale](copies);
  // A failed union reports every branch too. When all its branches but "or null" failed on one
  // point (an id, or null), that point is the message; otherwise its own "anyOf" line says it once.
  const unions = new Set(copies.filter((i) => i.keyword === 'anyOf').map((i) => i.instancePath));
  const explained = new Set<string>();
  for (const path of unions) {
    const branches = copies.filter((i) => i.instancePath === path && i.keyword !== 'anyOf');
    const real = branches.filter((i) => !isNullBranch(i));
    if (real.length === 1 && branches.length === real.length + 1) explained.add(path);
  }
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const issue of copies) {
    if (unions.has(issue.instancePath)) {
      const keep = explained.has(issue.instancePath)
        ? issue.keyword !== 'anyOf' && !isNullBranch(issue)
        : issue.keyword === 'anyOf';
      if (!keep) continue;
    }
    const missing = issue.keyword === 'required' ? `/${String(issue.params.missingProperty)}` : '';
    const field = `${issue.instancePath}${missing}`.replace(/^\//, '').replaceAll('/', '.') || '(root)';
    const message = keywordMessage(issue, locale) ?? issue.message ?? issue.keyword;
    const key = `${field}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push({ field, message });
    }
  }
  return result;
}

/** Maps whatever was thrown to the AppError the caller sees; unknown errors become 500. */
function toAppError(
  error: FastifyError,
  request: FastifyRequest,
): { appError: AppError; errors?: FieldError[] } {
  if (error instanceof AppError) return { appError: error };
  // A reference a check before the write did not catch: still the caller's mistake, not ours.
  const missing = missingReference(error);
  if (missing)
    return {
      appError: Errors.validation(),
      errors: [{ field: missing, message: DOES_NOT_EXIST[request.locale] }],
    };
  if (error.validation) {
    return {
      appError: Errors.validation(),
      errors: fieldErrors(error.validation as AjvIssue[], request.locale),
    };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        appError: Errors.unsupportedMediaType({ type: request.headers['content-type'] ?? '(none)' }),
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { appError: Errors.payloadTooLarge({ limit: request.routeOptions.bodyLimit ?? 0 }) };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { appError: Errors.invalidJson() };
  }
  // Rolled back to break a deadlock or a serialization clash: the caller's to send again.
  if (isTransactionConflict(error)) return { appError: Errors.concurrentChange() };
  // The database is gone or no longer the primary (a failover): worth a retry in a moment.
  if (isConnectionError(error) || isReadOnlyTransaction(error)) return { appError: Errors.unavailable() };
  const status = error.statusCode ?? 500;
  if (status === 400 && error instanceof SyntaxError) return { appError: Errors.invalidJson() };
  if (status === 429) return { appError: Errors.rateLimited({ seconds: 60 }) };
  if (status >= 400 && status < 500) return { appError: Errors.badRequest() };
  return { appError: Errors.internal({ request_id: request.id }) };
}

/** Sends the one error body every non-2xx response carries. */
export function sendError(reply: FastifyReply, appError: AppError, errors?: FieldError[]) {
  const request = reply.request;
  const { [FIELD_REASONS]: reasons, ...extra } = appError.extra as { [FIELD_REASONS]?: FieldReason[] };
  const fieldErrors =
    reasons?.map((r) => ({ field: r.field, message: r.messages[request.locale] })) ?? errors;
  // Rate-limit errors carry the wait in `seconds`; clients read it from Retry-After.
  if (appError.status === 429 && appError.params.seconds !== undefined) {
    reply.header('retry-after', String(appError.params.seconds));
  }
  if (appError.status === 503 || appError.code === 'CONCURRENT_CHANGE') reply.header('retry-after', '1');
  return reply
    .code(appError.status)
    .type('application/json; charset=utf-8')
    .send({
      detail: appError.localized(request.locale),
      error_code: appError.code,
      timestamp: new Date().toISOString(),
      request_id: request.id,
      ...(fieldErrors ? { errors: fieldErrors } : {}),
      ...extra,
    });
}

export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const { appError, errors } = toAppError(error, request);
      if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendError(reply, appError, errors);
    });
  },
  { name: 'error-handler', dependencies: ['request-context'] },
);
