import type { DispatchFilter, DispatchView } from './dispatch.repo.js';
import type { DispatchQuery } from './dispatches.schemas.js';

/** A dispatch as clients see it: its figures per type and the discrepancy of each. */
export function toDispatchPublic(view: DispatchView) {
  const discrepancy = Object.fromEntries(
    Object.entries(view.trays).map(([type, t]) => [type, t.returned - t.dispatched]),
  );
  return {
    ...view,
    discrepancy,
    created_at: new Date(view.created_at).toISOString(),
    updated_at: new Date(view.updated_at).toISOString(),
  };
}

/** The band a dispatch out for `days` falls in. */
export function bandOf(days: number): string {
  if (days <= 3) return '0-3';
  if (days <= 7) return '4-7';
  return '8+';
}

export function filterOf(q: DispatchQuery): DispatchFilter {
  return {
    status: q.status ?? q.status_filter,
    companyId: q.company_id,
    projectId: q.project_id,
    drillholeId: q.drillhole_id,
    dateFrom: q.date_from,
    dateTo: q.date_to,
  };
}
