import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';

export interface TankBatchFigures {
  active_tanks: number;
  available_tanks: number;
  maintenance_tanks: number;
  in_use_tanks: number;
  active_batches: number;
  total_fish_count: number;
  total_biomass_kg: string;
  recent_mortalities: number;
  upcoming_harvests: number;
}

/** The farm's figures in one statement: tanks by status, active batches and their stock, recent deaths. */
export async function farmFigures(
  db: DbOrTx,
  since: string,
  stockedBefore: string,
): Promise<TankBatchFigures> {
  const [row] = await rows<TankBatchFigures>(
    db,
    sql`select
      (select count(*)::int from biofloc_tanks where is_active and status <> 'decommissioned') as active_tanks,
      (select count(*)::int from biofloc_tanks where is_active and status = 'available') as available_tanks,
      (select count(*)::int from biofloc_tanks where is_active and status = 'maintenance') as maintenance_tanks,
      (select count(*)::int from biofloc_tanks where is_active and status = 'in_use') as in_use_tanks,
      count(b.id)::int as active_batches,
      coalesce(sum(b.current_count), 0)::int as total_fish_count,
      coalesce(round(sum(b.current_count * b.current_avg_weight_g) / 1000, 4), 0)::text as total_biomass_kg,
      (select coalesce(sum(m.count), 0)::int from biofloc_mortalities m where m.mortality_date >= ${since}::date) as recent_mortalities,
      count(b.id) filter (where b.stocking_date <= ${stockedBefore}::date)::int as upcoming_harvests
    from biofloc_batches b where b.status = 'active'`,
  );
  return row as TankBatchFigures;
}

export interface CurvePoint {
  day: string;
  source: 'stocking' | 'sampling' | 'harvest';
  avg_weight_g: string;
  fish_count: number;
}

/** The weights a batch was measured at: its stocking, each sampling, each harvest, by date. */
export function weightCurve(db: DbOrTx, batchId: string): Promise<CurvePoint[]> {
  return rows<CurvePoint>(
    db,
    sql`select * from (
      select stocking_date::text as day, 'stocking' as source, initial_avg_weight_g::text as avg_weight_g,
        initial_count as fish_count, 0 as ord
        from biofloc_batches where id = ${batchId}
      union all
      select sample_date::text, 'sampling', avg_weight_g::text, fish_count, 1 from biofloc_samplings where batch_id = ${batchId}
      union all
      select harvest_date::text, 'harvest', avg_weight_g::text, fish_count, 2 from biofloc_harvests where batch_id = ${batchId}
    ) c order by day, ord`,
  );
}

/** How many feedings a batch had. */
export async function feedingSessions(db: DbOrTx, batchId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from biofloc_feedings where batch_id = ${batchId}`,
  );
  return row?.n ?? 0;
}
