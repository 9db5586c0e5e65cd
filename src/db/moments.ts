import { type AnyColumn, lt, type SQL } from 'drizzle-orm';

/**
 * The first moment after the millisecond `at` names. The database keeps microseconds and the API
 * shows milliseconds, so a bound given as a row shows its time must reach to the end of that
 * millisecond, or `column <= at` leaves out the very row it was read from.
 */
export function afterMillisecond(at: Date): Date {
  return new Date(at.getTime() + 1);
}

/** `column` at or before `at` to the millisecond, as the API shows times. */
export function atOrBefore(column: AnyColumn, at: Date): SQL {
  return lt(column, afterMillisecond(at));
}
