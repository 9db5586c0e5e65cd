import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import type { Locale } from '../i18n.js';
import {
  asDate,
  type ColumnType,
  calendarDate,
  cellText,
  type ExportColumn,
  type ExportRow,
  headersOf,
  wallClock,
} from './export-formats.js';

const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};
const WIDTHS: Record<ColumnType, number> = { text: 24, number: 14, date: 12, datetime: 20 };

/**
 * One cell as a spreadsheet value: numbers as numbers, dates and times as date cells showing the
 * business clock (a cell has no timezone), everything else as text. Text is never a formula here:
 * a string cell is stored as a string, so no guard is needed.
 */
export function xlsxCell(
  column: ExportColumn,
  value: unknown,
  locale: Locale,
  timezone: string,
): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'number':
      return Number(value);
    case 'date': {
      const day = calendarDate(value, timezone);
      return day ? new Date(`${day}T00:00:00Z`) : null;
    }
    case 'datetime': {
      const at = asDate(value);
      return at ? wallClock(at, timezone) : null;
    }
    default:
      return cellText(column, value, locale);
  }
}

/**
 * The stream that takes a sheet's XML into the zip (a `readable-stream` 2 PassThrough of
 * archiver's). exceljs writes into it without waiting (its buffer ignores backpressure), so rows
 * read faster than they are compressed would pile up there: the export waits on it instead. Not
 * in exceljs' types, hence the casts.
 */
function zipInputOf(sheet: ExcelJS.Worksheet): Writable | undefined {
  return (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes?.[0];
}

/** Whether `stream` holds more than its high-water mark (readable-stream 2 has no `writableNeedDrain`). */
function overfull(stream: Writable): boolean {
  const state = (stream as unknown as { _writableState?: { length: number; highWaterMark: number } })
    ._writableState;
  return state ? state.length >= state.highWaterMark : stream.writableNeedDrain;
}

/** Resolves on `event` of `stream`, or when `out` closes; leaves no listener behind. */
async function eventOrClose(stream: Writable, event: string, out: Writable): Promise<void> {
  const settled = new AbortController();
  const signal = settled.signal;
  await Promise.race([once(stream, event, { signal }), once(out, 'close', { signal })]).finally(() =>
    settled.abort(),
  );
}

/**
 * Waits while the zip's input or `out` holds more than it wants, so rows are not read faster
 * than they are compressed and sent; stops the export when `out` is gone (the client left).
 */
async function keepPace(zipInput: Writable | undefined, out: Writable): Promise<void> {
  await nextTurn();
  while (!out.destroyed && ((zipInput && overfull(zipInput)) || overfull(out))) {
    if (zipInput && overfull(zipInput)) await eventOrClose(zipInput, 'drain', out);
    else await eventOrClose(out, 'drain', out);
  }
  if (out.destroyed) throw new Error('export stream closed before its end');
}

/**
 * Writes the rows as an XLSX workbook into `out` with exceljs' streaming writer: each row is
 * committed (serialized and let go) as it is read, inline strings instead of a shared-string
 * table, so memory does not grow with the row count. A header row in `locale`, frozen.
 */
export async function writeXlsx(
  out: Writable,
  columns: ExportColumn[],
  chunks: AsyncIterable<ExportRow[]>,
  options: { locale: Locale; timezone: string; sheetName: string },
): Promise<void> {
  // Loaded on the first workbook: a large library that a process serving no XLSX never holds.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    // The fastest deflate: the file is a little larger, the export several times quicker.
    zip: { zlib: { level: 1 } },
  });
  const sheet = workbook.addWorksheet(options.sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((column) => ({
    key: column.key,
    width: WIDTHS[column.type],
    ...(NUMBER_FORMATS[column.type] ? { style: { numFmt: NUMBER_FORMATS[column.type] } } : {}),
  }));
  const header = sheet.addRow(headersOf(columns, options.locale));
  header.font = { bold: true };
  header.commit();
  const zipInput = zipInputOf(sheet);
  for await (const chunk of chunks) {
    for (const row of chunk) {
      sheet
        .addRow(columns.map((column) => xlsxCell(column, row[column.key], options.locale, options.timezone)))
        .commit();
    }
    await keepPace(zipInput, out);
  }
  sheet.commit();
  await workbook.commit();
}
