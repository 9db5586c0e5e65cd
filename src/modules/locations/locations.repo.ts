import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { containsPattern } from '../../db/search.js';
import { updateVersioned } from '../../db/versioned.js';
import type { AppError } from '../../platform/errors.js';
import type { PageRequest } from '../../platform/pagination.js';
import { bins, warehouses } from './locations.tables.js';

export type WarehouseRow = typeof warehouses.$inferSelect;
export type BinRow = typeof bins.$inferSelect;
export type NewWarehouse = typeof warehouses.$inferInsert;
export type NewBin = typeof bins.$inferInsert;

// Spelled out with table names: Drizzle leaves columns unqualified in a one-table select, which
// inside a correlated subquery would bind to the inner table.
const defaultBinId = sql<string | null>`(select b.id from bins b
  where b.warehouse_id = "warehouses"."id" and b.is_default)`;

export async function findWarehouse(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ warehouse: warehouses, defaultBinId })
    .from(warehouses)
    .where(eq(warehouses.id, id));
  return row;
}

export async function listWarehouses(
  db: DbOrTx,
  filter: { search?: string; isActive?: boolean },
  page: PageRequest,
) {
  const conditions: (SQL | undefined)[] = [];
  if (filter.isActive !== undefined) conditions.push(eq(warehouses.isActive, filter.isActive));
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    conditions.push(or(ilike(warehouses.code, pattern), ilike(warehouses.name, pattern)));
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({ warehouse: warehouses, defaultBinId })
      .from(warehouses)
      .where(where)
      .orderBy(asc(warehouses.code))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(warehouses).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function insertWarehouse(db: DbOrTx, values: NewWarehouse): Promise<WarehouseRow> {
  const [row] = await db.insert(warehouses).values(values).returning();
  return row as WarehouseRow;
}

/**
 * Applies `changes` to the locked warehouse (see `updateVersioned`): 412 when `expectedVersion`
 * is stale, `notFound` when there is no such warehouse.
 */
export function updateWarehouse(
  db: DbOrTx,
  id: string,
  expectedVersion: number | undefined,
  changes: Partial<NewWarehouse>,
  notFound: () => AppError,
) {
  return updateVersioned(db, warehouses, id, expectedVersion, changes, notFound);
}

export async function findBin(db: DbOrTx, id: string): Promise<BinRow | undefined> {
  const [row] = await db.select().from(bins).where(eq(bins.id, id));
  return row;
}

export async function insertBin(db: DbOrTx, values: NewBin): Promise<BinRow> {
  const [row] = await db.insert(bins).values(values).returning();
  return row as BinRow;
}

/**
 * Applies `changes` to the locked bin (see `updateVersioned`): 412 when `expectedVersion` is
 * stale, `notFound` when there is no such bin.
 */
export function updateBin(
  db: DbOrTx,
  id: string,
  expectedVersion: number | undefined,
  changes: Partial<NewBin>,
  notFound: () => AppError,
) {
  return updateVersioned(db, bins, id, expectedVersion, changes, notFound);
}

export interface BinFilter {
  search?: string;
  type?: string;
  isActive?: boolean;
}

export async function listBins(db: DbOrTx, warehouseId: string, filter: BinFilter, page: PageRequest) {
  const conditions: (SQL | undefined)[] = [eq(bins.warehouseId, warehouseId)];
  if (filter.type) conditions.push(eq(bins.type, filter.type));
  if (filter.isActive !== undefined) conditions.push(eq(bins.isActive, filter.isActive));
  if (filter.search) conditions.push(sql`lower(${bins.code}) like lower(${containsPattern(filter.search)})`);
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db.select().from(bins).where(where).orderBy(asc(bins.code)).limit(page.pageSize).offset(page.offset),
    db.select({ n: count() }).from(bins).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The codes among `codes` that already exist in the warehouse (case-insensitive). */
export async function existingBinCodes(db: DbOrTx, warehouseId: string, codes: string[]): Promise<string[]> {
  const rows = await db
    .select({ code: bins.code })
    .from(bins)
    .where(
      and(
        eq(bins.warehouseId, warehouseId),
        sql`lower(${bins.code}) in (select lower(value) from json_array_elements_text(${JSON.stringify(codes)}::json))`,
      ),
    )
    .orderBy(asc(bins.code));
  return rows.map((row) => row.code);
}

/** Inserts many bins in one statement (the codes travel as one JSON parameter, not one per row). */
export async function insertBinsBulk(
  db: DbOrTx,
  rows: {
    id: string;
    warehouseId: string;
    code: string;
    type: string;
    capacity: number | null;
    isActive?: boolean;
  }[],
): Promise<void> {
  await db.execute(sql`
    insert into ${bins} (id, warehouse_id, code, type, capacity, is_active)
    select r.id, r.warehouse_id, r.code, r.type, r.capacity, coalesce(r.is_active, true)
    from json_to_recordset(${JSON.stringify(
      rows.map((r) => ({
        id: r.id,
        warehouse_id: r.warehouseId,
        code: r.code,
        type: r.type,
        capacity: r.capacity,
        is_active: r.isActive ?? true,
      })),
    )}::json) as r(id uuid, warehouse_id uuid, code text, type text, capacity numeric, is_active boolean)`);
}

export async function deleteBin(db: DbOrTx, id: string): Promise<void> {
  await db.delete(bins).where(eq(bins.id, id));
}

export async function binStats(db: DbOrTx, warehouseId: string) {
  const [row] = await db
    .select({
      total: count(),
      active: sql<number>`count(*) filter (where ${bins.isActive})::int`,
      capacity: sql<string | null>`sum(${bins.capacity}) filter (where ${bins.isActive})`,
    })
    .from(bins)
    .where(eq(bins.warehouseId, warehouseId));
  return {
    total: row?.total ?? 0,
    active: Number(row?.active ?? 0),
    capacity: row?.capacity == null ? null : Number(row.capacity),
  };
}

export async function activeBinIds(db: DbOrTx, warehouseId: string): Promise<string[]> {
  const rows = await db.select({ id: bins.id }).from(bins).where(eq(bins.warehouseId, warehouseId));
  return rows.map((row) => row.id);
}

export async function binsByIds(db: DbOrTx, ids: string[]): Promise<BinRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(bins).where(inArray(bins.id, ids));
}

/** The warehouses with these codes (lower-cased in and out), with their default bin. */
export function warehousesByCodes(db: DbOrTx, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return rows<{ key: string; id: string; code: string; is_active: boolean; default_bin_id: string | null }>(
    db,
    sql`select s.code as key, w.id, w.code, w.is_active,
        (select b.id from bins b where b.warehouse_id = w.id and b.is_default) as default_bin_id
      from unnest(${sql.param(codes)}::text[]) s(code)
      join warehouses w on lower(w.code) = s.code`,
  );
}

/** The bins with these codes in these warehouses (codes lower-cased in and out). */
export function binsByCodes(db: DbOrTx, keys: { warehouseId: string; code: string }[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return rows<{ warehouse_id: string; key: string; id: string; code: string; is_active: boolean }>(
    db,
    sql`select b.warehouse_id, k.code as key, b.id, b.code, b.is_active
      from unnest(${sql.param(keys.map((k) => k.warehouseId))}::uuid[],
        ${sql.param(keys.map((k) => k.code))}::text[]) k(warehouse_id, code)
      join bins b on b.warehouse_id = k.warehouse_id and lower(b.code) = k.code`,
  );
}
