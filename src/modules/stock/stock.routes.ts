import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { moduleAccess, Roles } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import {
  AdjustmentBody,
  CountBody,
  CountResult,
  DocumentResult,
  IssueBody,
  ReceiptBody,
} from './documents.schemas.js';
import type { StockDocumentsService } from './documents.service.js';
import { canonicalType } from './movement-types.js';
import type { PostingBatcher } from './posting-batcher.js';
import { movementExportColumns } from './stock.exports.js';
import { toPostedPublic } from './stock.mapper.js';
import {
  BalanceList,
  BalanceQuery,
  IdParams,
  MovementCreate,
  MovementListResponse,
  MovementPublic,
  MovementQuery,
  PostedMovement,
  ReverseBody,
  VerifyQuery,
  VerifyResult,
} from './stock.schemas.js';
import { movementInputOf, type StockService } from './stock.service.js';
import type { StockQueries } from './stock-queries.js';
import type { MovementFilter } from './stock-queries.repo.js';

const { read, staff, manage } = moduleAccess('inventory');

type Deps = { stock: StockService; queries: StockQueries };

/** The ledger filter a movement query asks for (page and cursor are read apart). */
function movementFilter(q: Static<typeof MovementQuery>) {
  return {
    productId: q.product_id,
    warehouseId: q.warehouse_id,
    binId: q.bin_id,
    lotId: q.lot_id,
    movementType: q.movement_type ? canonicalType(q.movement_type) : undefined,
    referenceNumber: q.reference_number,
    actorId: q.actor_id,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

/** A page of the ledger: by keyset when the query names a `cursor` (`first` for the newest), else by number. */
function movementPage(queries: StockQueries, filter: MovementFilter, q: Static<typeof MovementQuery>) {
  if (q.cursor !== undefined) {
    return queries.listMovementsAfter(
      filter,
      q.cursor === 'first' ? undefined : q.cursor,
      pageRequest(q).pageSize,
    );
  }
  return queries.listMovements(filter, pageRequest(q));
}

export const movementsRoutes: FastifyPluginAsyncTypebox<Deps & { batcher: PostingBatcher }> = async (
  app,
  { stock, queries, batcher },
) => {
  const tags = ['stock movements'];
  app.post(
    '/',
    {
      config: { ...staff, idempotencyInTransaction: true },
      // The hot write: small bodies both ways (below the compression threshold), so its requests
      // skip the compression hooks, which cost it a fifth of its time.
      compress: false,
      decompress: false,
      schema: {
        tags,
        summary: 'Post a stock movement (outbound without a lot is allocated FEFO and may split)',
        body: MovementCreate,
        response: { 201: PostedMovement },
      },
    },
    async (request, reply) => {
      const input = movementInputOf(request.body);
      const claim = request.idempotency;
      const { response, replayed } = await batcher.submit(ctxOf(request), input, claim, (posted) => ({
        status: 201,
        type: 'application/json; charset=utf-8',
        body: JSON.stringify(toPostedPublic(posted)),
      }));
      if (replayed) reply.header('idempotent-replayed', 'true');
      // The body is the 201 response already serialized (and stored with the key, if any).
      return reply
        .code(201)
        .type(response.type)
        .send(response.body as never);
    },
  );
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'The ledger, newest first: filters, page/page_size, or keyset `cursor` for long histories',
    querystring: MovementQuery,
    response: MovementListResponse,
    list: (q) => movementPage(queries, movementFilter(q), q),
    export: {
      name: 'stock-movements',
      columns: movementExportColumns,
      rows: (q) => queries.movementsExport(movementFilter(q)),
    },
  });
  app.get(
    '/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Get one ledger row',
        params: IdParams,
        response: { 200: MovementPublic },
      },
    },
    (request) => queries.getMovement(request.params.id),
  );
  app.post(
    '/:id/reverse',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Post the opposite movement (once); the ledger itself is never edited',
        params: IdParams,
        body: ReverseBody,
        response: { 201: PostedMovement },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(toPostedPublic(await stock.reverse(ctxOf(request), request.params.id, request.body.reason))),
  );
};

export const inventoryQueryRoutes: FastifyPluginAsyncTypebox<
  Deps & { documents: StockDocumentsService }
> = async (app, { queries, documents }) => {
  const tags = ['inventory'];
  const doc = <B, R>(summary: string, body: B, response: R) => ({
    config: staff,
    schema: { tags, summary, body, response: { 201: response } },
  });
  app.post(
    '/receipts',
    doc(
      'Receive several lines into a warehouse, all or nothing (lots created as needed)',
      ReceiptBody,
      DocumentResult,
    ),
    async (request, reply) => reply.code(201).send(await documents.receipt(ctxOf(request), request.body)),
  );
  app.post(
    '/issues',
    doc('Issue several lines FEFO, all or nothing', IssueBody, DocumentResult),
    async (request, reply) => reply.code(201).send(await documents.issue(ctxOf(request), request.body)),
  );
  app.post(
    '/adjustments',
    doc('Signed corrections with a reason code, all or nothing', AdjustmentBody, DocumentResult),
    async (request, reply) => reply.code(201).send(await documents.adjustment(ctxOf(request), request.body)),
  );
  app.post(
    '/counts',
    doc('Stocktake: post the differences between counted and booked quantities', CountBody, CountResult),
    async (request, reply) => reply.code(201).send(await documents.count(ctxOf(request), request.body)),
  );
  app.get(
    '/balances',
    {
      config: read,
      schema: {
        tags,
        summary: 'Stock per product, warehouse, bin and lot, in SKU order; as_of answers for a past moment',
        querystring: BalanceQuery,
        response: { 200: BalanceList },
      },
    },
    (request) => {
      const q = request.query;
      return queries.balances(
        {
          productId: q.product_id,
          warehouseId: q.warehouse_id,
          binId: q.bin_id,
          lotId: q.lot_id,
          asOf: q.as_of ? new Date(q.as_of) : undefined,
          includeZero: q.include_zero,
        },
        pageRequest(q),
      );
    },
  );
  app.get(
    '/verify',
    {
      config: { access: { roles: Roles.admin, module: 'inventory' } },
      schema: {
        tags,
        summary:
          'Recompute every balance (from the ledger, or incrementally from a snapshot) and list differences',
        querystring: VerifyQuery,
        response: { 200: VerifyResult },
      },
    },
    (request) => queries.verify(request.query.mode),
  );
};

export const binStockRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, { queries }) => {
  const tags = ['bins'];
  app.get(
    '/:id/contents',
    {
      config: read,
      schema: {
        tags,
        summary: 'What a bin holds, per product and lot',
        params: IdParams,
        querystring: BalanceQuery,
        response: { 200: BalanceList },
      },
    },
    (request) =>
      queries.balances(
        { binId: request.params.id, productId: request.query.product_id },
        pageRequest(request.query),
      ),
  );
  app.get(
    '/:id/history',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Every movement in or out of a bin, newest first: page/page_size, or keyset `cursor` for long histories',
        params: IdParams,
        querystring: MovementQuery,
        response: { 200: MovementListResponse },
      },
    },
    (request) =>
      movementPage(queries, { ...movementFilter(request.query), binId: request.params.id }, request.query),
  );
};
