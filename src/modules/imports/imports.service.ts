import type { FastifyBaseLogger } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Principal } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import type { Scheduler } from '../../platform/scheduler.js';
import { recordAudit } from '../audit/index.js';
import { type FileFormat, formatOf, readTable, type Table } from './file-reader.js';
import {
  type Importer,
  type ImportKind,
  type ImportOptions,
  type Issues,
  type RowIssue,
  renderIssue,
} from './importer.js';
import { ImportConflict, ImportErrors, ImportStopped } from './imports.errors.js';
import {
  claimImport,
  findImport,
  type ImportInfo,
  insertImport,
  listImports,
  strandedImports,
  updateImport,
} from './imports.repo.js';
import type { ImportsQuery } from './imports.schemas.js';
import { template } from './template.js';

/** Problems kept and answered per import; `error_count` says how many there were. */
export const ERRORS_KEPT = 1_000;
/** The queue background imports run from. */
export const IMPORT_QUEUE = 'import-run';
/** A running import whose runner has not been heard of for this long is taken up again. */
const STALE_MINUTES = 10;
/** How often an instance that runs no scheduler looks for stranded imports itself. */
const LONE_SWEEP_MS = 60_000;

export interface Upload {
  buffer: Buffer;
  filename: string;
  mimetype: string;
}

export interface UploadOptions extends ImportOptions {
  dryRun: boolean;
}

export interface ImportLimits {
  /** More data rows than this: a background job. */
  asyncRows: number;
  maxRows: number;
}

/** What an upload answers: the status and body. */
export type UploadAnswer = { status: 200 | 201 | 202; body: object };

/** What a background import keeps of its options: those of the upload and who sent it. */
interface StoredOptions extends ImportOptions {
  actor?: Pick<Principal, 'id' | 'username' | 'role'> | null;
}

function toImportPublic(row: ImportInfo, locale: Locale) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    format: row.format,
    filename: row.filename,
    rows_total: row.rowsTotal,
    rows_done: row.rowsDone,
    created: (row.created as Record<string, number> | null) ?? null,
    error_count: row.errorCount,
    errors: (row.errors as RowIssue[]).map((issue) => renderIssue(issue, locale)),
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}

/** 422 IMPORT_INVALID_ROWS with every problem (the first ERRORS_KEPT) by row and column. */
function invalidRows(issues: Issues, locale: Locale): AppError {
  return ImportErrors.invalidRows(
    { count: issues.count },
    { error_count: issues.count, errors: issues.sorted().map((issue) => renderIssue(issue, locale)) },
  );
}

/**
 * Imports of CSV and XLSX files. Every row is checked first (types, required fields, references,
 * duplicates in the file and against the database); then all rows are applied in one
 * transaction, or none and every problem is answered. Files of more than `asyncRows` rows are
 * imported by a background job on whichever instance runs the scheduler, or by the instance that
 * took the upload when it runs none.
 */
