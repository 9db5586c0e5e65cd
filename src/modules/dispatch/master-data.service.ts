import type { Db, DbOrTx } from '../../db/client.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import type { AppError } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import { normalizePhone } from '../partners/index.js';
import { DispatchErrors } from './dispatch.errors.js';
import {
  type CompanyView,
  type DrillholeFilter,
  type DrillholeView,
  deleteMaster,
  drillholeView,
  findMaster,
  insertMaster,
  listCompanies,
  listDrillholes,
  listProjects,
  type MasterKind,
  type ProjectFilter,
  projectView,
  updateMaster,
} from './master-data.repo.js';
import type {
  CompanyChanges,
  CompanyCreate,
  DrillholeChanges,
  DrillholeCreate,
  ProjectChanges,
  ProjectCreate,
} from './master-data.schemas.js';

const NOT_FOUND: Record<MasterKind, () => AppError> = {
  company: DispatchErrors.companyNotFound,
  project: DispatchErrors.projectNotFound,
  drillhole: DispatchErrors.drillholeNotFound,
};

const stamped = <T extends { created_at: Date; updated_at: Date }>(row: T) => ({
  ...row,
  created_at: new Date(row.created_at).toISOString(),
  updated_at: new Date(row.updated_at).toISOString(),
});
const num = (value: string | null) => (value === null ? null : Number(value));
const numeric = (value: number | null | undefined) =>
  value === undefined ? undefined : value === null ? null : String(value);

function drillholePublic(row: DrillholeView) {
  return stamped({
    ...row,
    planned_depth: num(row.planned_depth),
    actual_depth: num(row.actual_depth),
    collar_easting: num(row.collar_easting),
    collar_northing: num(row.collar_northing),
    collar_elevation: num(row.collar_elevation),
  });
}

/**
 * Companies, projects and drillholes (seed 002): managers write, admins delete what nothing
 * refers to. Codes are unique whatever their case (a drillhole's within its project).
 */
export class MasterDataService {
  constructor(
    private readonly db: Db,
    private readonly phoneRegion: string,
  ) {}

