import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import type { PageRequest } from '../../platform/pagination.js';
import { dispatches, dispatchTrays, samples } from './dispatch.tables.js';

export type DispatchRow = typeof dispatches.$inferSelect;
export type DispatchTrayRow = typeof dispatchTrays.$inferSelect;

/** Serializes the first-use setup of the trays warehouse and products. */
export async function lockTraySetup(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('raktar.dispatch.setup'))`);
}

/**
 * Documents moving trays hold the shared lock, setting the base holds it alone: the base is on
 * hand plus out, and no dispatch may move trays between the two while it is read and set.
 */
export async function lockTrayStock(tx: DbOrTx, exclusive: boolean): Promise<void> {
  await tx.execute(
    exclusive
      ? sql`select pg_advisory_xact_lock(hashtext('raktar.dispatch.trays'))`
      : sql`select pg_advisory_xact_lock_shared(hashtext('raktar.dispatch.trays'))`,
  );
}

export async function insertDispatch(
  db: DbOrTx,
  values: typeof dispatches.$inferInsert,
): Promise<DispatchRow> {
  const [row] = await db.insert(dispatches).values(values).returning();
  return row as DispatchRow;
}

export async function findDispatch(db: DbOrTx, id: string, lock = false): Promise<DispatchRow | undefined> {
  const query = db.select().from(dispatches).where(eq(dispatches.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

/** Applies `changes` and raises the version by one. */
export async function updateDispatch(
  db: DbOrTx,
  id: string,
  changes: PgUpdateSetSource<typeof dispatches>,
): Promise<void> {
  await db
    .update(dispatches)
    .set({ ...changes, version: sql`${dispatches.version} + 1`, updatedAt: sql`now()` })
    .where(eq(dispatches.id, id));
}

export async function deleteDispatch(db: DbOrTx, id: string): Promise<void> {
  await db.delete(dispatches).where(eq(dispatches.id, id));
}

export function traysOf(db: DbOrTx, dispatchId: string): Promise<DispatchTrayRow[]> {
  return db.select().from(dispatchTrays).where(eq(dispatchTrays.dispatchId, dispatchId));
}

/** Writes a dispatch's count rows as given (a type it did not have is inserted). */
export async function saveTrays(db: DbOrTx, trays: DispatchTrayRow[]): Promise<void> {
  for (const tray of trays) {
    await db
      .insert(dispatchTrays)
      .values(tray)
      .onConflictDoUpdate({
        target: [dispatchTrays.dispatchId, dispatchTrays.trayType],
        set: { dispatched: tray.dispatched, returned: tray.returned, writtenOff: tray.writtenOff },
      });
  }
}

export async function hasSamples(db: DbOrTx, dispatchId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: samples.id })
    .from(samples)
    .where(and(eq(samples.dispatchId, dispatchId)))
    .limit(1);
  return row !== undefined;
}

/** Trays out on dispatches now, per tray type. */
export async function trayTypesOut(db: DbOrTx): Promise<Map<string, number>> {
  const found = await rows<{ tray_type: string; out: number }>(
    db,
    sql`select tray_type, sum(dispatched - returned - written_off)::int as out
      from ${dispatchTrays} group by tray_type`,
  );
  return new Map(found.map((row) => [row.tray_type, row.out]));
}

export interface DispatchFilter {
  id?: string;
  status?: string;
  statuses?: string[];
  companyId?: string;
  projectId?: string;
  drillholeId?: string;
  dateFrom?: string;
  dateTo?: string;
}

function whereOf(filter: DispatchFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter.id) parts.push(sql`d.id = ${filter.id}`);
  if (filter.status) parts.push(sql`d.status = ${filter.status}`);
  if (filter.statuses) parts.push(sql`d.status = any(${sql.param(filter.statuses)}::text[])`);
  if (filter.companyId) parts.push(sql`d.company_id = ${filter.companyId}`);
  if (filter.projectId) parts.push(sql`d.project_id = ${filter.projectId}`);
  if (filter.drillholeId) parts.push(sql`d.drillhole_id = ${filter.drillholeId}`);
  if (filter.dateFrom) parts.push(sql`d.dispatch_date >= ${filter.dateFrom}::date`);
  if (filter.dateTo) parts.push(sql`d.dispatch_date <= ${filter.dateTo}::date`);
  return sql.join(parts, sql` and `);
}

/** A dispatch as listed, with names, its trays by type and its days out. */
export interface DispatchView {
  id: string;
  dispatch_number: string;
  project_id: string;
  project_code: string;
  project_name: string;
  drillhole_id: string;
  drillhole_name: string;
  company_id: string;
  company_name: string;
  warehouse_id: string;
  dispatch_date: string;
  driver: string;
  technician: string;
  samples_collected: number;
  sample_type: string;
  notes: string;
  status: string;
  return_date: string | null;
  return_condition: string | null;
  return_notes: string;
  return_driver: string;
  return_technician: string;
  write_off_reason: string | null;
  days_out: number;
  trays: Record<string, { dispatched: number; returned: number; written_off: number }>;
  hq_boxes: number;
  nq_boxes: number;
  returned_hq: number;
  returned_nq: number;
  is_match: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const trayCount = (type: string, column: string) =>
  sql.raw(`coalesce((select ${column} from dispatch_trays x
    where x.dispatch_id = d.id and x.tray_type = '${type}'), 0)`);

/**
 * Every dispatch the filter matches, newest first (oldest first when `oldestFirst`). Days out are
 * whole days in the business time zone, to the return date of a closed dispatch or to today.
 */
export function dispatchesQuery(timezone: string, filter: DispatchFilter, oldestFirst = false): SQL {
  const today = sql`(now() at time zone ${timezone})::date`;
  return sql`select d.id, d.dispatch_number, d.project_id, p.code as project_code, p.name as project_name,
      d.drillhole_id, h.code as drillhole_name, d.company_id, c.name as company_name, d.warehouse_id,
      d.dispatch_date::text as dispatch_date, d.driver, d.technician, d.samples_collected, d.sample_type,
      d.notes, d.status, d.return_date::text as return_date, d.return_condition, d.return_notes,
      d.return_driver, d.return_technician, d.write_off_reason,
      (case when d.status = 'returned' then coalesce(d.return_date, ${today}) else ${today} end
        - d.dispatch_date) as days_out,
      t.trays, ${trayCount('HQ', 'dispatched')} as hq_boxes, ${trayCount('NQ', 'dispatched')} as nq_boxes,
      ${trayCount('HQ', 'returned')} as returned_hq, ${trayCount('NQ', 'returned')} as returned_nq,
      t.is_match, d.version, d.created_at, d.updated_at
    from dispatches d
    join projects p on p.id = d.project_id
    join drillholes h on h.id = d.drillhole_id
    join companies c on c.id = d.company_id
    cross join lateral (
      select coalesce(json_object_agg(x.tray_type, json_build_object('dispatched', x.dispatched,
          'returned', x.returned, 'written_off', x.written_off)), '{}'::json) as trays,
        coalesce(bool_and(x.returned = x.dispatched), false) as is_match
      from dispatch_trays x where x.dispatch_id = d.id) t
    where ${whereOf(filter)}
    order by ${oldestFirst ? sql`d.dispatch_date, d.dispatch_number` : sql`d.dispatch_date desc, d.dispatch_number desc`}`;
}

export async function listDispatches(
  db: DbOrTx,
  timezone: string,
  filter: DispatchFilter,
  page?: PageRequest,
  oldestFirst = false,
): Promise<{ rows: DispatchView[]; total: number }> {
  const query = dispatchesQuery(timezone, filter, oldestFirst);
  const [found, [total]] = await Promise.all([
    rows<DispatchView>(db, page ? sql`${query} limit ${page.pageSize} offset ${page.offset}` : query),
    rows<{ n: number }>(db, sql`select count(*)::int as n from dispatches d where ${whereOf(filter)}`),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

/** Dispatches by number or id (as a file names them), keyed by what was given, lower-cased. */
export async function dispatchesByRef(db: DbOrTx, refs: string[]) {
  if (refs.length === 0) return new Map<string, { id: string; drillhole_id: string }>();
  const found = await rows<{ key: string; id: string; drillhole_id: string }>(
    db,
    sql`select r.ref as key, d.id, d.drillhole_id
      from unnest(${sql.param(refs)}::text[]) r(ref)
      join dispatches d on lower(d.dispatch_number) = r.ref or d.id::text = r.ref`,
  );
  return new Map(found.map((row) => [row.key, { id: row.id, drillhole_id: row.drillhole_id }]));
}
