import { and, count, desc, eq, getTableColumns, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import type { PageRequest } from '../../platform/pagination.js';
import { bioflocBatches } from './biofloc.tables.js';
import { bioflocFeedingItems, bioflocFeedings, bioflocTankInputs } from './records.tables.js';

export type FeedingRow = typeof bioflocFeedings.$inferSelect;
export type FeedingItemRow = typeof bioflocFeedingItems.$inferSelect & { sku: string };
export type TankInputRow = typeof bioflocTankInputs.$inferSelect & { sku: string };

/** The SKU of a product column's product (the catalog's table is read by name, not imported). */
export function skuOf(column: PgColumn): SQL<string> {
  return sql<string>`(select p.sku from products p where p.id = ${column})`;
}

export interface RecordFilter {
  tankId?: string;
  batchId?: string;
  dateFrom?: string;
  dateTo?: string;
}

export async function insertFeeding(
  db: DbOrTx,
  values: typeof bioflocFeedings.$inferInsert,
): Promise<FeedingRow> {
  const [row] = await db.insert(bioflocFeedings).values(values).returning();
  return row as FeedingRow;
}

export async function insertFeedingItems(db: DbOrTx, values: (typeof bioflocFeedingItems.$inferInsert)[]) {
  await db.insert(bioflocFeedingItems).values(values);
}

/** The items of the given feedings, with their SKUs, by feeding id. */
export async function itemsOfFeedings(
  db: DbOrTx,
  feedingIds: string[],
): Promise<Map<string, FeedingItemRow[]>> {
  const result = new Map<string, FeedingItemRow[]>(feedingIds.map((id) => [id, []]));
  if (feedingIds.length === 0) return result;
  const found = await db
    .select({ ...getTableColumns(bioflocFeedingItems), sku: skuOf(bioflocFeedingItems.productId) })
    .from(bioflocFeedingItems)
    .where(inArray(bioflocFeedingItems.feedingId, feedingIds))
    .orderBy(bioflocFeedingItems.id);
  for (const item of found) result.get(item.feedingId)?.push(item);
  return result;
}

function feedingWhere(filter: RecordFilter): SQL | undefined {
  return and(
    filter.tankId ? eq(bioflocFeedings.tankId, filter.tankId) : undefined,
    filter.batchId ? eq(bioflocFeedings.batchId, filter.batchId) : undefined,
    filter.dateFrom ? gte(bioflocFeedings.feedingDate, filter.dateFrom) : undefined,
    filter.dateTo ? lte(bioflocFeedings.feedingDate, filter.dateTo) : undefined,
  );
}

const feedingColumns = { ...getTableColumns(bioflocFeedings), batchCode: bioflocBatches.batchCode };

export async function findFeeding(db: DbOrTx, id: string) {
  const [row] = await db
    .select(feedingColumns)
    .from(bioflocFeedings)
    .innerJoin(bioflocBatches, eq(bioflocBatches.id, bioflocFeedings.batchId))
    .where(eq(bioflocFeedings.id, id));
  return row;
}

export async function listFeedings(db: DbOrTx, filter: RecordFilter, page: PageRequest) {
  const where = feedingWhere(filter);
  const [found, [total]] = await Promise.all([
    db
      .select(feedingColumns)
      .from(bioflocFeedings)
      .innerJoin(bioflocBatches, eq(bioflocBatches.id, bioflocFeedings.batchId))
      .where(where)
      .orderBy(desc(bioflocFeedings.feedingDate), desc(bioflocFeedings.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(bioflocFeedings).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

/** One row per feed item of every feeding the filter matches: a query to stream. */
export function feedingsExportQuery(filter: RecordFilter): SQL {
  const where = feedingWhere(filter);
  return sql`select f.feeding_date::text as feeding_date, f.session_number, f.feed_time, b.batch_code,
      p.sku, i.quantity_kg, i.unit_cost, i.cost, f.total_kg, f.biomass_kg, f.feeding_rate_pct, f.id
    from ${bioflocFeedings} f
    join ${bioflocBatches} b on b.id = f.batch_id
    join ${bioflocFeedingItems} i on i.feeding_id = f.id
    join products p on p.id = i.product_id
    where f.id in (select ${bioflocFeedings.id} from ${bioflocFeedings} ${where ? sql`where ${where}` : sql``})
    order by f.feeding_date desc, f.id desc, i.id`;
}

export async function insertTankInput(db: DbOrTx, values: typeof bioflocTankInputs.$inferInsert) {
  const [row] = await db.insert(bioflocTankInputs).values(values).returning();
  return row as typeof bioflocTankInputs.$inferSelect;
}

function inputWhere(filter: RecordFilter): SQL | undefined {
  return and(
    filter.tankId ? eq(bioflocTankInputs.tankId, filter.tankId) : undefined,
    filter.batchId ? eq(bioflocTankInputs.batchId, filter.batchId) : undefined,
    filter.dateFrom ? gte(bioflocTankInputs.inputDate, filter.dateFrom) : undefined,
    filter.dateTo ? lte(bioflocTankInputs.inputDate, filter.dateTo) : undefined,
  );
}

const inputColumns = { ...getTableColumns(bioflocTankInputs), sku: skuOf(bioflocTankInputs.productId) };

export async function findTankInput(db: DbOrTx, id: string): Promise<TankInputRow | undefined> {
  const [row] = await db.select(inputColumns).from(bioflocTankInputs).where(eq(bioflocTankInputs.id, id));
  return row;
}

export async function listTankInputs(db: DbOrTx, filter: RecordFilter, page: PageRequest) {
  const where = inputWhere(filter);
  const [found, [total]] = await Promise.all([
    db
      .select(inputColumns)
      .from(bioflocTankInputs)
      .where(where)
      .orderBy(desc(bioflocTankInputs.inputDate), desc(bioflocTankInputs.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(bioflocTankInputs).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

export function tankInputsExportQuery(filter: RecordFilter): SQL {
  const where = inputWhere(filter);
  return sql`select i.input_date::text as input_date, i.input_time, i.input_type, p.sku, i.quantity, i.unit,
      i.unit_cost, i.cost, i.reason, i.id
    from ${bioflocTankInputs} i join products p on p.id = i.product_id
    where i.id in (select ${bioflocTankInputs.id} from ${bioflocTankInputs} ${where ? sql`where ${where}` : sql``})
    order by i.input_date desc, i.id desc`;
}
