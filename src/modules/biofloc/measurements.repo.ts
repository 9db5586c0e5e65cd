import { and, asc, count, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import type { PageRequest } from '../../platform/pagination.js';
import type { RecordFilter } from './consumption.repo.js';
import {
  bioflocHarvests,
  bioflocMortalities,
  bioflocSamplings,
  bioflocWaterProfiles,
  bioflocWaterTests,
} from './records.tables.js';

export type WaterTestRow = typeof bioflocWaterTests.$inferSelect;
export type ProfileRow = typeof bioflocWaterProfiles.$inferSelect;
export type SamplingRow = typeof bioflocSamplings.$inferSelect;
export type MortalityRow = typeof bioflocMortalities.$inferSelect;

/** A dated record of a tank or batch: how its lists filter and order. */
interface Dated {
  table: PgTable;
  id: PgColumn;
  date: PgColumn;
  tankId?: PgColumn;
  batchId: PgColumn;
}

export const WATER_TESTS: Dated = {
  table: bioflocWaterTests,
  id: bioflocWaterTests.id,
  date: bioflocWaterTests.testDate,
  tankId: bioflocWaterTests.tankId,
  batchId: bioflocWaterTests.batchId,
};
export const SAMPLINGS: Dated = {
  table: bioflocSamplings,
  id: bioflocSamplings.id,
  date: bioflocSamplings.sampleDate,
  batchId: bioflocSamplings.batchId,
};
export const HARVESTS: Dated = {
  table: bioflocHarvests,
  id: bioflocHarvests.id,
  date: bioflocHarvests.harvestDate,
  batchId: bioflocHarvests.batchId,
};
export type HarvestRow = typeof bioflocHarvests.$inferSelect;

export async function insertHarvest(db: DbOrTx, values: typeof bioflocHarvests.$inferInsert) {
  const [row] = await db.insert(bioflocHarvests).values(values).returning();
  return row as HarvestRow;
}

export const MORTALITIES: Dated = {
  table: bioflocMortalities,
  id: bioflocMortalities.id,
  date: bioflocMortalities.mortalityDate,
  batchId: bioflocMortalities.batchId,
};

function datedWhere(of: Dated, filter: RecordFilter): SQL | undefined {
  return and(
    filter.tankId && of.tankId ? eq(of.tankId, filter.tankId) : undefined,
    filter.batchId ? eq(of.batchId, filter.batchId) : undefined,
    filter.dateFrom ? gte(of.date, filter.dateFrom) : undefined,
    filter.dateTo ? lte(of.date, filter.dateTo) : undefined,
  );
}

/** A page of a dated record, newest first, and how many match. */
export async function listDated<T>(db: DbOrTx, of: Dated, filter: RecordFilter, page: PageRequest) {
  const where = datedWhere(of, filter);
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(of.table)
      .where(where)
      .orderBy(desc(of.date), desc(of.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(of.table).where(where),
  ]);
  return { rows: found as T[], total: total?.n ?? 0 };
}

/** Every row of a dated record the filter matches, newest first, with `columns` selected: to stream. */
export function datedExportQuery(of: Dated, filter: RecordFilter, columns: SQL): SQL {
  const where = datedWhere(of, filter);
  return sql`select ${columns} from ${of.table} ${where ? sql`where ${where}` : sql``} order by ${of.date} desc, ${of.id} desc`;
}

export async function insertWaterTest(db: DbOrTx, values: typeof bioflocWaterTests.$inferInsert) {
  const [row] = await db.insert(bioflocWaterTests).values(values).returning();
  return row as WaterTestRow;
}

export async function insertSampling(db: DbOrTx, values: typeof bioflocSamplings.$inferInsert) {
  const [row] = await db.insert(bioflocSamplings).values(values).returning();
  return row as SamplingRow;
}

export async function insertMortality(db: DbOrTx, values: typeof bioflocMortalities.$inferInsert) {
  const [row] = await db.insert(bioflocMortalities).values(values).returning();
  return row as MortalityRow;
}

/** The profile of a species (any case), or the `default` one. */
export async function profileFor(db: DbOrTx, species: string): Promise<ProfileRow | undefined> {
  const found = await db
    .select()
    .from(bioflocWaterProfiles)
    .where(sql`lower(${bioflocWaterProfiles.species}) in (lower(${species}), 'default')`)
    .orderBy(sql`lower(${bioflocWaterProfiles.species}) = 'default'`);
  return found[0];
}

export async function findProfile(db: DbOrTx, id: string) {
  const [row] = await db.select().from(bioflocWaterProfiles).where(eq(bioflocWaterProfiles.id, id));
  return row;
}

export async function insertProfile(db: DbOrTx, values: typeof bioflocWaterProfiles.$inferInsert) {
  const [row] = await db.insert(bioflocWaterProfiles).values(values).returning();
  return row as ProfileRow;
}

export async function deleteProfile(db: DbOrTx, id: string): Promise<boolean> {
  const gone = await db.delete(bioflocWaterProfiles).where(eq(bioflocWaterProfiles.id, id)).returning();
  return gone.length > 0;
}

export async function listProfiles(db: DbOrTx, page: PageRequest) {
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(bioflocWaterProfiles)
      .orderBy(asc(bioflocWaterProfiles.species))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(bioflocWaterProfiles),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

export function profilesExportQuery(): SQL {
  return sql`select species, do_min, nh3_max, no2_max, ph_min, ph_max, floc_min, floc_max, updated_at, id
    from ${bioflocWaterProfiles} order by species`;
}