export class ImportsService {
  /** Imports this process runs outside the job queue; close waits for them. */
  private readonly running = new Set<Promise<void>>();
  private loneSweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly importers: Record<ImportKind, Importer>,
    private readonly scheduler: Scheduler,
    private readonly limits: ImportLimits,
    private readonly log: FastifyBaseLogger,
  ) {
    scheduler.registerQueue<{ id: string }>({ name: IMPORT_QUEUE, run: ({ id }) => this.run(id) });
    // Picks up what no runner took: queued on an instance without a scheduler, or a runner that died.
    scheduler.register({
      name: 'resume-imports',
      cron: '* * * * *',
      run: async () => {
        for (const id of await strandedImports(this.db, STALE_MINUTES)) {
          await this.scheduler.send(IMPORT_QUEUE, { id });
        }
      },
    });
  }

  /** Reads the file's first sheet and its header; a file with no data rows is refused. */
  private async table(importer: Importer, upload: Upload, options: ImportOptions, locale: Locale) {
    const format = formatOf(upload.filename, upload.mimetype, upload.buffer);
    if (!format) {
      const type = [upload.filename, upload.mimetype && `(${upload.mimetype})`].filter(Boolean).join(' ');
      throw ImportErrors.notMultipart({ type: type || '(none)' });
    }
    const table = await readTable(upload.buffer, format, this.limits.maxRows);
    if (table.headers.every((h) => h === null || String(h).trim() === '')) throw ImportErrors.emptyFile();
    const { issues } = importer.parse(table.headers, [], false, options, ERRORS_KEPT);
    if (issues.count > 0) throw invalidRows(issues, locale);
    if (table.rows.length === 0) throw ImportErrors.emptyFile();
    return { format, table };
  }

  /** Every row read and checked: the plan to apply, or the problems. */
  private async evaluate(importer: Importer, table: Table, options: ImportOptions) {
    const { rows, issues } = importer.parse(
      table.headers,
      table.rows,
      table.decimalComma,
      options,
      ERRORS_KEPT,
    );
    const plan = await importer.check(rows, issues, options);
    return { plan, issues };
  }

  /** An upload: checked and applied now (201), only checked (dry run, 200), or queued (202). */
  async upload(
    ctx: RequestCtx,
    kind: ImportKind,
    upload: Upload,
    options: UploadOptions,
  ): Promise<UploadAnswer> {
    const importer = this.importers[kind];
    const { format, table } = await this.table(importer, upload, options, ctx.locale);
    const rowsTotal = table.rows.length;
    if (!options.dryRun && rowsTotal > this.limits.asyncRows) {
      return { status: 202, body: await this.enqueue(ctx, kind, format, upload, options, rowsTotal) };
    }
    const { plan, issues } = await this.evaluate(importer, table, options);
    if (issues.count > 0) throw invalidRows(issues, ctx.locale);
    const created = importer.counts(plan);
    if (options.dryRun) {
      return {
        status: 200,
        body: { dry_run: true, kind, format, rows_total: rowsTotal, would_create: created },
      };
    }
    const id = uuidv7();
    const row = await this.conflictsRefused(() =>
      this.db.transaction(async (tx) => {
        await importer.apply(tx, ctx, plan, id, async () => {});
        const record = await insertImport(tx, {
          id,
          kind,
          status: 'done',
          format,
          filename: upload.filename,
          options: this.storedOptions(options, null),
          rowsTotal,
          rowsDone: rowsTotal,
          created,
          createdBy: ctx.actor?.id ?? null,
          requestId: ctx.requestId,
          startedAt: new Date(),
          finishedAt: new Date(),
        });
        await this.audit(tx, ctx, record, created);
        return record;
      }),
    );
    return { status: 201, body: toImportPublic(row, ctx.locale) };
  }

  private storedOptions(options: ImportOptions, actor: Principal | null): StoredOptions {
    return {
      partnerKind: options.partnerKind,
      createCategories: options.createCategories,
      ...(actor ? { actor: { id: actor.id, username: actor.username, role: actor.role } } : {}),
    };
  }

  private audit(tx: Parameters<typeof recordAudit>[0], ctx: RequestCtx, row: ImportInfo, created: object) {
    return recordAudit(tx, ctx, {
      action: `import.${row.kind}`,
      entityType: 'import',
      entityId: row.id,
      after: { kind: row.kind, filename: row.filename, rows: row.rowsTotal, created },
    });
  }

  /** A unique index refusing a row another request created meanwhile: nothing was imported (409). */
  private async conflictsRefused<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw ImportConflict();
      throw error;
    }
  }

  /** Keeps the file with its import record and queues the job that imports it. */
  private async enqueue(
    ctx: RequestCtx,
    kind: ImportKind,
    format: FileFormat,
    upload: Upload,
    options: ImportOptions,
    rowsTotal: number,
  ) {
    const row = await insertImport(this.db, {
      kind,
      status: 'queued',
      format,
      filename: upload.filename,
      options: this.storedOptions(options, ctx.actor),
      content: upload.buffer,
      rowsTotal,
      createdBy: ctx.actor?.id ?? null,
      requestId: ctx.requestId,
    });
    // A job that runs before this request's transaction commits finds nothing and is retried.
    const queued = await this.scheduler.send(IMPORT_QUEUE, { id: row.id });
    // No scheduler here (switched off, or it failed to start): a lone instance has no other whose
    // sweep would take the import up, so this one runs it now.
    if (!queued) this.runHere(row.id);
    return toImportPublic(row, ctx.locale);
  }

  /**
   * Where no scheduler runs (switched off, or it failed to start), no `resume-imports` job takes
   * up an import whose runner died, so this instance does: at start, and every minute until
   * `settle`. Taking an import is atomic, so instances sweeping at once run it once.
   */
  sweepWhileLone(): void {
    const sweep = async () => {
      if (this.scheduler.state !== 'disabled' && this.scheduler.state !== 'failed') return;
      const stranded = await strandedImports(this.db, STALE_MINUTES);
      for (const id of stranded) if (this.loneSweep) this.runHere(id);
    };
    const tick = () => {
      sweep().catch((error: unknown) => this.log.error({ err: error }, 'stranded imports sweep failed'));
    };
    this.loneSweep = setInterval(tick, LONE_SWEEP_MS).unref();
    tick();
  }

  private runHere(id: string): void {
    const work: Promise<void> = this.run(id)
      .catch((error: unknown) => this.log.error({ err: error, import_id: id }, 'import failed'))
      .finally(() => this.running.delete(work));
    this.running.add(work);
  }

  /** Stops sweeping and waits for the imports this process runs outside the job queue (before the pool closes). */
  async settle(): Promise<void> {
    clearInterval(this.loneSweep);
    this.loneSweep = undefined;
    await Promise.all(this.running);
  }

  /** The background job: checks and applies a queued import, keeping its progress and problems. */
  async run(id: string): Promise<void> {
    const claimed = await claimImport(this.db, id, STALE_MINUTES);
    if (!claimed) {
      if (!(await findImport(this.db, id))) throw new Error(`import ${id} is not there (yet)`);
      return; // finished, or running elsewhere
    }
    const options = claimed.options as StoredOptions;
    const ctx: RequestCtx = {
      actor: options.actor ? { ...options.actor, modules: [] } : null,
      ip: '127.0.0.1',
      userAgent: 'import-job',
      requestId: claimed.requestId ?? `import:${id}`,
      locale: 'en',
    };
    const finished = { finishedAt: new Date(), content: null };
    try {
      const importer = this.importers[claimed.kind as ImportKind];
      const table = await readTable(
        claimed.content ?? Buffer.alloc(0),
        claimed.format as FileFormat,
        this.limits.maxRows,
      );
      const { plan, issues } = await this.evaluate(importer, table, options);
      if (issues.count > 0) {
        await updateImport(this.db, id, {
          status: 'failed',
          errors: issues.list,
          errorCount: issues.count,
          ...finished,
        });
        return;
      }
      const created = importer.counts(plan);
      await this.conflictsRefused(() =>
        this.db.transaction(async (tx) => {
          // Progress goes through the pool, not `tx`, so readers see it while the import runs.
          await importer.apply(tx, ctx, plan, id, (done) => updateImport(this.db, id, { rowsDone: done }));
          await updateImport(tx, id, { status: 'done', rowsDone: claimed.rowsTotal, created, ...finished });
          await this.audit(tx, ctx, claimed, created);
        }),
      );
    } catch (error) {
      if (!(error instanceof AppError)) this.log.error({ err: error, import_id: id }, 'import failed');
      const issue: RowIssue =
        error instanceof AppError
          ? {
              row: 1,
              column: null,
              error_code: error.code,
              message: { en: error.localized('en'), hu: error.localized('hu') },
            }
          : { row: 1, column: null, error_code: 'IMPORT_FAILED', message: ImportStopped.IMPORT_FAILED };
      await updateImport(this.db, id, {
        status: 'failed',
        rowsDone: 0,
        errors: [issue],
        errorCount: 1,
        ...finished,
      });
    }
  }

  async get(id: string, locale: Locale) {
    const row = await findImport(this.db, id);
    if (!row) throw ImportErrors.notFound();
    return toImportPublic(row, locale);
  }

  async list(query: ImportsQuery, page: PageRequest, locale: Locale) {
    const { rows, total } = await listImports(this.db, { kind: query.kind, status: query.status }, page);
    return toPage(
      rows.map((row) => {
        const { errors: _errors, ...summary } = toImportPublic(row, locale);
        return summary;
      }),
      total,
      page,
    );
  }

  /** A template of an import's columns with one example row, in the caller's language. */
  template(kind: ImportKind, format: 'csv' | 'xlsx', locale: Locale): Promise<Buffer> {
    return template(this.importers[kind].columns, kind, format, locale);
  }
}
