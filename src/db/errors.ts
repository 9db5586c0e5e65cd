interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  cause?: unknown;
}

/** The PostgreSQL error behind a driver or Drizzle error, if there is one. */
function pgError(error: unknown): PgError | undefined {
  let current = error as PgError | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current;
    current = current.cause as PgError | undefined;
  }
  return undefined;
}

/** True for a unique-constraint violation (optionally of the named constraint or index). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgError(error);
  return pg?.code === '23505' && (!constraint || pg.constraint === constraint);
}

/** True when a statement gave up waiting for a lock (`lock_timeout`). */
export function isLockTimeout(error: unknown): boolean {
  return pgError(error)?.code === '55P03';
}

/**
 * True when PostgreSQL ended the transaction to resolve a clash with another one running at the
 * same moment (a deadlock, or a serialization failure): nothing of it was written, and the same
 * request sent again may well succeed.
 */
export function isTransactionConflict(error: unknown): boolean {
  const code = pgError(error)?.code;
  return code === '40P01' || code === '40001';
}

export function isForeignKeyViolation(error: unknown): boolean {
  return pgError(error)?.code === '23503';
}

/**
 * The column of a foreign-key violation on insert or update ("Key (lot_id)=(…) is not present in
 * table …"): a request named something that does not exist. Undefined for any other error.
 */
export function missingReference(error: unknown): string | undefined {
  const pg = pgError(error);
  if (pg?.code !== '23503') return undefined;
  const match = /^Key \((\w+)\)=\(.*\) is not present in table/.exec(pg.detail ?? '');
  return match?.[1];
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);
const LOST_CONNECTION =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|no writable server among/;

/**
 * True when the server could not be reached or went away mid-query (refused, reset, timed out,
 * shut down, starting up): another server may answer the same statement.
 */
export function isConnectionError(error: unknown): boolean {
  let current = error as (PgError & { message?: string }) | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = current.code ?? '';
    if (NETWORK_CODES.has(code) || /^(08|57P0[1-3])/.test(code)) return true;
    if (LOST_CONNECTION.test(current.message ?? '')) return true;
    current = current.cause as typeof current;
  }
  return false;
}

/**
 * True when the server only reads: a write in a read-only transaction, or what a hot standby
 * refuses (SERIALIZABLE among them). The statement belongs on the primary.
 */
export function isReadOnlyServerError(error: unknown): boolean {
  return isReadOnlyTransaction(error) || pgError(error)?.code === '0A000';
}

/** True for a write refused in a read-only transaction: on a standby, or a primary being demoted. */
export function isReadOnlyTransaction(error: unknown): boolean {
  return pgError(error)?.code === '25006';
}

/**
 * True when this server cannot serve us at all: unreachable, or refusing the login or the
 * database (a misconfigured replica). Another server should take the statement.
 */
export function isServerUnusable(error: unknown): boolean {
  return isConnectionError(error) || /^(28|3D)/.test(pgError(error)?.code ?? '');
}
