import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { matchesSearch } from '../../db/search.js';
import { updateVersioned } from '../../db/versioned.js';
import type { AppError } from '../../platform/errors.js';
import type { PageRequest } from '../../platform/pagination.js';
import type { PartnerTable } from './partners.tables.js';

/** Suppliers and customers share one row shape; every function takes the kind's table. */
export type PartnerRow = PartnerTable['$inferSelect'];
export type NewPartner = PartnerTable['$inferInsert'];

export interface PartnerFilter {
  search?: string;
  isActive?: boolean;
}

const SORTS = {
  code_asc: (t: PartnerTable) => asc(t.code),
  code_desc: (t: PartnerTable) => desc(t.code),
  name_asc: (t: PartnerTable) => asc(t.name),
  name_desc: (t: PartnerTable) => desc(t.name),
  created_asc: (t: PartnerTable) => asc(t.createdAt),
  created_desc: (t: PartnerTable) => desc(t.createdAt),
};
export type PartnerSort = keyof typeof SORTS;

/** A page of partners in the asked order (ties by id), and the count of all that match. */
export async function listPartners(
  db: DbOrTx,
  t: PartnerTable,
  filter: PartnerFilter,
  sort: PartnerSort,
  page: PageRequest,
) {
  const conditions: (SQL | undefined)[] = [];
  if (filter.isActive !== undefined) conditions.push(eq(t.isActive, filter.isActive));
  if (filter.search) conditions.push(matchesSearch(sql`${t.code} || ' ' || ${t.name}`, filter.search));
  const where = and(...conditions);
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(t)
      .where(where)
      .orderBy(SORTS[sort](t), asc(t.id as PgColumn))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(t).where(where),
  ]);
  return { rows: found as PartnerRow[], total: total?.n ?? 0 };
}

export async function findPartner(
  db: DbOrTx,
  t: PartnerTable,
  id: string,
  lock = false,
): Promise<PartnerRow | undefined> {
  const query = db.select().from(t).where(eq(t.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row as PartnerRow | undefined;
}

/** The partner with this id, or else with this code (whatever its case). */
export async function findPartnerByIdOrCode(
  db: DbOrTx,
  t: PartnerTable,
  ref: { id?: string; code?: string },
): Promise<PartnerRow | undefined> {
  const where = ref.id ? eq(t.id, ref.id) : sql`lower(${t.code}) = lower(${ref.code ?? ''})`;
  const [row] = await db.select().from(t).where(where);
  return row as PartnerRow | undefined;
}

export async function insertPartner(db: DbOrTx, t: PartnerTable, values: NewPartner): Promise<PartnerRow> {
  const [row] = (await db.insert(t).values(values).returning()) as PartnerRow[];
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/**
 * Applies `changes` to the locked partner (see `updateVersioned`): 412 when `expectedVersion`
 * is stale, `notFound` when there is no such partner.
 */
export async function updatePartner(
  db: DbOrTx,
  t: PartnerTable,
  id: string,
  expectedVersion: number | undefined,
  changes: Partial<NewPartner>,
  notFound: () => AppError,
): Promise<{ before: PartnerRow; after: PartnerRow }> {
  const { before, after } = await updateVersioned(db, t, id, expectedVersion, changes, notFound);
  return { before: before as PartnerRow, after: after as PartnerRow };
}

export async function deletePartner(db: DbOrTx, t: PartnerTable, id: string): Promise<void> {
  await db.delete(t).where(eq(t.id, id));
}

/** Which of `codes` (lower-cased in and out) are taken in the kind's table. */
export async function takenPartnerCodes(db: DbOrTx, t: PartnerTable, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const found = await rows<{ code: string }>(
    db,
    sql`select s.code from unnest(${sql.param(codes)}::text[]) s(code) join ${t} p on lower(p.code) = s.code`,
  );
  return found.map((row) => row.code);
}

/** Inserts many partners in one statement (they travel as one JSON parameter). */
export async function insertPartnersBulk(db: DbOrTx, t: PartnerTable, values: NewPartner[]): Promise<void> {
  const records = values.map((v) => ({
    id: v.id,
    code: v.code,
    name: v.name,
    contact_person: v.contactPerson ?? '',
    email: v.email ?? null,
    phone: v.phone ?? null,
    address: v.address ?? '',
    tax_number: v.taxNumber ?? '',
    payment_terms: v.paymentTerms ?? '',
    notes: v.notes ?? '',
    is_active: v.isActive ?? true,
  }));
  await db.execute(sql`insert into ${t} (id, code, name, contact_person, email, phone, address, tax_number,
      payment_terms, notes, is_active)
    select r.id, r.code, r.name, r.contact_person, r.email, r.phone, r.address, r.tax_number, r.payment_terms,
      r.notes, r.is_active
    from json_to_recordset(${JSON.stringify(records)}::json) as r(id uuid, code text, name text,
      contact_person text, email text, phone text, address text, tax_number text, payment_terms text,
      notes text, is_active boolean)`);
}
