import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { moduleAccess } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { updateRoute } from '../../platform/route-helpers.js';
import {
  CategoryCreate,
  CategoryList,
  CategoryPublic,
  CategoryUpdate,
  IdParams,
  LotCreate,
  LotList,
  LotParams,
  LotPublic,
  LotQuery,
  ProductCreate,
  ProductDetail,
  ProductList,
  ProductPublic,
  ProductQuery,
  ProductUpdate,
  UnitCreate,
  UnitList,
  UnitParams,
  UnitPublic,
  UnitUpdate,
} from './catalog.schemas.js';
import type { CategoriesService } from './categories.service.js';
import type { LotsService } from './lots.service.js';
import type { ProductsService } from './products.service.js';
import type { UnitsService } from './units.service.js';

const { read, staff, manage } = moduleAccess('inventory');

export const productsRoutes: FastifyPluginAsyncTypebox<{
  products: ProductsService;
  lots: LotsService;
}> = async (app, { products, lots }) => {
  const tags = ['products'];
  app.get(
    '/',
    {
      config: read,
      schema: {
        tags,
        summary: 'List products: search, filters, sort, paging',
        querystring: ProductQuery,
        response: { 200: ProductList },
      },
    },
    (request) => {
      const q = request.query;
      return products.list(
        {
          search: q.search,
          createdFrom: q.created_from_date ? new Date(q.created_from_date) : undefined,
          createdTo: q.created_to_date ? new Date(q.created_to_date) : undefined,
          categoryId: q.category_id,
          isActive: q.is_active,
          includeInactive: q.include_inactive,
        },
        q.sort_by ?? 'name_asc',
        pageRequest(q),
      );
    },
  );
  app.post(
    '/',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Create a product',
        body: ProductCreate,
        response: { 201: ProductPublic },
      },
    },
    async (request, reply) => reply.code(201).send(await products.create(ctxOf(request), request.body)),
  );
  app.get(
    '/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Get a product with its stock per warehouse',
        params: IdParams,
        response: { 200: ProductDetail },
      },
    },
    (request) => products.get(request.params.id),
  );
  updateRoute(app, {
    config: staff,
    tags,
    summary: 'Update a product (changed fields only, for PUT too; stale version → 412)',
    params: IdParams,
    body: ProductUpdate,
    response: ProductPublic,
    update: (ctx, id, changes, version) => products.update(ctx, id, changes, version),
  });
  app.delete(
    '/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Soft-delete a product (history and SKU kept)',
        params: IdParams,
        response: { 200: ProductPublic },
      },
    },
    (request) => products.remove(ctxOf(request), request.params.id),
  );
  app.post(
    '/:id/restore',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Restore a soft-deleted product',
        params: IdParams,
        response: { 200: ProductPublic },
      },
    },
    (request) => products.restore(ctxOf(request), request.params.id),
  );

  app.get(
    '/:id/lots',
    {
      config: read,
      schema: {
        tags: ['lots'],
        summary: "List a product's lots, earliest expiry first",
        params: IdParams,
        querystring: LotQuery,
        response: { 200: LotList },
      },
    },
    (request) => lots.list(request.params.id, request.query.search, pageRequest(request.query)),
  );
  app.post(
    '/:id/lots',
    {
      config: staff,
      schema: {
        tags: ['lots'],
        summary: 'Create a lot of a lot-tracked product',
        params: IdParams,
        body: LotCreate,
        response: { 201: LotPublic },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await lots.create(ctxOf(request), request.params.id, request.body)),
  );
  app.get(
    '/:id/lots/:lotId',
    {
      config: read,
      schema: {
        tags: ['lots'],
        summary: 'Get a lot',
        params: LotParams,
        response: { 200: LotPublic },
      },
    },
    (request) => lots.get(request.params.id, request.params.lotId),
  );
};

export const categoriesRoutes: FastifyPluginAsyncTypebox<{ categories: CategoriesService }> = async (
  app,
  { categories },
) => {
  const tags = ['categories'];
  app.get(
    '/',
    { config: read, schema: { tags, summary: 'List categories', response: { 200: CategoryList } } },
    () => categories.list(),
  );
  app.post(
    '/',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Create a category',
        body: CategoryCreate,
        response: { 201: CategoryPublic },
      },
    },
    async (request, reply) => reply.code(201).send(await categories.create(ctxOf(request), request.body)),
  );
  app.get(
    '/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Get a category',
        params: IdParams,
        response: { 200: CategoryPublic },
      },
    },
    (request) => categories.get(request.params.id),
  );
  updateRoute(app, {
    config: staff,
    tags,
    summary: 'Rename or move a category (no cycles)',
    params: IdParams,
    body: CategoryUpdate,
    response: CategoryPublic,
    update: (ctx, id, changes, version) => categories.update(ctx, id, changes, version),
  });
  app.delete(
    '/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Delete a category with no products or subcategories',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await categories.remove(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export const unitsRoutes: FastifyPluginAsyncTypebox<{ units: UnitsService }> = async (app, { units }) => {
  const tags = ['units'];
  app.get(
    '/',
    {
      config: read,
      schema: { tags, summary: 'List units of measure', response: { 200: UnitList } },
    },
    () => units.list(),
  );
  app.post(
    '/',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a unit of measure',
        body: UnitCreate,
        response: { 201: UnitPublic },
      },
    },
    async (request, reply) => reply.code(201).send(await units.create(ctxOf(request), request.body)),
  );
  app.patch(
    '/:code',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rename a unit or change its decimals',
        params: UnitParams,
        body: UnitUpdate,
        response: { 200: UnitPublic },
      },
    },
    (request) => units.update(ctxOf(request), request.params.code, request.body),
  );
  app.delete(
    '/:code',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a unit no product uses',
        params: UnitParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await units.remove(ctxOf(request), request.params.code);
      return reply.code(204).send(null);
    },
  );
};
