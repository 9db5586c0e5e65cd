import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { ExportRecord } from '../../platform/export/exporter.js';
import type { PageRequest } from '../../platform/pagination.js';
import { toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { changedFields } from './audit.diff.js';
import { type AuditFilter, type AuditRow, auditExportQuery, insertAudit, listAudit } from './audit.repo.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Who acted when the request carries no principal yet (login, password reset). */
  actor?: { id: string; username: string } | null;
}

/** Writes one audit row; call it with the transaction of the change it records. */
export async function recordAudit(db: DbOrTx, ctx: RequestCtx, entry: AuditEntry): Promise<void> {
  const actor = entry.actor ?? ctx.actor;
  const diff = changedFields(entry.before ?? null, entry.after ?? null);
  await insertAudit(db, {
    actorId: actor?.id ?? null,
    actorUsername: actor?.username ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: diff.before,
    after: diff.after,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
  });
}

function toPublic(row: AuditRow) {
  return {
    id: row.id,
    occurred_at: row.occurredAt.toISOString(),
    actor_id: row.actorId,
    actor_username: row.actorUsername,
    action: row.action,
    entity_type: row.entityType,
    entity_id: row.entityId,
    before: row.before as Record<string, unknown> | null,
    after: row.after as Record<string, unknown> | null,
    ip: row.ip,
    user_agent: row.userAgent,
    request_id: row.requestId,
  };
}

/** Pages through the audit log, newest first. */
export async function searchAudit(db: DbOrTx, filter: AuditFilter, page: PageRequest) {
  const { rows, total } = await listAudit(db, filter, page);
  return toPage(rows.map(toPublic), total, page);
}

/** Every audit row the filter matches, newest first: the query an export streams. */
export function auditExport(filter: AuditFilter): SQL {
  return auditExportQuery(filter);
}

/** The audit row of a document's status change (`<entity>.<action>`, status before and after). */
export function recordTransition(
  db: DbOrTx,
  ctx: RequestCtx,
  change: { entityType: string; entityId: string; action: string; from: string; to: string },
): Promise<void> {
  return recordAudit(db, ctx, {
    action: `${change.entityType}.${change.action}`,
    entityType: change.entityType,
    entityId: change.entityId,
    before: { status: change.from },
    after: { status: change.to },
  });
}

/** The audit row of a download: `<list>.export`, with format, filters, rows sent and whether it finished. */
export function recordExport(db: DbOrTx, ctx: RequestCtx, record: ExportRecord): Promise<void> {
  return recordAudit(db, ctx, {
    action: `${record.name}.export`,
    entityType: record.name,
    after: { format: record.format, filters: record.filters, rows: record.rows, complete: record.complete },
  });
}
