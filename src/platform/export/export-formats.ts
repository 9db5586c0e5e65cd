import { type Static, Type } from 'typebox';
import type { Locale } from '../i18n.js';
import { label } from '../labels.js';
import { defineMessages, type Messages } from '../translations.js';

/** What a list answers as: its JSON page, or the whole filtered set as a file. */
export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ListFormat = (typeof EXPORT_FORMATS)[number];
export type FileFormat = Exclude<ListFormat, 'json'>;

export const MEDIA_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The `format` query parameter every exportable list takes beside its filters. */
export const FormatQuery = Type.Object({
  format: Type.Optional(
    Type.Enum([...EXPORT_FORMATS], {
      default: 'json',
      description:
        'json: a page of items. csv or xlsx: every item matching the filters as a file (paging ignored), headers in the Accept-Language',
    }),
  ),
});
export type FormatQuery = Static<typeof FormatQuery>;

/** How a cell is written: text as is, numbers as numbers, dates and times in the business timezone. */
export type ColumnType = 'text' | 'number' | 'date' | 'datetime';

/** One column of an export: the row key it reads, its header in every locale, and its type. */
export interface ExportColumn {
  key: string;
  header: Messages;
  type: ColumnType;
  /** A text column of codes named in words (`status`, `movement_type`: see labels.ts). */
  label?: string;
}

/** A text cell's words: a labelled code in `locale`, anything else as it is. */
export function cellText(column: ExportColumn, value: unknown, locale: Locale): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return column.label ? String(label(column.label, String(value), locale)) : String(value);
}

/** A row as read from the database, by output column name (numeric and bigint come as strings). */
export type ExportRow = Record<string, unknown>;

/**
 * Declares an export's columns once; their headers join the translation table as
 * `export.<name>.<key>` (so the table's test checks both locales).
 */
export function defineExportColumns(name: string, columns: ExportColumn[]): ExportColumn[] {
  for (const column of columns) defineMessages(`export.${name}.${column.key}`, column.header);
  return columns;
}

/** The header row in `locale`. */
export function headersOf(columns: ExportColumn[], locale: Locale): string[] {
  return columns.map((column) => column.header[locale]);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Zones change their offset only on a quarter hour: one offset per quarter hour and zone holds. */
const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, number>();

/** How far ahead of UTC the clock of `timezone` is at `at`, in ms (Intl asked once per quarter hour). */
function offsetAt(at: Date, timezone: string): number {
  const quarter = Math.floor(at.getTime() / QUARTER_HOUR_MS);
  const key = `${timezone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const start = new Date(quarter * QUARTER_HOUR_MS);
    const parts = partsFormatter(timezone).formatToParts(start);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const local = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    offset = local - start.getTime();
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * `at` as a timezone-less date whose UTC fields are the wall clock of `timezone`: what a
 * spreadsheet cell (which knows no timezone) must hold to show the business time.
 */
export function wallClock(at: Date, timezone: string): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000 + offsetAt(at, timezone));
}

/** `at` as `YYYY-MM-DD HH:mm:ss` on the clock of `timezone`. */
export function localDateTime(at: Date, timezone: string): string {
  return wallClock(at, timezone).toISOString().slice(0, 19).replace('T', ' ');
}

/** A value read from the database as a Date (timestamptz comes as one; text is parsed). */
export function asDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date as `YYYY-MM-DD` (a `date` column comes as that text already). */
export function calendarDate(value: unknown, timezone: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = asDate(value);
  return date ? localDateTime(date, timezone).slice(0, 10) : null;
}

/** The file name of an export: the list's name and when it was made, on the business clock. */
export function exportFileName(name: string, format: FileFormat, at: Date, timezone: string): string {
  const stamp = localDateTime(at, timezone).replace(/[-:]/g, '').replace(' ', '-');
  return `${name}-${stamp}.${format}`;
}
