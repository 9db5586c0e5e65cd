import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { rows } from './rows.js';

/**
 * What clients read beside the ids a document holds: SKU, name and barcode, warehouse and bin
 * code, lot number.
 */
export interface Names {
  products: Map<string, { sku: string; name: string; barcode: string | null }>;
  warehouses: Map<string, string>;
  bins: Map<string, string>;
  lots: Map<string, string>;
}

type Ids = Iterable<string | null | undefined>;

const SOURCES = {
  products: sql`select 'products' as kind, id, sku as code, name, barcode from products`,
  warehouses: sql`select 'warehouses' as kind, id, code, name, null as barcode from warehouses`,
  bins: sql`select 'bins' as kind, id, code, null as name, null as barcode from bins`,
  lots: sql`select 'lots' as kind, id, lot_number as code, null as name, null as barcode from lots`,
} satisfies Record<keyof Names, SQL>;

/**
 * The names of the given products, warehouses, bins and lots, in one query however many
 * documents they come from: a page of orders is named at once, never one row at a time.
 */
export async function namesOf(db: DbOrTx, ids: Partial<Record<keyof Names, Ids>>): Promise<Names> {
  const names: Names = { products: new Map(), warehouses: new Map(), bins: new Map(), lots: new Map() };
  const parts = (Object.keys(SOURCES) as (keyof Names)[]).flatMap((kind) => {
    const wanted = [...new Set([...(ids[kind] ?? [])].filter((id): id is string => !!id))];
    return wanted.length > 0 ? [sql`(${SOURCES[kind]} where id = any(${sql.param(wanted)}::uuid[]))`] : [];
  });
  if (parts.length === 0) return names;
  const found = await rows<{
    kind: keyof Names;
    id: string;
    code: string;
    name: string | null;
    barcode: string | null;
  }>(db, sql.join(parts, sql` union all `));
  for (const row of found) {
    if (row.kind === 'products') {
      names.products.set(row.id, { sku: row.code, name: row.name ?? '', barcode: row.barcode });
    } else names[row.kind].set(row.id, row.code);
  }
  return names;
}
