import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { SQL } from 'drizzle-orm';
import type { FastifyContextConfig, FastifyReply } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import { ctxOf, type RequestCtx } from '../request-ctx.js';
import type { Api } from '../route-helpers.js';
import { writeCsv } from './csv.js';
import {
  type ExportColumn,
  type ExportRow,
  exportFileName,
  type FileFormat,
  FormatQuery,
  MEDIA_TYPES,
} from './export-formats.js';
import type { Exporter } from './exporter.js';
import { writeXlsx } from './xlsx.js';

/** What a list exports: its file name, its columns, and the query of every row it would list. */
export interface ListExport<Q extends TSchema, P extends TSchema = TSchema> {
  /** The file name's stem and the audit trail's name for the list: `stock-movements`. */
  name: string;
  /** From `defineExportColumns`: keys are the query's output column names. */
  columns: ExportColumn[];
  /**
   * Every row the list's filters match, in the list's order, without paging: a Drizzle `SQL`
   * (a select builder's `.getSQL()`), read through a cursor. Throw as the list would (404 …).
   */
  rows: (query: Static<Q>, params: Static<P>, ctx: RequestCtx) => SQL | Promise<SQL>;
}

/** Query parameters that shape a page, not the set: left out of an export and of its audit record. */
const PAGING = new Set(['page', 'page_size', 'skip', 'limit', 'cursor', 'format']);

const fileResponses = {
  'text/csv': {
    schema: Type.String({ description: 'CSV, UTF-8 with a byte-order mark; a header row' }),
  },
  [MEDIA_TYPES.xlsx]: {
    schema: Type.String({ format: 'binary', description: 'An XLSX workbook of one sheet; a header row' }),
  },
};

/**
 * A list route that also answers as a file: `GET /` (or `url`) answers a page of JSON as
 * `listRoute` does, and with `?format=csv` or `?format=xlsx` every row matching the same filters
 * (paging ignored), streamed from a database cursor, headers in the caller's language, times in
 * the business timezone; the download is audited. To make a list exportable, declare its columns
 * with `defineExportColumns` and call this instead of `listRoute`, with `export: {name, columns, rows}`.
 */
export function exportableListRoute<Q extends TSchema, P extends TSchema = TSchema>(
  app: Api,
  route: {
    config: FastifyContextConfig;
    tags: string[];
    summary: string;
    url?: string;
    params?: P;
    querystring: Q;
    response: TSchema;
    list: (query: Static<Q>, params: Static<P>, ctx: RequestCtx) => unknown;
    export: ListExport<Q, P>;
  },
): void {
  app.get(
    route.url ?? '/',
    {
      config: route.config,
      schema: {
        tags: route.tags,
        summary: route.summary,
        ...(route.params ? { params: route.params } : {}),
        querystring: Type.Intersect([route.querystring, FormatQuery]),
        response: {
          200: {
            description: 'A page of JSON, or with `format` every matching row as a file',
            content: { 'application/json': { schema: route.response }, ...fileResponses },
          },
        },
      },
    },
    async (request, reply) => {
      const query = request.query as Static<Q> & FormatQuery;
      const params = request.params as Static<P>;
      const ctx = ctxOf(request);
      if (query.format === undefined || query.format === 'json') return route.list(query, params, ctx);
      const filters = Object.fromEntries(
        Object.entries(query).filter(([key, value]) => !PAGING.has(key) && value !== undefined),
      );
      const rows = await route.export.rows(query, params, ctx);
      return sendExport(app.exporter, reply, ctx, {
        name: route.export.name,
        columns: route.export.columns,
        format: query.format,
        filters,
        rows,
      });
    },
  );
}

/** `source` with its first item read already, so a failing query is an error response, not a cut file. */
async function primed<T>(source: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      try {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      } finally {
        await iterator.return?.();
      }
    },
  };
}

async function sendExport(
  exporter: Exporter,
  reply: FastifyReply,
  ctx: RequestCtx,
  request: {
    name: string;
    columns: ExportColumn[];
    format: FileFormat;
    filters: Record<string, unknown>;
    rows: SQL;
  },
) {
  const { name, columns, format, filters } = request;
  let count = 0;
  const chunks = await primed(exporter.streamRows<ExportRow>(request.rows));
  async function* counted() {
    for await (const chunk of chunks) {
      count += chunk.length;
      yield chunk;
    }
  }
  // The file is written into `file`, which feeds the response; the response ends only after the
  // export is audited, so a completed download always has its audit row.
  const file = new PassThrough();
  const body = new PassThrough();
  file.pipe(body, { end: false });
  body.on('close', () => file.destroy());
  const options = { locale: ctx.locale, timezone: exporter.timezone };
  const writing =
    format === 'csv'
      ? writeCsv(file, columns, counted(), options)
      : writeXlsx(file, columns, counted(), { ...options, sheetName: name });
  void (async () => {
    let complete = false;
    try {
      await writing;
      await finished(file);
      complete = true;
    } catch (error) {
      reply.log.warn({ err: error, export: name }, 'export stopped before its last row');
    }
    try {
      await exporter.audit(ctx, { name, format, filters, rows: count, complete });
    } catch (error) {
      reply.log.error({ err: error, export: name }, 'export not audited');
    }
    if (complete) body.end();
    else body.destroy();
  })();
  const fileName = exportFileName(name, format, new Date(), exporter.timezone);
  return reply
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .type(MEDIA_TYPES[format])
    .send(body);
}
