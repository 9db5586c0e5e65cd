import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.js';
import { Roles } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { listRoute } from '../../platform/route-helpers.js';
import { AuditList, AuditQuery } from './audit.schemas.js';
import { searchAudit } from './audit.service.js';

export const auditRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  listRoute(app, {
    config: { access: { roles: Roles.admin, module: 'admin' } },
    tags: ['audit'],
    summary: 'Audit log: who changed what, newest first',
    querystring: AuditQuery,
    response: AuditList,
    list: (q) =>
      searchAudit(
        db,
        {
          actorId: q.user_id,
          entityType: q.entity_type,
          entityId: q.entity_id,
          action: q.action,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        },
        pageRequest(q),
      ),
  });
};
