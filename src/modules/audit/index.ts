import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import { auditRoutes } from './audit.routes.js';

export { type AuditEntry, recordAudit, recordExport, recordTransition } from './audit.service.js';

/** The audit log's read API (admins). Writing is `recordAudit`, inside each change's transaction. */
export async function register(app: FastifyInstance, { db }: ModuleContext): Promise<void> {
  await app.register(auditRoutes, { prefix: '/api/v1/audit-log', db });
}
