import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { nullable } from '../../platform/schemas.js';

const uuid = Type.String({ format: 'uuid' });
const stamp = Type.String({ format: 'date-time' });

/** The kinds as paths name them. */
export const KIND_PATHS = {
  products: 'products',
  'opening-stock': 'opening_stock',
  bins: 'bins',
  partners: 'partners',
  samples: 'samples',
} as const;
export type KindPath = keyof typeof KIND_PATHS;

const RowError = Type.Object({
  row: Type.Integer({ description: 'Spreadsheet row: the header is row 1, the first data row is row 2' }),
  column: nullable(Type.String({ description: 'The column as the file names it' })),
  message: Type.String(),
  error_code: Type.String({ description: 'Stable code of the problem, e.g. REQUIRED, SKU_TAKEN' }),
});

const Counts = Type.Record(Type.String(), Type.Integer(), {
  description: 'Records by kind: products, categories, bins, suppliers, customers, movements, samples',
});

const importFields = {
  id: uuid,
  kind: Type.Enum(['products', 'opening_stock', 'bins', 'partners', 'samples']),
  status: Type.Enum(['queued', 'running', 'done', 'failed']),
  format: Type.Enum(['csv', 'xlsx']),
  filename: Type.String(),
  rows_total: Type.Integer({ description: 'Data rows in the file' }),
  rows_done: Type.Integer({ description: 'Rows imported so far' }),
  created: nullable(Counts),
  error_count: Type.Integer({ description: 'Problems found (the first 1,000 are listed)' }),
  created_by: nullable(uuid),
  created_at: stamp,
  started_at: nullable(stamp),
  finished_at: nullable(stamp),
};

const importExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e40',
  kind: 'products',
  status: 'done',
  format: 'csv',
  filename: 'products.csv',
  rows_total: 2,
  rows_done: 2,
  created: { products: 2, categories: 0 },
  error_count: 0,
  created_by: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  created_at: '2026-01-02T08:00:00.000Z',
  started_at: '2026-01-02T08:00:00.000Z',
  finished_at: '2026-01-02T08:00:01.000Z',
};

export const ImportSummary = Type.Object(importFields, { examples: [importExample] });
export const ImportPublic = Type.Object(
  { ...importFields, errors: Type.Array(RowError) },
  { examples: [{ ...importExample, errors: [] }] },
);
export const ImportList = PageOf(ImportSummary, importExample as Static<typeof ImportSummary>);

export const DryRunResult = Type.Object(
  {
    dry_run: Type.Literal(true),
    kind: importFields.kind,
    format: importFields.format,
    rows_total: importFields.rows_total,
    would_create: Counts,
  },
  {
    examples: [
      {
        dry_run: true,
        kind: 'products',
        format: 'csv',
        rows_total: 2,
        would_create: { products: 2, categories: 1 },
      },
    ],
  },
);

export const UploadQuery = Type.Object({
  dry_run: Type.Optional(
    Type.Boolean({
      default: false,
      description: 'Check every row and say what would be created; change nothing',
    }),
  ),
  create_categories: Type.Optional(
    Type.Boolean({
      default: false,
      description: 'Products: create the categories the file names that do not exist (else each is an error)',
    }),
  ),
  kind: Type.Optional(
    Type.Enum(['supplier', 'customer'], {
      description: 'Partners: every row is of this kind (else each row has a `kind` column)',
    }),
  ),
});
export type UploadQuery = Static<typeof UploadQuery>;

/** The body as validated: the upload's SHA-256 in place of its bytes (see imports.routes.ts). */
export const UploadBody = Type.Object(
  {
    file: Type.String({
      format: 'binary',
      description: 'The CSV (UTF-8 or Windows-1250; `,` `;` or tab separated) or XLSX file (its first sheet)',
    }),
  },
  { examples: [{ file: 'sku,name,unit_price\r\nLAPTOP-001,Laptop,999.99\r\n' }] },
);

export const ImportsQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    kind: Type.Optional(importFields.kind),
    status: Type.Optional(importFields.status),
  }),
]);
export type ImportsQuery = Static<typeof ImportsQuery>;

export const ImportParams = Type.Object({ id: uuid });
export const TemplateParams = Type.Object({ kind: Type.Enum(Object.keys(KIND_PATHS) as KindPath[]) });
export const TemplateQuery = Type.Object({
  format: Type.Optional(Type.Enum(['csv', 'xlsx'], { default: 'csv' })),
});

/** A refused import: the common error body with every problem by row and column. */
export const ImportErrorResponse = Type.Object(
  {
    detail: Type.String(),
    error_code: Type.String(),
    timestamp: stamp,
    request_id: Type.String(),
    error_count: Type.Optional(Type.Integer({ description: 'Problems found (the first 1,000 are listed)' })),
    line: Type.Optional(
      Type.Integer({ description: 'IMPORT_UNREADABLE_FILE: the CSV line that could not be read' }),
    ),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          row: Type.Optional(Type.Integer()),
          column: Type.Optional(nullable(Type.String())),
          field: Type.Optional(Type.String()),
          message: Type.String(),
          error_code: Type.Optional(Type.String()),
        }),
      ),
    ),
  },
  {
    additionalProperties: true,
    examples: [
      {
        detail: '2 problems in the file; nothing was imported. Each is listed with its row and column.',
        error_code: 'IMPORT_INVALID_ROWS',
        timestamp: '2026-01-15T09:30:00.000Z',
        request_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
        error_count: 2,
        errors: [
          { row: 3, column: 'unit_price', message: 'must be a number', error_code: 'NOT_A_NUMBER' },
          {
            row: 5,
            column: 'sku',
            message: 'SKU LAPTOP-001 is already taken (also by inactive products).',
            error_code: 'SKU_TAKEN',
          },
        ],
      },
    ],
  },
);
