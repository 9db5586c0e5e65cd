import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { moduleAccess } from '../../platform/access.js';
import { AppError, Errors } from '../../platform/errors.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { getRoute, listRoute } from '../../platform/route-helpers.js';
import { ImportErrors } from './imports.errors.js';
import {
  DryRunResult,
  ImportErrorResponse,
  ImportList,
  ImportParams,
  ImportPublic,
  ImportsQuery,
  KIND_PATHS,
  type KindPath,
  TemplateParams,
  TemplateQuery,
  UploadBody,
  UploadQuery,
} from './imports.schemas.js';
import type { ImportsService, Upload } from './imports.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The file of an import upload, read before validation. */
    upload?: Upload;
  }
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const { read, manage } = moduleAccess('inventory');
/** Samples belong to the dispatch module: its managers import them. */
const sampleManagers = moduleAccess('dispatch').manage;

const SUMMARIES: Record<KindPath, string> = {
  products: 'Import products from CSV or XLSX',
  'opening-stock': 'Import opening stock (what each bin holds) from CSV or XLSX',
  bins: 'Import bins of any warehouses from CSV or XLSX',
  partners: 'Import suppliers and customers from CSV or XLSX',
  samples: 'Import samples of dispatches (by dispatch number) from CSV or XLSX',
};

const UPLOAD_DESCRIPTION =
  'Send the file as `multipart/form-data` in a field named `file`. Headers in English (the ' +
  "template's) or Hungarian. Every row is checked first; then all are imported in one transaction, " +
  'or none, and 422 `IMPORT_INVALID_ROWS` lists every problem with its row (the header is row 1) and ' +
  'column. `dry_run=true` only checks and says what would be created. A file of more than ' +
  '`IMPORT_ASYNC_ROWS` rows is imported in the background (a job on the instance that runs the ' +
  'scheduler, or this instance when none runs here): 202 with the import, whose progress ' +
  '`GET /imports/{id}` shows.';

/**
 * Reads the uploaded file before validation: its bytes are kept on the request, and the body
 * becomes `{file: <SHA-256 of the file>}`, so the schema checks a file was sent and a retry with an
 * Idempotency-Key is recognised by its content.
 */
function uploadReader(limit: number) {
  return async (request: FastifyRequest) => {
    if (!request.isMultipart()) {
      throw ImportErrors.notMultipart({ type: request.headers['content-type'] ?? '(none)' });
    }
    try {
      const part = await request.file();
      if (!part) {
        request.body = {};
        return;
      }
      const buffer = await part.toBuffer();
      request.upload = { buffer, filename: part.filename ?? '', mimetype: part.mimetype ?? '' };
      request.body = { file: createHash('sha256').update(buffer).digest('hex') };
    } catch (error) {
      if (error instanceof AppError) throw error;
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        throw ImportErrors.tooLarge({ limit });
      throw Errors.badRequest();
    }
  };
}

export const importsRoutes: FastifyPluginAsyncTypebox<{ imports: ImportsService; maxBytes: number }> = async (
  app,
  { imports, maxBytes },
) => {
  // Here only: no other route takes a form.
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 12 } });
  const tags = ['imports'];
  const readUpload = uploadReader(maxBytes);

  for (const [path, kind] of Object.entries(KIND_PATHS) as [KindPath, (typeof KIND_PATHS)[KindPath]][]) {
    app.post(
      `/${path}`,
      {
        config: kind === 'samples' ? sampleManagers : manage,
        preValidation: readUpload,
        schema: {
          tags,
          summary: SUMMARIES[path],
          description: UPLOAD_DESCRIPTION,
          consumes: ['multipart/form-data'],
          querystring: UploadQuery,
          body: UploadBody,
          response: {
            200: DryRunResult,
            201: ImportPublic,
            202: ImportPublic,
            422: ImportErrorResponse,
          },
        },
      },
      async (request, reply) => {
        const { dry_run, create_categories, kind: partnerKind } = request.query;
        const answer = await imports.upload(ctxOf(request), kind, request.upload as Upload, {
          dryRun: dry_run ?? false,
          createCategories: create_categories,
          partnerKind,
        });
        return reply.code(answer.status).send(answer.body as never);
      },
    );
  }

  listRoute(app, {
    config: manage,
    tags,
    summary: 'List imports, newest first',
    querystring: ImportsQuery,
    response: ImportList,
    list: (q, _params, ctx) => imports.list(q, pageRequest(q), ctx.locale),
  });
  getRoute(app, {
    config: manage,
    tags,
    summary: 'Get an import: its status, rows done of rows total, and its problems',
    params: ImportParams,
    response: ImportPublic,
    get: ({ id }, ctx) => imports.get(id, ctx.locale),
  });
  app.get(
    '/:kind/template',
    {
      config: read,
      schema: {
        tags,
        summary: 'Download a template to fill in: the header in your language and one example row',
        params: TemplateParams,
        querystring: TemplateQuery,
        response: {
          200: {
            description: 'The template file',
            content: {
              'text/csv': {
                schema: { type: 'string', examples: ['sku,name,unit_price\r\nLAPTOP-001,Laptop,999.99\r\n'] },
              },
              [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'csv';
      const { kind } = request.params;
      const file = await imports.template(KIND_PATHS[kind], format, request.locale);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
        .header('content-disposition', `attachment; filename="raktar-${kind}-template.${format}"`)
        .send(file as never);
    },
  );
};
