import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Roles } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { canonicalRole } from '../../platform/roles.js';
import { updateRoute } from '../../platform/route-helpers.js';
import {
  IdParams,
  ModuleGrantBody,
  UserCreate,
  UserList,
  UserPublic,
  UserQuery,
  UserUpdate,
} from './identity.schemas.js';
import type { UsersService } from './users.service.js';

const tags = ['users'];
const anyone = { access: { roles: Roles.all, ownRecords: true } };
const adminOnly = { access: { roles: Roles.admin, module: 'admin' } };

export const usersRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (app, { users }) => {
  app.get(
    '/',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'List users (warehouse and viewer users see only themselves)',
        querystring: UserQuery,
        response: { 200: UserList },
      },
    },
    (request) => {
      const { search, role, is_active, sort_by } = request.query;
      return users.list(
        ctxOf(request),
        // An alias (`staff`, `user`, …) finds the users of the role it stands for.
        { search, role: role === undefined ? undefined : canonicalRole(role), isActive: is_active },
        sort_by ?? 'username_asc',
        pageRequest(request.query),
      );
    },
  );

  app.post(
    '/',
    {
      config: adminOnly,
      schema: { tags, summary: 'Create a user', body: UserCreate, response: { 201: UserPublic } },
    },
    async (request, reply) => reply.code(201).send(await users.create(ctxOf(request), request.body)),
  );

  app.get(
    '/:id',
    {
      config: anyone,
      schema: { tags, summary: 'Get a user', params: IdParams, response: { 200: UserPublic } },
    },
    (request) => users.get(ctxOf(request), request.params.id),
  );

  updateRoute(app, {
    config: adminOnly,
    tags,
    summary: 'Update a user (changed fields only; stale version → 412)',
    params: IdParams,
    body: UserUpdate,
    response: UserPublic,
    update: (ctx, id, changes, version) => users.update(ctx, id, changes, version),
  });

  app.delete(
    '/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Deactivate a user (history is kept)',
        params: IdParams,
        response: { 200: UserPublic },
      },
    },
    (request) => users.deactivate(ctxOf(request), request.params.id),
  );

  app.put(
    '/:id/modules',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: "Replace a user's module grants",
        params: IdParams,
        body: ModuleGrantBody,
        response: { 200: UserPublic },
      },
    },
    (request) => users.setModules(ctxOf(request), request.params.id, request.body.modules),
  );
};
