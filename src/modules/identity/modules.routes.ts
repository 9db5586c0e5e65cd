import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Roles } from '../../platform/access.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { ModuleList, ModuleParams, ModulePublic, ModuleUpdate } from './identity.schemas.js';
import type { ModulesService } from './modules.service.js';

const tags = ['modules'];

export const modulesRoutes: FastifyPluginAsyncTypebox<{ modules: ModulesService }> = async (
  app,
  { modules },
) => {
  app.get(
    '/',
    {
      config: { access: { roles: Roles.all } },
      schema: { tags, summary: 'The module registry', response: { 200: ModuleList } },
    },
    () => modules.list(),
  );

  app.patch(
    '/:key',
    {
      config: { access: { roles: Roles.admin, module: 'admin' } },
      schema: {
        tags,
        summary: 'Switch a module on or off',
        params: ModuleParams,
        body: ModuleUpdate,
        response: { 200: ModulePublic },
      },
    },
    (request) => modules.setActive(ctxOf(request), request.params.key, request.body.is_active),
  );
};
