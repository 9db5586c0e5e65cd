import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';

/** A product as the bulk insert writes it: every column given, quantities as exact decimal strings. */
export interface BulkProductRow {
  id: string;
  sku: string;
  name: string;
  description: string;
  category_id: string | null;
  unit_code: string;
  unit_price: string;
  barcode: string | null;
  tracking: string;
  shelf_life_days: number | null;
  reorder_point: string;
  is_active: boolean;
}

/** Which of `skus` (lower-cased) are taken, by active and inactive products alike. */
export async function takenSkus(db: DbOrTx, skus: string[]): Promise<string[]> {
  if (skus.length === 0) return [];
  const found = await rows<{ sku: string }>(
    db,
    sql`select s.sku from unnest(${sql.param(skus)}::text[]) s(sku)
      join products p on lower(p.sku) = s.sku`,
  );
  return found.map((row) => row.sku);
}

/** Which of `barcodes` belong to a product already. */
export async function takenBarcodes(db: DbOrTx, barcodes: string[]): Promise<string[]> {
  if (barcodes.length === 0) return [];
  const found = await rows<{ barcode: string }>(
    db,
    sql`select s.barcode from unnest(${sql.param(barcodes)}::text[]) s(barcode)
      join products p on p.barcode = s.barcode`,
  );
  return found.map((row) => row.barcode);
}

/** The ids of the categories named (lower-cased names in, lower-cased names out). */
export function categoriesByName(db: DbOrTx, names: string[]): Promise<{ name: string; id: string }[]> {
  if (names.length === 0) return Promise.resolve([]);
  return rows(
    db,
    sql`select lower(c.name) as name, c.id from unnest(${sql.param(names)}::text[]) s(name)
      join categories c on lower(c.name) = s.name`,
  );
}

/** Creates the categories not there yet (a concurrent creator of the same name wins). */
export async function insertCategories(
  db: DbOrTx,
  categories: { id: string; name: string }[],
): Promise<void> {
  if (categories.length === 0) return;
  await db.execute(sql`insert into categories (id, name)
    select c.id, c.name from json_to_recordset(${JSON.stringify(categories)}::json) as c(id uuid, name text)
    order by lower(c.name)
    on conflict do nothing`);
}

/** Every unit with its decimal places. */
export function allUnits(db: DbOrTx): Promise<{ code: string; decimals: number }[]> {
  return rows(db, sql`select code, decimals from units`);
}

/** The products with these SKUs (lower-cased in), with what posting stock of them needs. */
export function productsBySkus(db: DbOrTx, skus: string[]) {
  if (skus.length === 0) return Promise.resolve([]);
  return rows<{
    key: string;
    id: string;
    sku: string;
    tracking: string;
    is_active: boolean;
    unit_code: string;
    decimals: number;
  }>(
    db,
    sql`select s.sku as key, p.id, p.sku, p.tracking, p.is_active, p.unit_code, u.decimals
      from unnest(${sql.param(skus)}::text[]) s(sku)
      join products p on lower(p.sku) = s.sku
      join units u on u.code = p.unit_code`,
  );
}

/** One set-based insert of many products (the search text is filled by its trigger). */
export async function insertProductRows(db: DbOrTx, products: BulkProductRow[]): Promise<void> {
  await db.execute(sql`insert into products (id, sku, name, description, category_id, unit_code, unit_price,
      barcode, tracking, shelf_life_days, reorder_point, is_active)
    select r.id, r.sku, r.name, r.description, r.category_id, r.unit_code, r.unit_price, r.barcode,
      r.tracking, r.shelf_life_days, r.reorder_point, r.is_active
    from json_to_recordset(${JSON.stringify(products)}::json) as r(id uuid, sku text, name text,
      description text, category_id uuid, unit_code text, unit_price numeric, barcode text, tracking text,
      shelf_life_days integer, reorder_point numeric, is_active boolean)`);
}
