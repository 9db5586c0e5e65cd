import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { moduleAccess } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { createRoute, getRoute, listRoute, updateRoute } from '../../platform/route-helpers.js';
import {
  IdParams,
  PartnerCreate,
  PartnerDeleteQuery,
  PartnerList,
  PartnerPublic,
  PartnerQuery,
  PartnerUpdate,
} from './partners.schemas.js';
import type { PartnersService } from './partners.service.js';

const { read, manage } = moduleAccess('inventory');

/** The same endpoints for suppliers and for customers. */
export const partnerRoutes: FastifyPluginAsyncTypebox<{
  partners: PartnersService;
  noun: string;
  tag: string;
}> = async (app, { partners, noun, tag }) => {
  const tags = [tag];
  listRoute(app, {
    config: read,
    tags,
    summary: `List ${noun}s (search by code or name)`,
    querystring: PartnerQuery,
    response: PartnerList,
    list: (q) =>
      partners.list({ search: q.search, isActive: q.is_active }, q.sort_by ?? 'code_asc', pageRequest(q)),
  });
  createRoute(app, {
    config: manage,
    tags,
    summary: `Create a ${noun}`,
    body: PartnerCreate,
    response: PartnerPublic,
    create: (ctx, body) => partners.create(ctx, body),
  });
  getRoute(app, {
    config: read,
    tags,
    summary: `Get a ${noun}`,
    params: IdParams,
    response: PartnerPublic,
    get: ({ id }) => partners.get(id),
  });
  updateRoute(app, {
    config: manage,
    tags,
    summary: `Update a ${noun} (changed fields only; stale version → 412)`,
    params: IdParams,
    body: PartnerUpdate,
    response: PartnerPublic,
    update: (ctx, id, changes, version) => partners.update(ctx, id, changes, version),
  });
  app.delete(
    '/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: `Deactivate a ${noun}; ?hard=true deletes one no document refers to`,
        params: IdParams,
        querystring: PartnerDeleteQuery,
        response: { 200: PartnerPublic, 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const result = await partners.remove(ctxOf(request), request.params.id, request.query.hard ?? false);
      return result ? reply.send(result) : reply.code(204).send(null);
    },
  );
};
