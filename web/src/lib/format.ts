import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import i18n from './i18n';

/**
 * The zone the business runs in, in which every instant is shown: the API's TIMEZONE, which
 * `loadBusinessTimeZone` reads from `GET /api` before the app renders (the browser's zone until
 * then, or when the API cannot be reached); `setBusinessTimeZone` switches every formatter at once.
 */
let businessTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function setBusinessTimeZone(zone: string): void {
  businessTimeZone = zone;
}

/** Takes the business zone from the API's service info; keeps the browser's when it cannot. */
export async function loadBusinessTimeZone(): Promise<void> {
  try {
    const { data } = await api.GET('/api');
    if (data?.timezone) setBusinessTimeZone(data.timezone);
  } catch {
    // Offline or refused: the browser's zone is the best guess left.
  }
}

export function getBusinessTimeZone(): string {
  return businessTimeZone;
}

type Value = number | string | null | undefined;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function locale(): string {
  return i18n.language || 'en';
}

function toNumber(value: Value): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A number in the user's language (grouping, decimal sign); `—` for none. */
export function formatNumber(value: Value, options: Intl.NumberFormatOptions = {}, lang = locale()): string {
  const n = toNumber(value);
  return n === null ? '—' : new Intl.NumberFormat(lang, { maximumFractionDigits: 2, ...options }).format(n);
}

/** A stock quantity: up to four decimals, as the API keeps them. */
export function formatQuantity(value: Value, lang = locale()): string {
  return formatNumber(value, { maximumFractionDigits: 4 }, lang);
}

/** A change of a stock quantity: `+3`, `−2`, `0` (a movement, a count difference). */
export function formatSignedQuantity(value: Value, lang = locale()): string {
  return formatNumber(value, { maximumFractionDigits: 4, signDisplay: 'exceptZero' }, lang);
}

/** An amount of money: always two decimals (no currency sign: the API keeps none). */
export function formatMoney(value: Value, lang = locale()): string {
  return formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }, lang);
}

/**
 * A calendar day. A bare `YYYY-MM-DD` (an expiry, a business day) is that day wherever one is;
 * an instant is the day it was in the business zone.
 */
export function formatDate(value: string | Date | null | undefined, lang = locale()): string {
  if (!value) return '—';
  if (typeof value === 'string' && DAY.test(value))
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: businessTimeZone }).format(
    new Date(value),
  );
}

/** An instant (a movement, an audit entry) as the date and time in the business zone. */
export function formatDateTime(value: string | Date | null | undefined, lang = locale()): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: businessTimeZone,
  }).format(new Date(value));
}

/** Minutes the zone is ahead of UTC at `at`. */
function zoneOffsetMinutes(at: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/**
 * The instant a business day (`YYYY-MM-DD`) starts, as ISO-8601: what a date filter sends to a
 * route that takes a moment. `days` moves the day first (1: the start of the next day).
 */
export function startOfBusinessDay(day: string, days = 0, zone = businessTimeZone): string {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  // The offset at the guess, then again at the corrected instant (a DST change can fall between).
  let instant = midnightUtc - zoneOffsetMinutes(new Date(midnightUtc), zone) * 60_000;
  instant = midnightUtc - zoneOffsetMinutes(new Date(instant), zone) * 60_000;
  return new Date(instant).toISOString();
}

/** The formatters, re-rendering the component when the user changes language. */
export function useFormat() {
  const { i18n: current } = useTranslation();
  const lang = current.language || 'en';
  return {
    number: (value: Value, options?: Intl.NumberFormatOptions) => formatNumber(value, options, lang),
    quantity: (value: Value) => formatQuantity(value, lang),
    signed: (value: Value) => formatSignedQuantity(value, lang),
    money: (value: Value) => formatMoney(value, lang),
    date: (value: string | Date | null | undefined) => formatDate(value, lang),
    dateTime: (value: string | Date | null | undefined) => formatDateTime(value, lang),
  };
}

/** Today's date (`YYYY-MM-DD`) in the business zone: the day a document or a feeding is for. */
export function businessToday(now = new Date(), zone = businessTimeZone): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(now);
}
