import { eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { getOrThrow, updateVersioned } from '../../db/versioned.js';
import type { AppError } from '../../platform/errors.js';
import type { PageRequest } from '../../platform/pagination.js';
import { companies, drillholes, projects } from './dispatch.tables.js';

export type CompanyRow = typeof companies.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;
export type DrillholeRow = typeof drillholes.$inferSelect;

/** The three master-data tables, by the name routes and services use. */
export const MASTER_TABLES = { company: companies, project: projects, drillhole: drillholes };
export type MasterKind = keyof typeof MASTER_TABLES;
type MasterTable<K extends MasterKind> = (typeof MASTER_TABLES)[K];

export function findMaster<K extends MasterKind>(
  db: DbOrTx,
  kind: K,
  id: string,
  notFound: () => AppError,
  lock = false,
): Promise<MasterTable<K>['$inferSelect']> {
  return getOrThrow(db, MASTER_TABLES[kind], id, notFound, lock);
}

export async function insertMaster<K extends MasterKind>(
  db: DbOrTx,
  kind: K,
  values: MasterTable<K>['$inferInsert'],
): Promise<MasterTable<K>['$inferSelect']> {
  const table = MASTER_TABLES[kind];
  const [row] = await db
    .insert(table)
    .values(values as never)
    .returning();
  return row as MasterTable<K>['$inferSelect'];
}

export function updateMaster<K extends MasterKind>(
  db: DbOrTx,
  kind: K,
  id: string,
  expectedVersion: number | undefined,
  changes: Partial<MasterTable<K>['$inferInsert']>,
  notFound: () => AppError,
) {
  return updateVersioned(db, MASTER_TABLES[kind], id, expectedVersion, changes, notFound);
}

export async function deleteMaster(db: DbOrTx, kind: MasterKind, id: string): Promise<boolean> {
  const table = MASTER_TABLES[kind];
  const deleted = await db.delete(table).where(eq(table.id, id)).returning({ id: table.id });
  return deleted.length > 0;
}

/** A project by its id or, failing that form, its code (`project_id` as seed clients send it). */
export async function projectByIdOrCode(db: DbOrTx, ref: string): Promise<ProjectRow | undefined> {
  const byId = /^[0-9a-f-]{36}$/i.test(ref);
  const [row] = await db
    .select()
    .from(projects)
    .where(byId ? eq(projects.id, ref) : sql`lower(${projects.code}) = lower(${ref})`);
  return row;
}

/** A drillhole by its id, or by its code within the project. */
export async function drillholeByIdOrCode(
  db: DbOrTx,
  ref: string,
  projectId: string,
): Promise<DrillholeRow | undefined> {
  const byId = /^[0-9a-f-]{36}$/i.test(ref);
  const [row] = await db
    .select()
    .from(drillholes)
    .where(
      byId
        ? eq(drillholes.id, ref)
        : sql`${drillholes.projectId} = ${projectId} and lower(${drillholes.code}) = lower(${ref})`,
    );
  return row;
}

async function page<T>(db: DbOrTx, query: SQL, where: SQL, from: SQL, request: PageRequest) {
  const [found, [total]] = await Promise.all([
    rows<T>(db, sql`${query} limit ${request.pageSize} offset ${request.offset}`),
    rows<{ n: number }>(db, sql`select count(*)::int as n from ${from} where ${where}`),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

const conditions = (parts: (SQL | undefined)[]) =>
  sql.join([sql`true`, ...parts.filter((part): part is SQL => part !== undefined)], sql` and `);

export interface CompanyView {
  id: string;
  name: string;
  contact_email: string | null;
  contact_phone: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function listCompanies(db: DbOrTx, search: string | undefined, request: PageRequest) {
  const where = conditions([search ? sql`c.name ilike ${`%${search}%`}` : undefined]);
  return page<CompanyView>(
    db,
    sql`select c.id, c.name, c.contact_email, c.contact_phone, c.version, c.created_at, c.updated_at
      from companies c where ${where} order by lower(c.name)`,
    where,
    sql`companies c`,
    request,
  );
}

export interface ProjectView {
  id: string;
  project_id: string;
  name: string;
  company_id: string;
  company_name: string;
  location: string;
  status: string;
  drillhole_count: number;
  dispatch_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface ProjectFilter {
  id?: string;
  companyId?: string;
  status?: string;
}

const projectSelect = (where: SQL) => sql`select p.id, p.code as project_id, p.name, p.company_id,
    c.name as company_name, p.location, p.status,
    (select count(*)::int from drillholes h where h.project_id = p.id) as drillhole_count,
    (select count(*)::int from dispatches d where d.project_id = p.id) as dispatch_count,
    p.version, p.created_at, p.updated_at
  from projects p join companies c on c.id = p.company_id where ${where} order by p.code`;

const projectWhere = (filter: ProjectFilter) =>
  conditions([
    filter.id ? sql`p.id = ${filter.id}` : undefined,
    filter.companyId ? sql`p.company_id = ${filter.companyId}` : undefined,
    filter.status ? sql`p.status = ${filter.status}` : undefined,
  ]);

export function listProjects(db: DbOrTx, filter: ProjectFilter, request: PageRequest) {
  const where = projectWhere(filter);
  return page<ProjectView>(db, projectSelect(where), where, sql`projects p`, request);
}

export async function projectView(db: DbOrTx, id: string): Promise<ProjectView | undefined> {
  const [row] = await rows<ProjectView>(db, projectSelect(projectWhere({ id })));
  return row;
}

export interface DrillholeView {
  id: string;
  drillhole_id: string;
  project_id: string;
  project_name: string;
  planned_depth: string | null;
  actual_depth: string | null;
  collar_easting: string | null;
  collar_northing: string | null;
  collar_elevation: string | null;
  status: string;
  dispatch_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface DrillholeFilter {
  id?: string;
  projectId?: string;
  status?: string;
}

const drillholeWhere = (filter: DrillholeFilter) =>
  conditions([
    filter.id ? sql`h.id = ${filter.id}` : undefined,
    filter.projectId ? sql`h.project_id = ${filter.projectId}` : undefined,
    filter.status ? sql`h.status = ${filter.status}` : undefined,
  ]);

const drillholeSelect = (where: SQL) => sql`select h.id, h.code as drillhole_id, h.project_id,
    p.name as project_name, h.planned_depth, h.actual_depth, h.collar_easting, h.collar_northing,
    h.collar_elevation, h.status,
    (select count(*)::int from dispatches d where d.drillhole_id = h.id) as dispatch_count,
    h.version, h.created_at, h.updated_at
  from drillholes h join projects p on p.id = h.project_id where ${where} order by p.code, h.code`;

export function listDrillholes(db: DbOrTx, filter: DrillholeFilter, request: PageRequest) {
  const where = drillholeWhere(filter);
  return page<DrillholeView>(db, drillholeSelect(where), where, sql`drillholes h`, request);
}

export async function drillholeView(db: DbOrTx, id: string): Promise<DrillholeView | undefined> {
  const [row] = await rows<DrillholeView>(db, drillholeSelect(drillholeWhere({ id })));
  return row;
}
