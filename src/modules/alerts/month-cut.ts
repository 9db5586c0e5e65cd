import { wallClock } from '../../platform/export/export-formats.js';
import { businessDay } from './business-day.js';

export interface ReportMonth {
  /** The month reported, `YYYY-MM`: the one before `now`'s. */
  month: string;
  /** Its first day, `YYYY-MM-01` (the key a recipient is mailed it once under). */
  firstDay: string;
  /** The start of the 1st of `now`'s month in the business time zone: the end of the month reported. */
  cut: Date;
}

/** The month a run at `now` reports on, and the moment its stock is counted at. */
export function reportMonth(now: Date, timezone: string): ReportMonth {
  const [year, month] = businessDay(now, timezone).split('-').map(Number) as [number, number];
  const midnightUtc = Date.UTC(year, month - 1, 1);
  // Local midnight: UTC midnight less the zone's offset there (checked again at the result).
  let cut = midnightUtc - (wallClock(new Date(midnightUtc), timezone).getTime() - midnightUtc);
  cut = midnightUtc - (wallClock(new Date(cut), timezone).getTime() - cut);
  const previous = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 7);
  return { month: previous, firstDay: `${previous}-01`, cut: new Date(cut) };
}
