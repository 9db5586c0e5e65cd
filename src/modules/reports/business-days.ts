import { invalidFields } from '../../platform/errors.js';
import { ReportReasons } from './reports.errors.js';

const DAY_MS = 86_400_000;
const MAX_PERIOD_DAYS = 3660;

/** Today's date (YYYY-MM-DD) in the business time zone. */
export function businessToday(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(now);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export interface BusinessPeriod {
  from: string;
  to: string;
  days: number;
}

/** A period of whole business days, by default the 30 days up to today; refused when reversed or too long. */
export function businessPeriod(timezone: string, dateFrom?: string, dateTo?: string): BusinessPeriod {
  const to = dateTo ?? businessToday(timezone);
  const from = dateFrom ?? addDays(to, -29);
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  if (days < 1) throw invalidFields({ field: 'date_from', messages: ReportReasons.periodReversed });
  if (days > MAX_PERIOD_DAYS)
    throw invalidFields({ field: 'date_from', messages: ReportReasons.periodTooLong });
  return { from, to, days };
}
