import { stdSerializers } from 'pino';

/** Paths pino blanks in every log line: credentials in requests and anything the app logs itself. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.password_hash',
  '*.passwordHash',
  '*.access_token',
  '*.refresh_token',
  '*.token',
];

const SECRET_KEY = /pass(word)?|hash|token|secret/i;
// Drizzle puts a failed statement's values in its message ("params: …"): a password hash among them.
const PARAMS_IN_TEXT = /\nparams: [\s\S]*?(?=\n {4}at |$)/;

/** The values PostgreSQL quotes back in its own messages (`syntax for type integer: "…"`, `Key (email)=(…)`). */
function withoutQuotedValues(text: string): string {
  return text
    .replace(/"[^"\n]*"/g, '"[Redacted]"')
    .replace(/=\([^\n]*?\)( already exists| is not present)/g, '=([Redacted])$1');
}

/** A message or stack without statement values; the database's own words follow "caused by:". */
function safeText(text: string): string {
  const cut = text.indexOf('caused by:');
  const own = cut < 0 ? text : text.slice(0, cut);
  const cause = cut < 0 ? '' : withoutQuotedValues(text.slice(cut));
  return own.replace(PARAMS_IN_TEXT, '\nparams: [Redacted]') + cause;
}

function scrub(value: unknown, depth: number): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'params' || key === 'parameters') out[key] = '[Redacted]';
    else if (SECRET_KEY.test(key) && typeof item === 'string') out[key] = '[Redacted]';
    else if ((key === 'message' || key === 'stack') && typeof item === 'string') out[key] = safeText(item);
    else if (key === 'detail' && typeof item === 'string') out[key] = withoutQuotedValues(item);
    else out[key] = scrub(item, depth + 1);
  }
  return out;
}

/**
 * Logs an error as pino does, without the values of a failed SQL statement (they can hold password
 * hashes, tokens or personal data) and without secret-named fields, its causes included.
 */
export function safeErrorSerializer(error: Error) {
  return scrub(stdSerializers.err(error), 0) as ReturnType<typeof stdSerializers.err>;
}
