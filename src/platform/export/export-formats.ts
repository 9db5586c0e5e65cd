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

/** What a cell holds as read from the database (numeric and bigint come as strings). */
export type CellValue = string | number | boolean | Date | null | undefined;
export type ExportRow = Record<string, CellValue | unknown>;

/**
 * Declares an export's columns once; their headers join the translation table as
 * `export.<name>.<key>` (so the table's test checks both locales).
 */
export function defineExportColumns(name: string, columns: ExportColumn[]): ExportColumn[] {
  for (const column of columns) defineMessages(`export.${name}.${column.key}`, column.header);
  return columns;
}

export function headersOf(columns: ExportColumn[], locale: Locale): string[] {
  return columns.map((column) => column.header[locale]);
}

/** The wall-clock parts of `at` in `timezone`. */
function localParts(at: Date, timezone: string) {
  const parts = partsFormatter(timezone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
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

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `at` as `YYYY-MM-DD HH:mm:ss` on the clock of `timezone`. */
export function localDateTime(at: Date, timezone: string): string {
  const p = localParts(at, timezone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * `at` as a timezone-less date whose UTC fields are the wall clock of `timezone`: what a
 * spreadsheet cell (which knows no timezone) must hold to show the business time.
 */
export function wallClock(at: Date, timezone: string): Date {
  const p = localParts(at, timezone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
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
