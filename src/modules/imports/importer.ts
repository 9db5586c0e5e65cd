import type { ErrorObject, ValidateFunction } from 'ajv';
import type { TSchema } from 'typebox';
import type { DbOrTx } from '../../db/client.js';
import { fieldErrors } from '../../platform/error-handler.js';
import type { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import type { Messages } from '../../platform/translations.js';
import { buildAjv } from '../../platform/validation.js';
import { type Cell, type ColumnType, folded, readCell } from './cells.js';
import { type IssueCode, IssueTexts } from './imports.errors.js';

export const IMPORT_KINDS = ['products', 'opening_stock', 'bins', 'partners', 'samples'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** How an upload asked to be imported (its query). */
export interface ImportOptions {
  /** Partners: every row is of this kind (else each row's `kind` column says). */
  partnerKind?: 'supplier' | 'customer';
  /** Products: categories the file names that do not exist are created (else each is an error). */
  createCategories?: boolean;
}

/** One column of an import: its English header (the record's field), its Hungarian one, and its type. */
export interface Column {
  key: string;
  hu: string;
  type: ColumnType;
  /** The header must have it (its value may still be empty where the schema allows). */
  required?: boolean | ((options: ImportOptions) => boolean);
  /** Other English headers taken for it. */
  aliases?: string[];
  /** The template's example value. */
  example: string | number | boolean;
}

/** One problem of a file, kept with its texts in every language so it reads in any language later. */
export interface RowIssue {
  /** The spreadsheet row: the header is row 1, the first data row row 2. */
  row: number;
  /** The column as the file names it (or, when it is missing, as the template does). */
  column: Messages | null;
  error_code: string;
  message: Messages;
}

/** An issue as an answer shows it, in one language. */
export function renderIssue(issue: RowIssue, locale: Locale) {
  return {
    row: issue.row,
    column: issue.column ? issue.column[locale] : null,
    message: issue.message[locale],
    error_code: issue.error_code,
  };
}

/** A data row read: its record (fields that read well), and for numbers the exact decimal written. */
export interface ParsedRow {
  row: number;
  record: Record<string, unknown>;
  exact: Record<string, string>;
  /** Fields with an issue already: later checks leave them alone. */
  bad: Set<string>;
}

const same = (text: string): Messages => ({ en: text, hu: text });

/** Every problem found in a file, in the order found; the count goes on past what is kept. */
export class Issues {
  readonly list: RowIssue[] = [];
  count = 0;

  constructor(
    private readonly headerOf: (key: string) => Messages | null,
    private readonly keep: number,
  ) {}

  /** The issues kept, by row (a row's own in the order found). */
  sorted(): RowIssue[] {
    return [...this.list].sort((a, b) => a.row - b.row);
  }

  private push(issue: RowIssue): void {
    this.count += 1;
    if (this.list.length < this.keep) this.list.push(issue);
  }

  /** An issue of the import's own (IssueTexts). */
  add(row: number, key: string | null, code: IssueCode, params: Record<string, string | number> = {}): void {
    const text = IssueTexts[code];
    const fill = (template: string) =>
      template.replace(/\{(\w+)\}/g, (all, name) => String(params[name] ?? all));
    this.push({
      row,
      column: key === null ? null : this.headerOf(key),
      error_code: code,
      message: { en: fill(text.en), hu: fill(text.hu) },
    });
  }

  /** An issue that is an error of the record's own module (SKU_TAKEN, WAREHOUSE_NOT_FOUND, …). */
  addError(row: number, key: string | null, error: AppError): void {
    this.push({
      row,
      column: key === null ? null : this.headerOf(key),
      error_code: error.code,
      message: { en: error.localized('en'), hu: error.localized('hu') },
    });
  }

  /** An issue with its texts given (schema reasons). */
  addText(row: number, key: string, code: string, message: Messages): void {
    this.addAt(row, this.headerOf(key), code, message);
  }

  /** An issue of a column that is none of the import's (a header no column has). */
  addAt(row: number, column: Messages | null, code: string, message: Messages): void {
    this.push({ row, column, error_code: code, message });
  }
}

/** The error_code of a schema keyword that failed. */
function codeOfKeyword(keyword: string): string {
  if (keyword === 'required') return 'REQUIRED';
  if (keyword === 'type') return 'INVALID_TYPE';
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].includes(keyword)) return 'OUT_OF_RANGE';
  if (['minLength', 'maxLength'].includes(keyword)) return 'INVALID_LENGTH';
  if (['pattern', 'format'].includes(keyword)) return 'INVALID_FORMAT';
  return 'INVALID_VALUE';
}

/**
 * One kind of import: its columns, the schema a row's record must meet (the owning module's own
 * create schema wherever there is one, so a row is held to what the API holds a request to),
 * the checks that need the database, and how the rows are applied.
 */
export abstract class Importer<Plan = unknown> {
  abstract readonly kind: ImportKind;
  abstract readonly columns: Column[];
  protected abstract readonly schema: TSchema;
  private validator: ValidateFunction | undefined;

  /** Checks what needs the database or the whole file (duplicates, references); returns what to apply. */
  abstract check(rows: ParsedRow[], issues: Issues, options: ImportOptions): Promise<Plan>;

  /** How many records of each kind the plan creates. */
  abstract counts(plan: Plan): Record<string, number>;

  /** Applies the plan inside `tx`; `progress` hears how many rows are in so far. */
  abstract apply(
    tx: DbOrTx,
    ctx: RequestCtx,
    plan: Plan,
    importId: string,
    progress: (done: number) => Promise<void>,
  ): Promise<void>;

