/** A calendar date (`2026-01-15`, a business date the API already fixed) in the user's locale. */
export function formatDay(day: string | null | undefined, locale: string): string {
  if (!day) return '';
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return day;
  // Noon UTC of that day, shown in UTC: the same calendar day whatever the browser's zone.
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d, 12)),
  );
}
