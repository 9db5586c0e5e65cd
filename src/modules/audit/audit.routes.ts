import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import type { Db } from '../../db/client.js';
import { Roles } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { pageRequest } from '../../platform/pagination.js';
import { auditExportColumns } from './audit.exports.js';
import { AuditList, AuditQuery } from './audit.schemas.js';
import { auditExport, searchAudit } from './audit.service.js';

function filterOf(q: Static<typeof AuditQuery>) {
  return {
    actorId: q.user_id,
    entityType: q.entity_type,
    entityId: q.entity_id,
    action: q.action,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

export const auditRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  exportableListRoute(app, {
    config: { access: { roles: Roles.admin, module: 'admin' } },
    tags: ['audit'],
    summary: 'Audit log: who changed what, newest first',
    querystring: AuditQuery,
    response: AuditList,
    list: (q) => searchAudit(db, filterOf(q), pageRequest(q)),
    export: { name: 'audit-log', columns: auditExportColumns, rows: (q) => auditExport(filterOf(q)) },
  });
};
