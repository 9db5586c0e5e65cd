import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess, Roles } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { createRoute, deleteRoute, getRoute, listRoute, updateRoute } from '../../platform/route-helpers.js';
import {
  CompanyChanges,
  CompanyCreate,
  CompanyList,
  CompanyPublic,
  CompanyQuery,
  DrillholeChanges,
  DrillholeCreate,
  DrillholeList,
  DrillholePublic,
  DrillholeQuery,
  IdParams,
  ProjectChanges,
  ProjectCreate,
  ProjectList,
  ProjectPublic,
  ProjectQuery,
} from './master-data.schemas.js';
import type { MasterDataService } from './master-data.service.js';

const { read, manage } = moduleAccess('dispatch');
const admin = { access: { roles: Roles.admin, module: 'dispatch' } };
type Options = { master: MasterDataService };

export const companiesRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { master }) => {
  const tags = ['companies'];
  createRoute(app, {
    config: manage,
    tags,
    summary: 'Create a company',
    body: CompanyCreate,
    response: CompanyPublic,
    create: (ctx, body) => master.createCompany(ctx, body),
  });
  listRoute(app, {
    config: read,
    tags,
    summary: 'List companies',
    querystring: CompanyQuery,
    response: CompanyList,
    list: (q) => master.listCompanies(q.search, pageRequest(q)),
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a company',
    params: IdParams,
    response: CompanyPublic,
    get: ({ id }) => master.getCompany(id),
  });
  updateRoute(app, {
    config: manage,
    tags,
    summary: 'Change a company (version or If-Match; stale → 412)',
    params: IdParams,
    body: CompanyChanges,
    response: CompanyPublic,
    update: (ctx, id, changes, version) => master.updateCompany(ctx, id, changes, version),
  });
  deleteRoute(app, {
    config: admin,
    tags,
    summary: 'Delete a company nothing refers to',
    params: IdParams,
    remove: (ctx, { id }) => master.remove(ctx, 'company', id),
  });
};

export const projectsRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { master }) => {
  const tags = ['projects'];
  createRoute(app, {
    config: manage,
    tags,
    summary: 'Create a project of a company',
    body: ProjectCreate,
    response: ProjectPublic,
    create: (ctx, body) => master.createProject(ctx, body),
  });
  listRoute(app, {
    config: read,
    tags,
    summary: 'List projects with their drillhole and dispatch counts',
    querystring: ProjectQuery,
    response: ProjectList,
    list: (q) =>
      master.listProjects({ companyId: q.company_id, status: q.status ?? q.status_filter }, pageRequest(q)),
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a project with its company name, drillhole and dispatch counts',
    params: IdParams,
    response: ProjectPublic,
    get: ({ id }) => master.getProject(id),
  });
  updateRoute(app, {
    config: manage,
    tags,
    summary: 'Change a project (version or If-Match; stale → 412)',
    params: IdParams,
    body: ProjectChanges,
    response: ProjectPublic,
    update: (ctx, id, changes, version) => master.updateProject(ctx, id, changes, version),
  });
  deleteRoute(app, {
    config: admin,
    tags,
    summary: 'Delete a project nothing refers to',
    params: IdParams,
    remove: (ctx, { id }) => master.remove(ctx, 'project', id),
  });
};

export const drillholesRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { master }) => {
  const tags = ['drillholes'];
  createRoute(app, {
    config: manage,
    tags,
    summary: 'Create a drillhole in a project',
    body: DrillholeCreate,
    response: DrillholePublic,
    create: (ctx, body) => master.createDrillhole(ctx, body),
  });
  listRoute(app, {
    config: read,
    tags,
    summary: 'List drillholes with their project name and dispatch count',
    querystring: DrillholeQuery,
    response: DrillholeList,
    list: (q) =>
      master.listDrillholes({ projectId: q.project_id, status: q.status ?? q.status_filter }, pageRequest(q)),
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a drillhole',
    params: IdParams,
    response: DrillholePublic,
    get: ({ id }) => master.getDrillhole(id),
  });
  updateRoute(app, {
    config: manage,
    tags,
    summary: 'Change a drillhole (version or If-Match; stale → 412)',
    params: IdParams,
    body: DrillholeChanges,
    response: DrillholePublic,
    update: (ctx, id, changes, version) => master.updateDrillhole(ctx, id, changes, version),
  });
  deleteRoute(app, {
    config: admin,
    tags,
    summary: 'Delete a drillhole nothing refers to',
    params: IdParams,
    remove: (ctx, { id }) => master.remove(ctx, 'drillhole', id),
  });
};
