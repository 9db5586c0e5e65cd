import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { moduleAccess } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { createRoute, deleteRoute, getRoute, listRoute, updateRoute } from '../../platform/route-helpers.js';
import { productExportColumns } from './catalog.exports.js';
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
  ProductListResponse,
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
  const filterOf = (q: Static<typeof ProductQuery>) => ({
    search: q.search,
    createdFrom: q.created_from_date ? new Date(q.created_from_date) : undefined,
    createdTo: q.created_to_date ? new Date(q.created_to_date) : undefined,
    categoryId: q.category_id,
    isActive: q.is_active,
    includeInactive: q.include_inactive,
  });
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'List products: search, filters, sort, paging by page or by keyset `cursor`',
    querystring: ProductQuery,
    response: ProductListResponse,
    list: (q) =>
      q.cursor === undefined
        ? products.list(filterOf(q), q.sort_by ?? 'name_asc', pageRequest(q))
        : products.listAfter(filterOf(q), q.sort_by ?? 'name_asc', q.cursor, pageRequest(q).pageSize),
    export: {
      name: 'products',
      columns: productExportColumns,
      rows: (q) => products.exportQuery(filterOf(q), q.sort_by ?? 'name_asc'),
    },
  });
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Create a product',
    body: ProductCreate,
    response: ProductPublic,
    create: (ctx, body) => products.create(ctx, body),
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a product with its stock per warehouse',
    params: IdParams,
    response: ProductDetail,
    get: ({ id }) => products.get(id),
  });
  updateRoute(app, {
    config: staff,
    tags,
    summary: 'Update a product (changed fields only, for PUT too; stale version → 412)',
    params: IdParams,
    body: ProductUpdate,
    response: ProductPublic,
    update: (ctx, id, changes, version) => products.update(ctx, id, changes, version),
  });
  deleteRoute(app, {
    config: staff,
    tags,
    summary: 'Soft-delete a product (history and SKU kept)',
    params: IdParams,
    response: ProductPublic,
    remove: (ctx, { id }) => products.remove(ctx, id),
  });
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

  listRoute(app, {
    url: '/:id/lots',
    config: read,
    tags: ['lots'],
    summary: "List a product's lots, earliest expiry first",
    params: IdParams,
    querystring: LotQuery,
    response: LotList,
    list: (q, { id }) => lots.list(id, q.search, pageRequest(q)),
  });
  createRoute(app, {
    url: '/:id/lots',
    config: staff,
    tags: ['lots'],
    summary: 'Create a lot of a lot-tracked product',
    params: IdParams,
    body: LotCreate,
    response: LotPublic,
    create: (ctx, body, { id }) => lots.create(ctx, id, body),
  });
  getRoute(app, {
    url: '/:id/lots/:lotId',
    config: read,
    tags: ['lots'],
    summary: 'Get a lot',
    params: LotParams,
    response: LotPublic,
    get: ({ id, lotId }) => lots.get(id, lotId),
  });
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
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Create a category',
    body: CategoryCreate,
    response: CategoryPublic,
    create: (ctx, body) => categories.create(ctx, body),
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a category',
    params: IdParams,
    response: CategoryPublic,
    get: ({ id }) => categories.get(id),
  });
  updateRoute(app, {
    config: staff,
    tags,
    summary: 'Rename or move a category (no cycles)',
    params: IdParams,
    body: CategoryUpdate,
    response: CategoryPublic,
    update: (ctx, id, changes, version) => categories.update(ctx, id, changes, version),
  });
  deleteRoute(app, {
    config: staff,
    tags,
    summary: 'Delete a category with no products or subcategories',
    params: IdParams,
    remove: (ctx, { id }) => categories.remove(ctx, id),
  });
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
  createRoute(app, {
    config: manage,
    tags,
    summary: 'Add a unit of measure',
    body: UnitCreate,
    response: UnitPublic,
    create: (ctx, body) => units.create(ctx, body),
  });
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
  deleteRoute(app, {
    url: '/:code',
    config: manage,
    tags,
    summary: 'Delete a unit no product uses',
    params: UnitParams,
    remove: (ctx, { code }) => units.remove(ctx, code),
  });
};
