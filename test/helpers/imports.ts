import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Api, Response } from './api.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A multipart/form-data body carrying one file in the field `file`. */
export function multipart(
  content: Buffer | string,
  filename: string,
  contentType = filename.endsWith('.xlsx') ? XLSX_TYPE : 'text/csv',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----raktar${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** CSV text of rows (cells quoted where they need it). */
export function csv(rows: (string | number | boolean | null)[][], separator = ','): string {
  const cell = (value: string | number | boolean | null) => {
    const text = value === null ? '' : String(value);
    return /[",;\r\n\t]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${rows.map((row) => row.map(cell).join(separator)).join('\r\n')}\r\n`;
}

/** An XLSX workbook of one sheet holding `rows` (cells as ExcelJS takes them: formulas as `{formula}`). */
export async function xlsx(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** POSTs a file to `/api/v1/imports/{kind}` as `caller`. */
export function upload(
  caller: Api,
  kind: string,
  content: Buffer | string,
  options: { filename?: string; query?: string; headers?: Record<string, string>; contentType?: string } = {},
): Promise<Response> {
  const filename = options.filename ?? `${kind}.csv`;
  const { payload, headers } = multipart(content, filename, options.contentType);
  return caller.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}${options.query ? `?${options.query}` : ''}`,
    headers: {
      ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
      ...headers,
      ...options.headers,
    },
    payload,
  });
}

/** The problems of a refused import as `[row, column, error_code]`, for comparing whole lists. */
export function brief(body: { errors: { row: number; column: string | null; error_code: string }[] }) {
  return body.errors.map((e) => [e.row, e.column, e.error_code]);
}
