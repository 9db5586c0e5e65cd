import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import {
  type AnalyticsRow,
  analyticsQuery,
  type DiscrepancyRow,
  discrepanciesQuery,
  dispatchCounts,
  metricsQuery,
  reportRows,
  sampleCounts,
} from './dispatch-reports.repo.js';
import type { DispatchesService } from './dispatches.service.js';
import type { TrayInventoryService } from './inventory.service.js';

/** The share of closed dispatches whose every tray came back, in percent (one decimal); 0 with none closed. */
export function matchRate(matched: number, closed: number): number {
  return closed === 0 ? 0 : Math.round((matched * 1000) / closed) / 10;
}

/** The dispatch reports of seed 002: dashboard, reconciliation, analytics and the export. */
export class DispatchReportsService {
  constructor(
    private readonly db: Db,
    private readonly inventory: TrayInventoryService,
    private readonly dispatches: DispatchesService,
  ) {}

  async dashboard(ctx: RequestCtx) {
    const [inventory, counts, samples] = await Promise.all([
      this.inventory.inventory(ctx),
      dispatchCounts(this.db),
      sampleCounts(this.db),
    ]);
    return {
      inventory: { base: inventory.base, outstanding: inventory.outstanding, available: inventory.available },
      dispatches: {
        total: counts.total,
        outstanding: counts.outstanding,
        returned: counts.returned,
        match_rate: matchRate(counts.matched, counts.returned),
      },
      samples,
    };
  }

  /** The dashboard as metric–value rows, for `?format=csv|xlsx`. */
  async dashboardExport(ctx: RequestCtx): Promise<SQL> {
    const d = await this.dashboard(ctx);
    const metrics: [string, number][] = [];
    for (const [section, pairs] of Object.entries(d.inventory))
      for (const [type, n] of Object.entries(pairs)) metrics.push([`inventory.${section}.${type}`, n]);
    for (const [name, n] of Object.entries(d.dispatches)) metrics.push([`dispatches.${name}`, n]);
    for (const [name, n] of Object.entries(d.samples)) metrics.push([`samples.${name}`, n]);
    return metricsQuery(metrics);
  }

  async reconciliation() {
    const [outstanding, discrepancies] = await Promise.all([
      this.dispatches.outstanding(),
      reportRows<DiscrepancyRow>(this.db, discrepanciesQuery()),
    ]);
    return { outstanding: outstanding.items, discrepancies };
  }

  reconciliationExport(): SQL {
    return discrepanciesQuery();
  }

  async analytics(dateFrom?: string, dateTo?: string) {
    const found = await reportRows<AnalyticsRow>(this.db, analyticsQuery(dateFrom, dateTo));
    const by = (grouping: string) => found.filter((row) => row.grouping === grouping);
    return {
      by_company: by('company'),
      by_project: by('project'),
      by_sample_type: by('sample_type'),
      by_month: by('month'),
    };
  }

  analyticsExport(dateFrom?: string, dateTo?: string): SQL {
    return analyticsQuery(dateFrom, dateTo);
  }
}
