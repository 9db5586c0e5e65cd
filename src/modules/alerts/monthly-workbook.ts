import type { ExportColumn, ExportRow } from '../../platform/export/export-formats.js';
import { headersOf } from '../../platform/export/export-formats.js';
import { xlsxCell } from '../../platform/export/xlsx.js';
import type { Locale } from '../../platform/i18n.js';

export interface WorkbookSheet {
  name: string;
  columns: ExportColumn[];
  rows: ExportRow[];
}

/** A workbook of `sheets` in memory (a mail attachment): a bold, frozen header row in `locale`. */
export async function workbookOf(sheets: WorkbookSheet[], locale: Locale, timezone: string): Promise<Buffer> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  for (const { name, columns, rows } of sheets) {
    const sheet = workbook.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((column) => ({ key: column.key, width: column.type === 'text' ? 24 : 16 }));
    sheet.addRow(headersOf(columns, locale)).font = { bold: true };
    for (const row of rows) {
      sheet.addRow(columns.map((column) => xlsxCell(column, row[column.key], locale, timezone)));
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
