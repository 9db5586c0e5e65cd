/** The calendar date (`YYYY-MM-DD`) of `instant` in `timezone`: the business day it falls on. */
export function businessDay(instant: Date, timezone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
