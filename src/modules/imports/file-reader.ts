import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { AppError } from '../../platform/errors.js';
import type { Cell } from './cells.js';
import { ImportErrors } from './imports.errors.js';

export type FileFormat = 'csv' | 'xlsx';

/** A file's first sheet: its header row, and the data rows under it with their row numbers (the header is row 1). */
export interface Table {
  headers: Cell[];
  rows: { row: number; cells: Cell[] }[];
  /** A `;` or tab separated CSV (what a Hungarian spreadsheet writes) takes 12,5 for 12.5. */
  decimalComma: boolean;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel']);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** A spreadsheet unpacking to more than this is refused before it is parsed (a zip bomb). */
const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;
/** Longest CSV record read (one row, all its cells). */
const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * The format of an upload: by its name's extension, else its content type, else its first bytes
 * (a zip is an XLSX). Undefined for a format we do not read (an old .xls, a picture).
 */
export function formatOf(filename: string, mimetype: string, head: Buffer): FileFormat | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (extension === 'xlsx') return 'xlsx';
  if (extension === 'csv' || extension === 'txt') return 'csv';
  if (extension && extension !== 'bin' && extension !== 'dat') return undefined;
  const type = mimetype.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === XLSX_TYPE) return 'xlsx';
  if (CSV_TYPES.has(type)) return 'csv';
  if (type !== '' && type !== 'application/octet-stream') return undefined;
  return head.subarray(0, 4).equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
}

const blank = (cells: Cell[]) =>
  cells.every((cell) => cell === null || (typeof cell === 'string' && !cell.trim()));

/** UTF-8 (with or without a BOM); a file that is not valid UTF-8 is read as Windows-1250 (Hungarian Excel's CSV). */
function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1250').decode(buffer);
  }
}

/** The separator of the header line: whichever of `,` `;` tab it has most of, outside quotes. */
function delimiterOf(text: string): string {
  const line = text.slice(0, text.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length - 1] as const);
  const [best] = counts.sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}

async function readCsv(buffer: Buffer, maxRows: number): Promise<Table> {
  const text = decodeText(buffer);
  const delimiter = delimiterOf(text);
  const parser = parse(text, {
    delimiter,
    relax_column_count: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  let headers: Cell[] | undefined;
  const rows: Table['rows'] = [];
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (!headers) {
        headers = record;
        continue;
      }
      if (blank(record)) continue;
      if (rows.length >= maxRows) throw ImportErrors.tooManyRows({ limit: maxRows });
      rows.push({ row, cells: record });
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw ImportErrors.unreadable({ format: 'CSV' }, { line: (error as { lines?: number }).lines ?? row });
    }
    throw error;
  }
  return { headers: headers ?? [], rows, decimalComma: delimiter !== ',' };
}

/** An XLSX cell as a plain value: rich text as its text, a formula as its last computed result. */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return { error: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined ? { formula: 'formula' } : cellOf(result);
  }
  if ('text' in value) return String(value.text);
  return null;
}

/**
 * The first sheet, read row by row with exceljs' streaming reader: only the rows kept (plain
 * values) are held, not a workbook model of every cell, so a large upload costs what its data
 * costs.
 */
async function readXlsx(buffer: Buffer, maxRows: number): Promise<Table> {
  const unreadable = () => ImportErrors.unreadable({ format: 'XLSX' });
  let unpacked = 0;
  try {
    const zip = await JSZip.loadAsync(buffer);
    for (const entry of Object.values(zip.files)) {
      unpacked +=
        (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    }
  } catch {
    throw unreadable();
  }
  if (unpacked > MAX_UNPACKED_BYTES) throw unreadable();
  const cellsOf = (values: ExcelJS.CellValue[]) => Array.from(values, cellOf).slice(1);
  // Styles are read so that a date-formatted number comes back as a date.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let headers: Cell[] = [];
  const rows: Table['rows'] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cells = cellsOf(row.values as ExcelJS.CellValue[]);
        if (row.number === 1) {
          headers = cells;
          continue;
        }
        if (blank(cells)) continue;
        if (rows.length >= maxRows) throw ImportErrors.tooManyRows({ limit: maxRows });
        rows.push({ row: row.number, cells });
      }
      // The first sheet only: the rest of the file is not parsed.
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable();
  }
  return { headers, rows, decimalComma: false };
}

/** The first sheet of a CSV or XLSX file; a file that is not what it claims is 422 IMPORT_UNREADABLE_FILE. */
export function readTable(buffer: Buffer, format: FileFormat, maxRows: number): Promise<Table> {
  return format === 'csv' ? readCsv(buffer, maxRows) : readXlsx(buffer, maxRows);
}
