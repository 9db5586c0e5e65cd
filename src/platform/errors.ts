import type { Locale } from './i18n.js';
import { label } from './labels.js';
import { defineMessages, interpolate, type MessageParams, type Messages } from './translations.js';

export type { Messages } from './translations.js';
/** A parameter is a value, or a text of its own (a reason) rendered in the message's language. */
export type ErrorParams = Record<string, string | number | Messages>;

/** `messages` in `locale`, its parameters in the same language (labels and reasons translated). */
function render(messages: Messages, params: ErrorParams, locale: Locale): string {
  const values: MessageParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'object') values[key] = label(key, value, locale);
  }
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'object') values[key] = interpolate(value[locale], values);
  }
  return interpolate(messages[locale], values);
}

/** A failure the caller can act on: a stable code, an HTTP status and a message in every locale. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messages: Messages,
    readonly params: ErrorParams = {},
    /** Extra machine-readable fields merged into the response body (e.g. `available`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${render(messages, params, 'en')}`);
    this.name = 'AppError';
  }

  localized(locale: Locale): string {
    return render(this.messages, this.params, locale);
  }
}

/**
 * Every error code declared, with the statuses it is declared with (one, unless two modules
 * disagree): the catalogue the README's table of codes is checked against.
 */
export const ERROR_CATALOGUE = new Map<string, Set<number>>();

/**
 * Declares one error kind; services throw `NAME(params)`. Its text is `error.<CODE>` in the
 * translation table, or `error.<CODE>.<variant>` where modules word one code their own way.
 */
export function defineError(code: string, status: number, messages: Messages, variant?: string) {
  ERROR_CATALOGUE.set(code, (ERROR_CATALOGUE.get(code) ?? new Set()).add(status));
  defineMessages(variant ? `error.${code}.${variant}` : `error.${code}`, messages);
  return (params: ErrorParams = {}, extra: Record<string, unknown> = {}) =>
    new AppError(code, status, messages, params, extra);
}

/** Errors the platform itself raises; modules declare their own next to their service. */
export const Errors = {
  invalidJson: defineError('INVALID_JSON', 400, {
    en: 'The request body is not valid JSON.',
    hu: 'A kérés törzse nem érvényes JSON.',
  }),
  badRequest: defineError('BAD_REQUEST', 400, {
    en: 'The request is malformed.',
    hu: 'A kérés formailag hibás.',
  }),
  validation: defineError('VALIDATION_ERROR', 422, {
    en: 'The request contains invalid data.',
    hu: 'A kérés érvénytelen adatokat tartalmaz.',
  }),
  unauthorized: defineError('UNAUTHORIZED', 401, {
    en: 'Authentication is required.',
    hu: 'Bejelentkezés szükséges.',
  }),
  forbidden: defineError('FORBIDDEN', 403, {
    en: 'You do not have permission to do this.',
    hu: 'Nincs jogosultsága ehhez a művelethez.',
  }),
  routeNotFound: defineError('ROUTE_NOT_FOUND', 404, {
    en: 'No endpoint at {method} {path}.',
    hu: 'Nincs végpont ezen a címen: {method} {path}.',
  }),
  methodNotAllowed: defineError('METHOD_NOT_ALLOWED', 405, {
    en: 'Method {method} is not allowed here; allowed: {allowed}.',
    hu: 'A(z) {method} metódus itt nem engedélyezett; engedélyezett: {allowed}.',
  }),
  stale: defineError('STALE_VERSION', 412, {
    en: 'The record was changed by someone else since you read it; reload and try again.',
    hu: 'A rekordot időközben valaki más módosította; töltse be újra, és próbálja ismét.',
  }),
  payloadTooLarge: defineError('PAYLOAD_TOO_LARGE', 413, {
    en: 'The request body is larger than the limit of {limit} bytes.',
    hu: 'A kérés törzse nagyobb a megengedett {limit} bájtnál.',
  }),
  uriTooLong: defineError('URI_TOO_LONG', 414, {
    en: 'A part of the address is longer than the limit of {limit} characters.',
    hu: 'A cím egy része hosszabb a megengedett {limit} karakternél.',
  }),
  headersTooLarge: defineError('HEADERS_TOO_LARGE', 431, {
    en: 'The request headers are larger than the server accepts.',
    hu: 'A kérés fejlécei nagyobbak a kiszolgáló által elfogadottnál.',
  }),
  requestTimeout: defineError('REQUEST_TIMEOUT', 408, {
    en: 'The request did not arrive in time.',
    hu: 'A kérés nem érkezett meg időben.',
  }),
  unsupportedMediaType: defineError('UNSUPPORTED_MEDIA_TYPE', 415, {
    en: 'Content type {type} is not supported; send application/json.',
    hu: 'A(z) {type} tartalomtípus nem támogatott; application/json formátumot küldjön.',
  }),
  rateLimited: defineError('RATE_LIMITED', 429, {
    en: 'Too many requests; try again in {seconds} seconds.',
    hu: 'Túl sok kérés; próbálja újra {seconds} másodperc múlva.',
  }),
  internal: defineError('INTERNAL_ERROR', 500, {
    en: 'An unexpected error occurred. Quote request id {request_id} when reporting it.',
    hu: 'Váratlan hiba történt. Bejelentéskor hivatkozzon erre a kérésazonosítóra: {request_id}.',
  }),
  concurrentChange: defineError('CONCURRENT_CHANGE', 409, {
    en: 'Another request changed the same records at the same moment, so nothing was saved. Send the request again.',
    hu: 'Egy másik kérés ugyanabban a pillanatban ugyanezeket az adatokat módosította, ezért semmi sem mentődött. Küldje el újra a kérést.',
  }),
  unavailable: defineError('SERVICE_UNAVAILABLE', 503, {
    en: 'The service is temporarily unavailable.',
    hu: 'A szolgáltatás átmenetileg nem érhető el.',
  }),
  shuttingDown: defineError('SHUTTING_DOWN', 503, {
    en: 'This server is shutting down and took no action; send the request again.',
    hu: 'Ez a kiszolgáló leáll, és nem hajtotta végre a kérést; küldje el újra.',
  }),
};

/** Why one field was refused, in every locale. */
export interface FieldReason {
  field: string;
  messages: Messages;
}

/** 422 VALIDATION_ERROR naming fields whose reasons are rendered in the caller's language. */
export function invalidFields(...reasons: FieldReason[]): AppError {
  return Errors.validation({}, { [FIELD_REASONS]: reasons });
}

/** Where `invalidFields` keeps its reasons until the error handler renders them. */
export const FIELD_REASONS = 'fieldReasons';

/**
 * The same error (code, status, text), also naming the field it is about: the body's `errors`
 * lists that field with the error's own text, so a form shows it where it belongs.
 */
export function atField(error: AppError, field: string): AppError {
  const messages = { en: error.localized('en'), hu: error.localized('hu') };
  const reasons: FieldReason[] = [{ field, messages }];
  return new AppError(error.code, error.status, error.messages, error.params, {
    ...error.extra,
    [FIELD_REASONS]: reasons,
  });
}

/**
 * A user-facing text that is not an error (an e-mail, a composed message), in the translation
 * table as `text.<id>`: returns it rendered in a locale with its parameters.
 */
export function defineText(id: string, messages: Messages) {
  defineMessages(`text.${id}`, messages);
  return (locale: Locale, params: ErrorParams = {}) => render(messages, params, locale);
}
