import { and, asc, count, desc, eq, getTableColumns, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import type { PageRequest } from '../../platform/pagination.js';
import { bioflocBatches, bioflocTankHistory, bioflocTanks } from './biofloc.tables.js';

export type BatchRow = typeof bioflocBatches.$inferSelect;
export type NewBatch = typeof bioflocBatches.$inferInsert;
export type BatchView = BatchRow & { currentTankName: string; currentTankCode: string };
export type HistoryRow = typeof bioflocTankHistory.$inferSelect;

export interface BatchFilter {
  status?: string;
  species?: string;
  tankId?: string;
  search?: string;
}

function batchWhere(filter: BatchFilter): SQL | undefined {
  const pattern = filter.search ? `%${filter.search.replace(/[\\%_]/g, '\\$&')}%` : undefined;
  return and(
    filter.status ? eq(bioflocBatches.status, filter.status) : undefined,
    filter.species ? ilike(bioflocBatches.species, filter.species) : undefined,
    filter.tankId ? eq(bioflocBatches.currentTankId, filter.tankId) : undefined,
    pattern
      ? or(ilike(bioflocBatches.batchCode, pattern), ilike(bioflocBatches.species, pattern))
      : undefined,
  );
}

function batchesWithTank(db: DbOrTx) {
  return db
    .select({
      ...getTableColumns(bioflocBatches),
      currentTankName: bioflocTanks.tankName,
      currentTankCode: bioflocTanks.tankCode,
    })
    .from(bioflocBatches)
    .innerJoin(bioflocTanks, eq(bioflocTanks.id, bioflocBatches.currentTankId));
}

export async function findBatchView(db: DbOrTx, id: string): Promise<BatchView | undefined> {
  const [row] = await batchesWithTank(db).where(eq(bioflocBatches.id, id));
  return row;
}

/** The batch, locked: every record that changes its figures takes its turn on this row. */
export async function lockBatch(db: DbOrTx, id: string): Promise<BatchRow | undefined> {
  const [row] = await db.select().from(bioflocBatches).where(eq(bioflocBatches.id, id)).for('update');
  return row;
}

/** The active batch in a tank, locked. */
export async function lockActiveBatchIn(db: DbOrTx, tankId: string): Promise<BatchRow | undefined> {
  const [row] = await db
    .select()
    .from(bioflocBatches)
    .where(and(eq(bioflocBatches.currentTankId, tankId), eq(bioflocBatches.status, 'active')))
    .for('update');
  return row;
}

export async function activeBatchIn(db: DbOrTx, tankId: string): Promise<BatchRow | undefined> {
  const [row] = await db
    .select()
    .from(bioflocBatches)
    .where(and(eq(bioflocBatches.currentTankId, tankId), eq(bioflocBatches.status, 'active')));
  return row;
}

export async function insertBatch(db: DbOrTx, values: NewBatch): Promise<BatchRow> {
  const [row] = await db.insert(bioflocBatches).values(values).returning();
  return row as BatchRow;
}

/** Applies `changes` (SQL increments welcome) and raises the version by one. */
export async function updateBatch(
  db: DbOrTx,
  id: string,
  changes: PgUpdateSetSource<typeof bioflocBatches>,
): Promise<BatchRow> {
  const [row] = await db
    .update(bioflocBatches)
    .set({ ...changes, version: sql`${bioflocBatches.version} + 1`, updatedAt: sql`now()` })
    .where(eq(bioflocBatches.id, id))
    .returning();
  return row as BatchRow;
}

/** `column + amount` for an exact increment in SQL. */
export function plus(column: PgColumn, amount: string | number): SQL {
  return sql`${column} + ${String(amount)}::numeric`;
}

export async function insertHistory(
  db: DbOrTx,
  values: typeof bioflocTankHistory.$inferInsert,
): Promise<void> {
  await db.insert(bioflocTankHistory).values(values);
}

export async function historyOf(db: DbOrTx, batchId: string) {
  return db
    .select({
      ...getTableColumns(bioflocTankHistory),
      tankCode: bioflocTanks.tankCode,
      tankName: bioflocTanks.tankName,
    })
    .from(bioflocTankHistory)
    .innerJoin(bioflocTanks, eq(bioflocTanks.id, bioflocTankHistory.tankId))
    .where(eq(bioflocTankHistory.batchId, batchId))
    .orderBy(asc(bioflocTankHistory.createdAt), asc(bioflocTankHistory.id));
}

export async function listBatches(db: DbOrTx, filter: BatchFilter, page: PageRequest) {
  const where = batchWhere(filter);
  const [found, [total]] = await Promise.all([
    batchesWithTank(db)
      .where(where)
      .orderBy(desc(bioflocBatches.stockingDate), desc(bioflocBatches.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(bioflocBatches).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

/** Every batch the filter matches, as listed, with its tank: a query to stream. */
export function batchesExportQuery(filter: BatchFilter): SQL {
  const where = batchWhere(filter);
  return sql`select b.batch_code, b.species, b.status, t.tank_code, b.stocking_date::text as stocking_date,
      b.initial_count, b.initial_avg_weight_g, b.current_count, b.current_avg_weight_g,
      round(b.current_count * b.current_avg_weight_g / 1000, 4) as current_biomass_kg,
      b.total_mortality, b.total_feed_kg, b.feed_cost + b.input_cost + b.fingerling_cost + b.inherited_cost as total_cost,
      b.harvested_kg, b.revenue, b.end_date::text as end_date, b.id
    from ${bioflocBatches} b join ${bioflocTanks} t on t.id = b.current_tank_id
    where b.id in (select ${bioflocBatches.id} from ${bioflocBatches} ${where ? sql`where ${where}` : sql``})
    order by b.stocking_date desc, b.id desc`;
}

/**
 * Serializes the first harvests of one species: the one that finds no product creates it, the
 * others wait here and then find it (without this, the second insert broke the unique SKU).
 */
export async function lockSpeciesProduct(tx: DbOrTx, sku: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`raktar.harvest-product:${sku}`}))`);
}
