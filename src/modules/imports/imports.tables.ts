import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { users } from '../identity/identity.tables.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * One upload to /imports: what it imports, how far it got and what was wrong. A background
 * import keeps its file here, so whichever instance runs the job can read it; it is cleared when
 * the import ends. Imports refused at once (422) are not kept: they changed nothing.
 */
export const imports = pgTable(
  'imports',
  {
    id: id(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    format: text('format').notNull(),
    filename: text('filename').notNull().default(''),
    /** Query options the upload came with (`kind` of partners, `create_categories`). */
    options: jsonb('options').notNull().default({}),
    content: bytea('content'),
    rowsTotal: integer('rows_total').notNull().default(0),
    rowsDone: integer('rows_done').notNull().default(0),
    /** What was created, by kind of record. */
    created: jsonb('created'),
    /** The row errors (the first IMPORT_ERRORS_KEPT), each with its message in every language. */
    errors: jsonb('errors').notNull().default([]),
    errorCount: integer('error_count').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    requestId: text('request_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('imports_created_idx').on(t.createdAt),
    index('imports_unfinished_idx').on(t.createdAt).where(sql`${t.status} in ('queued', 'running')`),
    check('imports_status_check', sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
    check(
      'imports_kind_check',
      sql`${t.kind} in ('products', 'opening_stock', 'bins', 'partners', 'samples')`,
    ),
  ],
);
