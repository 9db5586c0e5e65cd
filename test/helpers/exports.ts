import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Response } from './api.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The rows of a CSV download (header first), after checking it is one: 200, text/csv, a BOM. */
export function csvOf(res: Response): string[][] {
  if (res.statusCode !== 200) throw new Error(`expected 200, got ${res.statusCode}: ${res.body}`);
  if (!String(res.headers['content-type']).startsWith('text/csv')) {
    throw new Error(`not CSV: ${res.headers['content-type']}`);
  }
  const bytes = res.rawPayload;
  if (!bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) throw new Error('CSV without a BOM');
  return parse(bytes.subarray(3).toString('utf8')) as string[][];
}

/** The cells of an XLSX download's first sheet (header first), read back by exceljs. */
export async function xlsxOf(res: Response): Promise<unknown[][]> {
  if (res.statusCode !== 200) throw new Error(`expected 200, got ${res.statusCode}: ${res.body}`);
  if (res.headers['content-type'] !== XLSX_TYPE) throw new Error(`not XLSX: ${res.headers['content-type']}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('a workbook without a sheet');
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1));
  });
  return rows;
}

/** The column of `rows` (header first) headed `header`, below the header. */
export function column<T>(rows: T[][], header: string): T[] {
  const index = rows[0]?.indexOf(header as T) ?? -1;
  if (index < 0) throw new Error(`no column "${header}" in ${JSON.stringify(rows[0])}`);
  return rows.slice(1).map((row) => row[index] as T);
}

/** `iso` on the clock of `timezone` as `YYYY-MM-DD HH:mm:ss` (Sweden writes dates the ISO way). */
export function onClock(iso: string, timezone = 'Europe/Budapest'): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: timezone });
}
