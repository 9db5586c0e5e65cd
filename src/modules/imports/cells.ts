import { Decimal } from 'decimal.js';
import type { Messages } from '../../platform/translations.js';
import type { IssueCode } from './imports.errors.js';

/** A cell as a file gives it: CSV cells are text; XLSX ones may be numbers, dates, formulas or errors. */
export type Cell = string | number | boolean | Date | null | { formula: string } | { error: string };

/** What a column holds, and so how a cell of it is read. */
export type ColumnType =
  | 'text'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date'
  /** One of the values, named by the value itself or by any of its labels (any case, accents or not). */
  | { oneOf: Record<string, Messages> };

/** A cell that cannot be read as its column's type. */
export interface CellIssue {
  code: IssueCode;
  params?: Record<string, string | number>;
}

/** A cell read: the value for the row's record, and for numbers the exact decimal they were written as. */
export type CellValue =
  | { value: string | number | boolean; exact?: string }
  | { issue: CellIssue }
  | undefined;

const BROKEN_TEXT =
  /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const TRUE = new Set(['true', 'yes', 'y', '1', 'igen', 'i', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', 'nem']);

/** Lower case, accents gone, every run of other characters one `_`: how headers and labels are matched. */
export function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The text of a cell, as a text column reads it (numbers as written, dates as YYYY-MM-DD). */
function textOf(cell: string | number | boolean | Date): string {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDate(cell);
  return String(cell);
}

function readNumber(cell: string | number | boolean | Date, decimalComma: boolean): CellValue {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { issue: { code: 'NOT_A_NUMBER' } };
    const exact = new Decimal(cell);
    return { value: cell, exact: Math.abs(exact.e) > 20 ? exact.toExponential() : exact.toFixed() };
  }
  if (typeof cell !== 'string') return { issue: { code: 'NOT_A_NUMBER' } };
  // Thousands may be grouped with (non-breaking) spaces; a Hungarian file writes 12,5 for 12.5.
  let text = cell.replace(/[\s\u00a0\u202f]+/g, '');
  if (decimalComma && !text.includes('.')) text = text.replace(',', '.');
  if (!NUMBER.test(text)) return { issue: { code: 'NOT_A_NUMBER' } };
  const exact = new Decimal(text);
  // Written out in full only within reason: 1e999999 is refused by the schema's bounds, not expanded.
  return { value: exact.toNumber(), exact: Math.abs(exact.e) > 20 ? exact.toExponential() : exact.toFixed() };
}

function readDate(cell: string | number | boolean | Date): CellValue {
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? { issue: { code: 'NOT_A_DATE' } } : { value: isoDate(cell) };
  }
  // 2026-12-31, 2026.12.31. (Hungarian), 2026/12/31; the schema's date format checks the rest.
  const match = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?$/.exec(String(cell).trim());
  if (!match) return { issue: { code: 'NOT_A_DATE' } };
  const [, y, m, d] = match;
  return { value: `${y}-${m?.padStart(2, '0')}-${d?.padStart(2, '0')}` };
}

function readChoice(cell: string | number | boolean | Date, choices: Record<string, Messages>): CellValue {
  const wanted = folded(textOf(cell));
  for (const [value, labels] of Object.entries(choices)) {
    if (wanted === folded(value) || Object.values(labels).some((label) => folded(label) === wanted)) {
      return { value };
    }
  }
  // Left as written: the schema names the values allowed.
  return { value: textOf(cell).trim() };
}

/**
 * Reads one cell as its column's type. An empty cell is undefined (the column left out of the
 * row's record). Text is refused when it holds what PostgreSQL cannot store (NUL, broken
 * Unicode) or starts with `=`: a formula, which a spreadsheet would run when the data is exported.
 */
export function readCell(cell: Cell, type: ColumnType, decimalComma: boolean): CellValue {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === 'object' && !(cell instanceof Date)) {
    if ('formula' in cell) return { issue: { code: 'FORMULA_NOT_ALLOWED' } };
    return { issue: { code: 'CELL_ERROR', params: { value: cell.error.slice(0, 20) } } };
  }
  if (typeof cell === 'string') {
    if (BROKEN_TEXT.test(cell)) return { issue: { code: 'TEXT_UNSTORABLE' } };
    if (cell.trim() === '') return undefined;
    if (cell.trimStart().startsWith('=')) return { issue: { code: 'FORMULA_NOT_ALLOWED' } };
  }
  if (type === 'text') return { value: textOf(cell).trim() };
  if (type === 'number' || type === 'integer') return readNumber(cell, decimalComma);
  if (type === 'date') return readDate(cell);
  if (type === 'boolean') {
    if (typeof cell === 'boolean') return { value: cell };
    const word = folded(textOf(cell));
    if (TRUE.has(word)) return { value: true };
    if (FALSE.has(word)) return { value: false };
    return { issue: { code: 'NOT_A_BOOLEAN' } };
  }
  return readChoice(cell, type.oneOf);
}

/** Decimal places of an exact decimal string (one in exponent notation is beyond any column's). */
export function decimalPlaces(exact: string): number {
  if (/e/i.test(exact)) return Number.POSITIVE_INFINITY;
  const point = exact.indexOf('.');
  return point < 0 ? 0 : exact.length - point - 1;
}
