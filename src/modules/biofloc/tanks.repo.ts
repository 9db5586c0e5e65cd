import { and, asc, count, eq, getTableColumns, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import type { PageRequest } from '../../platform/pagination.js';
import { bioflocBatches, bioflocTanks } from './biofloc.tables.js';

export type TankRow = typeof bioflocTanks.$inferSelect;
export type NewTank = typeof bioflocTanks.$inferInsert;
/** A tank with the active batch it holds, if any. */
export type TankView = TankRow & {
  currentBatchId: string | null;
  currentBatchCode: string | null;
  currentBatchCount: number | null;
};

export interface TankFilter {
  status?: string;
  tankType?: string;
  includeInactive?: boolean;
  search?: string;
}

function tankWhere(filter: TankFilter): SQL | undefined {
  const pattern = filter.search ? `%${filter.search.replace(/[\\%_]/g, '\\$&')}%` : undefined;
  return and(
    filter.status ? eq(bioflocTanks.status, filter.status) : undefined,
    filter.tankType ? eq(bioflocTanks.tankType, filter.tankType) : undefined,
    filter.includeInactive ? undefined : eq(bioflocTanks.isActive, true),
    pattern
      ? or(
          ilike(bioflocTanks.tankCode, pattern),
          ilike(bioflocTanks.tankName, pattern),
          ilike(bioflocTanks.location, pattern),
        )
      : undefined,
  );
}

function tanksWithBatch(db: DbOrTx) {
  return db
    .select({
      ...getTableColumns(bioflocTanks),
      currentBatchId: bioflocBatches.id,
      currentBatchCode: bioflocBatches.batchCode,
      currentBatchCount: bioflocBatches.currentCount,
    })
    .from(bioflocTanks)
    .leftJoin(
      bioflocBatches,
      and(eq(bioflocBatches.currentTankId, bioflocTanks.id), eq(bioflocBatches.status, 'active')),
    );
}

export async function findTankView(db: DbOrTx, id: string): Promise<TankView | undefined> {
  const [row] = await tanksWithBatch(db).where(eq(bioflocTanks.id, id));
  return row;
}

/** The tank, locked: stockings, transfers and status changes of one tank take turns. */
export async function lockTank(db: DbOrTx, id: string): Promise<TankRow | undefined> {
  const [row] = await db.select().from(bioflocTanks).where(eq(bioflocTanks.id, id)).for('update');
  return row;
}

export async function insertTank(db: DbOrTx, values: NewTank): Promise<TankRow> {
  const [row] = await db.insert(bioflocTanks).values(values).returning();
  return row as TankRow;
}

/** Sets a tank's status by what happened to its batch (no version bump needed by clients). */
export async function setTankStatus(db: DbOrTx, id: string, status: 'available' | 'in_use'): Promise<void> {
  await db
    .update(bioflocTanks)
    .set({
      status,
      inUseSince: status === 'in_use' ? sql`now()` : null,
      version: sql`${bioflocTanks.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(bioflocTanks.id, id));
}

export async function listTanks(db: DbOrTx, filter: TankFilter, page: PageRequest) {
  const where = tankWhere(filter);
  const [found, [total]] = await Promise.all([
    tanksWithBatch(db)
      .where(where)
      .orderBy(asc(bioflocTanks.tankCode))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(bioflocTanks).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

/** Every tank the filter matches, by code, as the list shows them: a query to stream. */
export function tanksExportQuery(filter: TankFilter): SQL {
  return sql`select t.tank_code, t.tank_name, t.capacity_liters, t.location,
      t.tank_type, t.status, b.batch_code as current_batch_code, b.current_count as current_batch_count,
      t.is_active, t.created_at, t.id
    from ${bioflocTanks} t
    left join ${bioflocBatches} b on b.current_tank_id = t.id and b.status = 'active'
    where t.id in (select ${bioflocTanks.id} from ${bioflocTanks} ${filterSql(filter)})
    order by t.tank_code`;
}

function filterSql(filter: TankFilter): SQL {
  const where = tankWhere(filter);
  return where ? sql`where ${where}` : sql``;
}

/** In-use active tanks with no water test recorded since `since` nor since they were stocked. */
export function tanksWithoutWaterTest(db: DbOrTx, since: Date) {
  return rows<{ id: string; tank_code: string; warehouse_id: string | null }>(
    db,
    sql`
    select t.id, t.tank_code, t.warehouse_id from ${bioflocTanks} t
    where t.status = 'in_use' and t.is_active and coalesce(t.in_use_since, t.created_at) < ${since.toISOString()}
      and not exists (select 1 from biofloc_water_tests w where w.tank_id = t.id and w.created_at >= ${since.toISOString()})
    order by t.tank_code`,
  );
}
