import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Locale } from '../i18n.js';
import {
  asDate,
  calendarDate,
  cellText,
  type ExportColumn,
  type ExportRow,
  headersOf,
  localDateTime,
} from './export-formats.js';

/**
 * Text a spreadsheet would run as a formula (OWASP "CSV injection"): it starts with = + - @, a
 * tab or a carriage return. Such a cell gets a leading apostrophe, so it shows as typed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A numeric as read (`12.5000`) without the scale's trailing zeros; exact, no float on the way. */
function plainNumber(value: unknown): string {
  const text = String(value);
  return /^-?\d+\.\d*$/.test(text) ? text.replace(/\.?0+$/, '') : text;
}

/** One cell as CSV text: numbers exact, dates and times on the business clock, text guarded. */
export function csvCell(column: ExportColumn, value: unknown, locale: Locale, timezone: string): string {
  if (value === null || value === undefined) return '';
  switch (column.type) {
    case 'number':
      return plainNumber(value);
    case 'date':
      return calendarDate(value, timezone) ?? '';
    case 'datetime': {
      const at = asDate(value);
      return at ? localDateTime(at, timezone) : '';
    }
    default:
      return guardFormula(cellText(column, value, locale));
  }
}

async function* records(
  columns: ExportColumn[],
  chunks: AsyncIterable<ExportRow[]>,
  { locale, timezone }: { locale: Locale; timezone: string },
) {
  for await (const chunk of chunks) {
    for (const row of chunk)
      yield columns.map((column) => csvCell(column, row[column.key], locale, timezone));
  }
}

/**
 * Writes the rows as CSV into `out`: UTF-8 with a byte-order mark (so Excel reads accented
 * letters right), a header row in `locale`, CRLF line ends. Rows are pulled as `out` takes them.
 */
export async function writeCsv(
  out: NodeJS.WritableStream,
  columns: ExportColumn[],
  chunks: AsyncIterable<ExportRow[]>,
  options: { locale: Locale; timezone: string },
): Promise<void> {
  const stringifier = stringify({ bom: true, record_delimiter: 'windows' });
  stringifier.write(headersOf(columns, options.locale));
  await pipeline(Readable.from(records(columns, chunks, options)), stringifier, out);
}
