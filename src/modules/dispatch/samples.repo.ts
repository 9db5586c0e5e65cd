import { eq, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import type { PageRequest } from '../../platform/pagination.js';
import { drillholes, samples } from './dispatch.tables.js';

export type SampleRow = typeof samples.$inferSelect;

export interface SampleView {
  id: string;
  sample_id: string;
  dispatch_id: string;
  dispatch_number: string;
  drillhole_id: string;
  drillhole_name: string;
  from_depth: string;
  to_depth: string;
  sample_type: string;
  status: string;
  notes: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface SampleFilter {
  id?: string;
  dispatchId?: string;
  drillholeId?: string;
  sampleType?: string;
  status?: string;
}

function whereOf(filter: SampleFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter.id) parts.push(sql`s.id = ${filter.id}`);
  if (filter.dispatchId) parts.push(sql`s.dispatch_id = ${filter.dispatchId}`);
  if (filter.drillholeId) parts.push(sql`s.drillhole_id = ${filter.drillholeId}`);
  if (filter.sampleType) parts.push(sql`s.sample_type = ${filter.sampleType}`);
  if (filter.status) parts.push(sql`s.status = ${filter.status}`);
  return sql.join(parts, sql` and `);
}

export async function listSamples(db: DbOrTx, filter: SampleFilter, page: PageRequest) {
  const where = whereOf(filter);
  const [found, [total]] = await Promise.all([
    rows<SampleView>(
      db,
      sql`select s.id, s.sample_code as sample_id, s.dispatch_id, d.dispatch_number, s.drillhole_id,
          h.code as drillhole_name, s.from_depth, s.to_depth, s.sample_type, s.status, s.notes, s.version,
          s.created_at, s.updated_at
        from samples s join dispatches d on d.id = s.dispatch_id join drillholes h on h.id = s.drillhole_id
        where ${where} order by h.code, s.from_depth, s.sample_code
        limit ${page.pageSize} offset ${page.offset}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from samples s where ${where}`),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

export async function insertSample(db: DbOrTx, values: typeof samples.$inferInsert): Promise<SampleRow> {
  const [row] = await db.insert(samples).values(values).returning();
  return row as SampleRow;
}

export async function findSample(db: DbOrTx, id: string, lock = false): Promise<SampleRow | undefined> {
  const query = db.select().from(samples).where(eq(samples.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function updateSample(db: DbOrTx, id: string, changes: PgUpdateSetSource<typeof samples>) {
  await db
    .update(samples)
    .set({ ...changes, version: sql`${samples.version} + 1`, updatedAt: sql`now()` })
    .where(eq(samples.id, id));
}

/** Locks the drillhole so that interval checks on it run one at a time. */
export async function lockDrillhole(db: DbOrTx, id: string): Promise<void> {
  await db.select({ id: drillholes.id }).from(drillholes).where(eq(drillholes.id, id)).for('update');
}

/** A sample on the drillhole whose interval overlaps [from, to), duplicates left out. */
export async function overlapping(db: DbOrTx, drillholeId: string, from: string, to: string) {
  const [row] = await rows<{ sample_id: string; from_depth: string; to_depth: string }>(
    db,
    sql`select sample_code as sample_id, from_depth, to_depth from samples
      where drillhole_id = ${drillholeId} and sample_type <> 'duplicate'
        and from_depth < ${to}::numeric and to_depth > ${from}::numeric
      order by from_depth limit 1`,
  );
  return row;
}

/** Which of these sample ids (lower-cased in and out) are taken. */
export async function takenSampleIds(db: DbOrTx, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const found = await rows<{ code: string }>(
    db,
    sql`select lower(sample_code) as code from samples where lower(sample_code) = any(${sql.param(codes)}::text[])`,
  );
  return new Set(found.map((row) => row.code));
}
