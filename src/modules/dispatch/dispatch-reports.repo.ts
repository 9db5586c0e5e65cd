import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';

export interface DispatchCounts {
  total: number;
  outstanding: number;
  returned: number;
  matched: number;
}

/** Dispatches by state; `matched` counts closed ones whose every tray came back. */
export async function dispatchCounts(db: DbOrTx): Promise<DispatchCounts> {
  const [row] = await rows<DispatchCounts>(
    db,
    sql`select count(*)::int as total,
        count(*) filter (where d.status <> 'returned')::int as outstanding,
        count(*) filter (where d.status = 'returned')::int as returned,
        count(*) filter (where d.status = 'returned' and not exists (select 1 from dispatch_trays x
          where x.dispatch_id = d.id and x.returned <> x.dispatched))::int as matched
      from dispatches d`,
  );
  return row ?? { total: 0, outstanding: 0, returned: 0, matched: 0 };
}

export async function sampleCounts(db: DbOrTx): Promise<{ total: number; outstanding: number }> {
  const [row] = await rows<{ total: number; outstanding: number }>(
    db,
    sql`select count(*)::int as total, count(*) filter (where status <> 'completed')::int as outstanding
      from samples`,
  );
  return row ?? { total: 0, outstanding: 0 };
}

const pair = (type: string, column: string) =>
  sql.raw(`coalesce(sum(x.${column}) filter (where x.tray_type = '${type}'), 0)::int`);

/**
 * Dispatches where some tray has not come back (partially returned, or closed with a write-off):
 * per dispatch, dispatched, returned and the difference (returned − dispatched) of HQ and NQ.
 */
export function discrepanciesQuery(): SQL {
  return sql`select d.id, d.dispatch_number, d.dispatch_date::text as dispatch_date, d.status,
      c.name as company_name, p.name as project_name, h.code as drillhole_name,
      ${pair('HQ', 'dispatched')} as hq_dispatched, ${pair('HQ', 'returned')} as hq_returned,
      (${pair('HQ', 'returned')} - ${pair('HQ', 'dispatched')}) as hq_difference,
      ${pair('NQ', 'dispatched')} as nq_dispatched, ${pair('NQ', 'returned')} as nq_returned,
      (${pair('NQ', 'returned')} - ${pair('NQ', 'dispatched')}) as nq_difference,
      coalesce(sum(x.written_off), 0)::int as written_off, d.write_off_reason
    from dispatches d
    join dispatch_trays x on x.dispatch_id = d.id
    join companies c on c.id = d.company_id
    join projects p on p.id = d.project_id
    join drillholes h on h.id = d.drillhole_id
    where d.status <> 'outstanding'
    group by d.id, c.name, p.name, h.code
    having bool_or(x.returned <> x.dispatched)
    order by d.dispatch_date, d.dispatch_number`;
}

export interface DiscrepancyRow {
  id: string;
  dispatch_number: string;
  dispatch_date: string;
  status: string;
  company_name: string;
  project_name: string;
  drillhole_name: string;
  hq_dispatched: number;
  hq_returned: number;
  hq_difference: number;
  nq_dispatched: number;
  nq_returned: number;
  nq_difference: number;
  written_off: number;
  write_off_reason: string | null;
}

export const ANALYTICS_GROUPS = ['company', 'project', 'sample_type', 'month'] as const;
export type AnalyticsGroup = (typeof ANALYTICS_GROUPS)[number];

const GROUP_KEYS: Record<AnalyticsGroup, SQL> = {
  company: sql`c.name`,
  project: sql`p.name`,
  sample_type: sql`coalesce(nullif(d.sample_type, ''), '-')`,
  month: sql`to_char(d.dispatch_date, 'YYYY-MM')`,
};

export interface AnalyticsRow {
  grouping: AnalyticsGroup;
  key: string;
  dispatches: number;
  hq_dispatched: number;
  nq_dispatched: number;
  hq_returned: number;
  nq_returned: number;
  samples_collected: number;
  avg_turnaround_days: number | null;
}

/**
 * Dispatch figures by company, project, sample type and month, with the average turnaround
 * (days from dispatch to return) of the fully returned ones.
 */
export function analyticsQuery(dateFrom?: string, dateTo?: string): SQL {
  const range = sql.join(
    [
      sql`true`,
      ...(dateFrom ? [sql`d.dispatch_date >= ${dateFrom}::date`] : []),
      ...(dateTo ? [sql`d.dispatch_date <= ${dateTo}::date`] : []),
    ],
    sql` and `,
  );
  const parts = Object.entries(GROUP_KEYS).map(
    ([grouping, key]) => sql`select ${grouping}::text as grouping, ${key} as key,
        count(*)::int as dispatches,
        sum(t.hq)::int as hq_dispatched, sum(t.nq)::int as nq_dispatched,
        sum(t.hq_back)::int as hq_returned, sum(t.nq_back)::int as nq_returned,
        sum(d.samples_collected)::int as samples_collected,
        round(avg(d.return_date - d.dispatch_date) filter (where d.status = 'returned'
          and d.return_date is not null), 1)::float8 as avg_turnaround_days
      from dispatches d
      join companies c on c.id = d.company_id
      join projects p on p.id = d.project_id
      cross join lateral (select
          coalesce(sum(x.dispatched) filter (where x.tray_type = 'HQ'), 0) as hq,
          coalesce(sum(x.dispatched) filter (where x.tray_type = 'NQ'), 0) as nq,
          coalesce(sum(x.returned) filter (where x.tray_type = 'HQ'), 0) as hq_back,
          coalesce(sum(x.returned) filter (where x.tray_type = 'NQ'), 0) as nq_back
        from dispatch_trays x where x.dispatch_id = d.id) t
      where ${range}
      group by 1, 2`,
  );
  return sql`select * from (${sql.join(parts, sql` union all `)}) a
    order by array_position(array['company', 'project', 'sample_type', 'month'], a.grouping), a.key`;
}

export function reportRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return rows<T>(db, query);
}

/** Name–value pairs as a query, so a computed report streams like any list. */
export function metricsQuery(metrics: [string, number][]): SQL {
  if (metrics.length === 0) return sql`select null::text as metric, null::float8 as value where false`;
  return sql`select * from (values ${sql.join(
    metrics.map(([name, value]) => sql`(${name}::text, ${value}::float8)`),
    sql`, `,
  )}) m(metric, value)`;
}