  /** The columns each header names (undefined: no column of this import), matched as `folded`. */
  columnsOf(headers: Cell[]): (Column | undefined)[] {
    const byName = new Map<string, Column>();
    for (const column of this.columns) {
      for (const name of [column.key, column.hu, ...(column.aliases ?? [])]) byName.set(folded(name), column);
    }
    return headers.map((header) =>
      typeof header === 'string' || typeof header === 'number'
        ? byName.get(folded(String(header)))
        : undefined,
    );
  }

  private validate(record: Record<string, unknown>): ErrorObject[] {
    this.validator ??= buildAjv({ coerceTypes: false }).compile(this.schema);
    return this.validator(record) ? [] : (this.validator.errors ?? []);
  }

  /**
   * Reads every data row into a record and holds it to the schema. Header problems (unknown,
   * doubled or missing columns) are reported on row 1 and stop there: rows under a header that
   * is wrong cannot be read.
   */
  parse(
    headers: Cell[],
    rows: { row: number; cells: Cell[] }[],
    decimalComma: boolean,
    options: ImportOptions,
    keep: number,
  ): { rows: ParsedRow[]; issues: Issues } {
    const columns = this.columnsOf(headers);
    const headerText = new Map<string, string>();
    columns.forEach((column, i) => {
      if (column && !headerText.has(column.key)) headerText.set(column.key, String(headers[i]).trim());
    });
    const headerOf = (key: string): Messages => {
      const written = headerText.get(key);
      if (written !== undefined) return same(written);
      const column = this.columns.find((c) => c.key === key);
      return { en: key, hu: column?.hu ?? key };
    };
    const issues = new Issues(headerOf, keep);
    const seen = new Set<string>();
    columns.forEach((column, i) => {
      const header = headers[i];
      const text = header === null || header === undefined ? '' : String(header).trim();
      if (!column) {
        if (text) issues.addAt(1, same(text.slice(0, 100)), 'UNKNOWN_COLUMN', IssueTexts.UNKNOWN_COLUMN);
      } else if (seen.has(column.key)) {
        issues.addAt(1, same(text), 'DUPLICATE_COLUMN', IssueTexts.DUPLICATE_COLUMN);
      } else seen.add(column.key);
    });
    for (const column of this.columns) {
      const required = typeof column.required === 'function' ? column.required(options) : column.required;
      if (required && !seen.has(column.key)) issues.add(1, column.key, 'MISSING_COLUMN');
    }
    if (issues.count > 0) return { rows: [], issues };

    const parsed: ParsedRow[] = [];
    for (const { row, cells } of rows) {
      const record: Record<string, unknown> = {};
      const exact: Record<string, string> = {};
      const bad = new Set<string>();
      if (cells.length > columns.length && cells.slice(columns.length).some((c) => c !== null && c !== '')) {
        issues.add(row, null, 'TOO_MANY_VALUES');
      }
      columns.forEach((column, i) => {
        if (!column) return;
        const read = readCell(cells[i] ?? null, column.type, decimalComma);
        if (read === undefined) return;
        if ('issue' in read) {
          issues.add(row, column.key, read.issue.code, read.issue.params);
          bad.add(column.key);
          return;
        }
        record[column.key] = read.value;
        if (read.exact !== undefined) exact[column.key] = read.exact;
      });
      this.holdToSchema(row, record, bad, issues);
      parsed.push({ row, record, exact, bad });
    }
    return { rows: parsed, issues };
  }

  /** The schema's verdict on a record, one issue per field, worded as the API words it. */
  private holdToSchema(row: number, record: Record<string, unknown>, bad: Set<string>, issues: Issues): void {
    const errors = this.validate(record).filter((e) => {
      const field = e.keyword === 'required' ? String(e.params.missingProperty) : e.instancePath.slice(1);
      return !bad.has(field.split('/')[0] ?? field);
    });
    if (errors.length === 0) return;
    const en = fieldErrors(errors, 'en');
    const hu = fieldErrors(errors, 'hu');
    en.forEach((reason, i) => {
      const field = reason.field.split('.')[0] ?? reason.field;
      if (bad.has(field)) return;
      bad.add(field);
      const issue = errors.find((e) =>
        (e.keyword === 'required' ? String(e.params.missingProperty) : e.instancePath.slice(1)).startsWith(
          field,
        ),
      );
      const message = {
        en: reason.message,
        hu: hu[i]?.field === reason.field ? hu[i].message : reason.message,
      };
      issues.addText(row, field, codeOfKeyword(issue?.keyword ?? ''), message);
    });
  }
}

/**
 * Marks every row whose `key` was seen on an earlier row (DUPLICATE_IN_FILE, naming that row);
 * returns the first row of each key.
 */
export function markDuplicates(
  rows: ParsedRow[],
  issues: Issues,
  column: string,
  keyOf: (row: ParsedRow) => string | undefined,
  shown: (row: ParsedRow) => string,
): void {
  const first = new Map<string, number>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === undefined) continue;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, row.row);
    else {
      issues.add(row.row, column, 'DUPLICATE_IN_FILE', { value: shown(row), other: earlier });
      row.bad.add(column);
    }
  }
}

/** The text of a field that read well (undefined when absent or refused). */
export function textField(row: ParsedRow, key: string): string | undefined {
  const value = row.record[key];
  return typeof value === 'string' && !row.bad.has(key) ? value : undefined;
}