  /** Runs a write, answering a taken name or code with `taken` instead of a database error. */
  private async write<T>(taken: () => AppError, work: (tx: DbOrTx) => Promise<T>) {
    try {
      return await this.db.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
  }

  private async audit(
    tx: DbOrTx,
    ctx: RequestCtx,
    kind: MasterKind,
    action: string,
    id: string,
    after: Record<string, unknown>,
  ) {
    await recordAudit(tx, ctx, { action: `${kind}.${action}`, entityType: kind, entityId: id, after });
  }

  /** Deletes a record nothing refers to (else 409 RECORD_IN_USE). */
  async remove(ctx: RequestCtx, kind: MasterKind, id: string): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        if (!(await deleteMaster(tx, kind, id))) throw NOT_FOUND[kind]();
        await recordAudit(tx, ctx, { action: `${kind}.delete`, entityType: kind, entityId: id });
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw DispatchErrors.inUse({ entity: kind });
      throw error;
    }
  }

  private phone(value: string | null | undefined) {
    return value ? normalizePhone(value, this.phoneRegion, 'contact_phone') : value;
  }

  async listCompanies(search: string | undefined, page: PageRequest) {
    const { rows, total } = await listCompanies(this.db, search, page);
    return toPage(rows.map(stamped), total, page);
  }

  async getCompany(id: string) {
    return companyPublic(await findMaster(this.db, 'company', id, NOT_FOUND.company));
  }

  async createCompany(ctx: RequestCtx, input: CompanyCreate) {
    const contactPhone = this.phone(input.contact_phone) ?? null;
    return this.write(
      () => DispatchErrors.companyNameTaken({ name: input.name }),
      async (tx) => {
        const row = await insertMaster(tx, 'company', {
          name: input.name.trim(),
          contactEmail: input.contact_email ?? null,
          contactPhone,
        });
        await this.audit(tx, ctx, 'company', 'create', row.id, { name: row.name });
        return companyPublic(row);
      },
    );
  }

  async updateCompany(ctx: RequestCtx, id: string, input: CompanyChanges, version?: number) {
    const contactPhone = this.phone(input.contact_phone);
    return this.write(
      () => DispatchErrors.companyNameTaken({ name: input.name ?? '' }),
      async (tx) => {
        const { after } = await updateMaster(
          tx,
          'company',
          id,
          version,
          { name: input.name?.trim(), contactEmail: input.contact_email, contactPhone },
          NOT_FOUND.company,
        );
        await this.audit(tx, ctx, 'company', 'update', id, input);
        return companyPublic(after);
      },
    );
  }

  async listProjects(filter: ProjectFilter, page: PageRequest) {
    const { rows, total } = await listProjects(this.db, filter, page);
    return toPage(rows.map(stamped), total, page);
  }

  async getProject(id: string, db: DbOrTx = this.db) {
    const row = await projectView(db, id);
    if (!row) throw DispatchErrors.projectNotFound();
    return stamped(row);
  }

  async createProject(ctx: RequestCtx, input: ProjectCreate) {
    return this.write(
      () => DispatchErrors.projectCodeTaken({ code: input.project_id }),
      async (tx) => {
        await findMaster(tx, 'company', input.company_id, NOT_FOUND.company);
        const row = await insertMaster(tx, 'project', {
          code: input.project_id.trim(),
          name: input.name.trim(),
          companyId: input.company_id,
          location: input.location?.trim() ?? '',
          status: input.status ?? 'active',
        });
        await this.audit(tx, ctx, 'project', 'create', row.id, input);
        return this.getProject(row.id, tx);
      },
    );
  }

  async updateProject(ctx: RequestCtx, id: string, input: ProjectChanges, version?: number) {
    return this.write(
      () => DispatchErrors.projectCodeTaken({ code: input.project_id ?? '' }),
      async (tx) => {
        if (input.company_id) await findMaster(tx, 'company', input.company_id, NOT_FOUND.company);
        await updateMaster(
          tx,
          'project',
          id,
          version,
          {
            code: input.project_id?.trim(),
            name: input.name?.trim(),
            companyId: input.company_id,
            location: input.location?.trim(),
            status: input.status,
          },
          NOT_FOUND.project,
        );
        await this.audit(tx, ctx, 'project', 'update', id, input);
        return this.getProject(id, tx);
      },
    );
  }

  async listDrillholes(filter: DrillholeFilter, page: PageRequest) {
    const { rows, total } = await listDrillholes(this.db, filter, page);
    return toPage(rows.map(drillholePublic), total, page);
  }

  async getDrillhole(id: string, db: DbOrTx = this.db) {
    const row = await drillholeView(db, id);
    if (!row) throw DispatchErrors.drillholeNotFound();
    return drillholePublic(row);
  }

  async createDrillhole(ctx: RequestCtx, input: DrillholeCreate) {
    return this.write(
      () => DispatchErrors.drillholeCodeTaken({ code: input.drillhole_id }),
      async (tx) => {
        await findMaster(tx, 'project', input.project_id, NOT_FOUND.project);
        const row = await insertMaster(tx, 'drillhole', {
          code: input.drillhole_id.trim(),
          projectId: input.project_id,
          plannedDepth: numeric(input.planned_depth),
          actualDepth: numeric(input.actual_depth),
          collarEasting: numeric(input.collar_easting),
          collarNorthing: numeric(input.collar_northing),
          collarElevation: numeric(input.collar_elevation),
          status: input.status ?? 'active',
        });
        await this.audit(tx, ctx, 'drillhole', 'create', row.id, input);
        return this.getDrillhole(row.id, tx);
      },
    );
  }

  async updateDrillhole(ctx: RequestCtx, id: string, input: DrillholeChanges, version?: number) {
    return this.write(
      () => DispatchErrors.drillholeCodeTaken({ code: input.drillhole_id ?? '' }),
      async (tx) => {
        if (input.project_id) await findMaster(tx, 'project', input.project_id, NOT_FOUND.project);
        await updateMaster(
          tx,
          'drillhole',
          id,
          version,
          {
            code: input.drillhole_id?.trim(),
            projectId: input.project_id,
            plannedDepth: numeric(input.planned_depth),
            actualDepth: numeric(input.actual_depth),
            collarEasting: numeric(input.collar_easting),
            collarNorthing: numeric(input.collar_northing),
            collarElevation: numeric(input.collar_elevation),
            status: input.status,
          },
          NOT_FOUND.drillhole,
        );
        await this.audit(tx, ctx, 'drillhole', 'update', id, input);
        return this.getDrillhole(id, tx);
      },
    );
  }
}

function companyPublic(row: {
  id: string;
  name: string;
  contactEmail: string | null;
  contactPhone: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}): ReturnType<typeof stamped<CompanyView>> {
  return stamped({
    id: row.id,
    name: row.name,
    contact_email: row.contactEmail,
    contact_phone: row.contactPhone,
    version: row.version,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  });
}
