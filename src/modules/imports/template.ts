import ExcelJS from 'exceljs';
import type { Locale } from '../../platform/i18n.js';
import type { Column } from './importer.js';

/** A column's example as the locale writes it (Hungarian decimals with a comma, as its CSV separator is `;`). */
function exampleOf(column: Column, locale: Locale): string {
  const { example, type } = column;
  if (typeof type === 'object' && typeof example === 'string')
    return type.oneOf[example]?.[locale] ?? example;
  if (typeof example === 'boolean') return locale === 'hu' ? (example ? 'igen' : 'nem') : String(example);
  if (typeof example === 'number' && locale === 'hu') return String(example).replace('.', ',');
  return String(example);
}

function csvCell(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A file to fill in: the header in the caller's language and one example row. The CSV starts with
 * a byte-order mark, so spreadsheets open it as UTF-8; the Hungarian one is `;` separated.
 */
export async function template(
  columns: Column[],
  sheet: string,
  format: 'csv' | 'xlsx',
  locale: Locale,
): Promise<Buffer> {
  const headers = columns.map((c) => (locale === 'hu' ? c.hu : c.key));
  const example = columns.map((c) => exampleOf(c, locale));
  if (format === 'csv') {
    const separator = locale === 'hu' ? ';' : ',';
    const line = (cells: string[]) => cells.map((cell) => csvCell(cell, separator)).join(separator);
    return Buffer.from(`\ufeff${line(headers)}\r\n${line(example)}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet);
  worksheet.addRow(headers).font = { bold: true };
  // Numbers and booleans as such, so the sheet shows them the spreadsheet's own way.
  worksheet.addRow(columns.map((c) => (typeof c.example === 'string' ? exampleOf(c, locale) : c.example)));
  worksheet.columns.forEach((column) => {
    column.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
