import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Roles } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { canonicalRole } from '../../platform/roles.js';
import { createRoute, deleteRoute, getRoute, listRoute, updateRoute } from '../../platform/route-helpers.js';
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
  listRoute(app, {
    config: anyone,
    tags,
    summary: 'List users (warehouse and viewer users see only themselves)',
    querystring: UserQuery,
    response: UserList,
    list: (q, _params, ctx) =>
      users.list(
        ctx,
        // An alias (`staff`, `user`, …) finds the users of the role it stands for.
        {
          search: q.search,
          role: q.role === undefined ? undefined : canonicalRole(q.role),
          isActive: q.is_active,
        },
        q.sort_by ?? 'username_asc',
        pageRequest(q),
      ),
  });

  createRoute(app, {
    config: adminOnly,
    tags,
    summary: 'Create a user',
    body: UserCreate,
    response: UserPublic,
    create: (ctx, body) => users.create(ctx, body),
  });

  getRoute(app, {
    config: anyone,
    tags,
    summary: 'Get a user',
    params: IdParams,
    response: UserPublic,
    get: ({ id }, ctx) => users.get(ctx, id),
  });

  updateRoute(app, {
    config: adminOnly,
    tags,
    summary: 'Update a user (changed fields only; stale version → 412)',
    params: IdParams,
    body: UserUpdate,
    response: UserPublic,
    update: (ctx, id, changes, version) => users.update(ctx, id, changes, version),
  });

  deleteRoute(app, {
    config: adminOnly,
    tags,
    summary: 'Deactivate a user (history is kept)',
    params: IdParams,
    response: UserPublic,
    remove: (ctx, { id }) => users.deactivate(ctx, id),
  });

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
