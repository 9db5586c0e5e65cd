import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { createSite, seedDispatch } from '../../helpers/dispatch.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';

let t: Fixture<['manager', 'warehouse']>;
let manager: ApiUser;
let operator: ApiUser;

beforeAll(async () => {
  t = await setupApp({ users: ['manager', 'warehouse'] });
  [manager, operator] = t.users;
});
afterAll(() => t.close());

describe('companies, projects, drillholes', () => {
  it('a company: phone stored as E.164, name unique whatever its case, e-mail validated', async () => {
    const company = bodyOf(
      await manager.api.post('/api/v1/companies', {
        name: 'Mátra Drilling Zrt.',
        contact_email: 'info@matra.example.hu',
        contact_phone: '06 30 123 4567',
      }),
      201,
    );
    expect(company.contact_phone).toBe('+36301234567');
    const twin = await manager.api.post('/api/v1/companies', { name: 'MÁTRA drilling zrt.' });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().error_code).toBe('COMPANY_NAME_TAKEN');
    const email = await manager.api.post('/api/v1/companies', { name: 'X', contact_email: 'not-mail' });
    expect(email.statusCode).toBe(422);
    const phone = await manager.api.post(
      '/api/v1/companies',
      { name: 'Y', contact_phone: '12' },
      {
        'accept-language': 'hu',
      },
    );
    expect(phone.statusCode).toBe(422);
    expect(phone.json().errors).toEqual([{ field: 'contact_phone', message: 'érvénytelen telefonszám' }]);
    expect((await operator.api.post('/api/v1/companies', { name: 'Z' })).statusCode).toBe(403);
  });

  it('project detail adds company name, drillhole and dispatch counts; filters by company and status', async () => {
    const site = await createSite(manager.api, 'Recsk Ércbánya Kft.');
    bodyOf(await manager.api.put('/api/v1/dispatch/inventory', { hq: 5, nq: 5 }));
    bodyOf(await operator.api.post('/api/v1/dispatches', seedDispatch(site, 1, 1)), 201);
    const project = bodyOf(await manager.api.get(`/api/v1/projects/${site.projectId}`));
    expect(project).toMatchObject({
      company_name: 'Recsk Ércbánya Kft.',
      drillhole_count: 1,
      dispatch_count: 1,
      status: 'active',
    });
    const byCompany = bodyOf(await manager.api.get(`/api/v1/projects?company_id=${site.companyId}`));
    expect(byCompany.total).toBe(1);
    const completed = bodyOf(await manager.api.get('/api/v1/projects?status_filter=completed'));
    expect(completed.total).toBe(0);
    const holes = bodyOf(await manager.api.get(`/api/v1/drillholes?project_id=${site.projectId}`));
    expect(holes.items).toEqual([
      expect.objectContaining({ project_name: project.name, dispatch_count: 1, planned_depth: 400 }),
    ]);
  });

  it('a project id is unique (409); a drillhole id is unique within its project only', async () => {
    const site = await createSite(manager.api);
    const company = bodyOf(await manager.api.get(`/api/v1/companies/${site.companyId}`));
    const project = bodyOf(await manager.api.get(`/api/v1/projects/${site.projectId}`));
    const dup = await manager.api.post('/api/v1/projects', {
      project_id: project.project_id.toLowerCase(),
      name: 'Again',
      company_id: company.id,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error_code).toBe('PROJECT_ID_TAKEN');
    const hole = bodyOf(await manager.api.get(`/api/v1/drillholes/${site.drillholeId}`));
    const sameProject = await manager.api.post('/api/v1/drillholes', {
      drillhole_id: hole.drillhole_id,
      project_id: site.projectId,
    });
    expect(sameProject.json().error_code).toBe('DRILLHOLE_ID_TAKEN');
    const other = await createSite(manager.api);
    bodyOf(
      await manager.api.post('/api/v1/drillholes', {
        drillhole_id: hole.drillhole_id,
        project_id: other.projectId,
      }),
      201,
    );
  });

  it('edits carry a version (stale → 412); admins delete only what nothing refers to', async () => {
    const site = await createSite(manager.api);
    const hole = bodyOf(await manager.api.get(`/api/v1/drillholes/${site.drillholeId}`));
    const done = bodyOf(
      await manager.api.patch(`/api/v1/drillholes/${hole.id}`, {
        actual_depth: 412.35,
        status: 'completed',
        version: hole.version,
      }),
    );
    expect(done).toMatchObject({ actual_depth: 412.35, status: 'completed', version: 2 });
    const stale = await manager.api.put(`/api/v1/drillholes/${hole.id}`, { status: 'abandoned', version: 1 });
    expect(stale.statusCode).toBe(412);
    expect((await manager.api.delete(`/api/v1/companies/${site.companyId}`)).statusCode).toBe(403);
    const inUse = await t.admin.delete(`/api/v1/companies/${site.companyId}`, undefined, {
      'accept-language': 'hu',
    });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({
      error_code: 'RECORD_IN_USE',
      detail: 'A(z) cég nem törölhető: más rekordok hivatkoznak rá.',
    });
    expect((await t.admin.delete(`/api/v1/drillholes/${hole.id}`)).statusCode).toBe(204);
    expect((await t.admin.delete(`/api/v1/projects/${site.projectId}`)).statusCode).toBe(204);
    expect((await t.admin.delete(`/api/v1/companies/${site.companyId}`)).statusCode).toBe(204);
    expect((await manager.api.get(`/api/v1/companies/${site.companyId}`)).statusCode).toBe(404);
  });

  it('a dispatch may name the project and drillhole by their codes, as seed clients do', async () => {
    const site = await createSite(manager.api);
    const project = bodyOf(await manager.api.get(`/api/v1/projects/${site.projectId}`));
    const hole = bodyOf(await manager.api.get(`/api/v1/drillholes/${site.drillholeId}`));
    const created = bodyOf(
      await operator.api.post('/api/v1/dispatches', {
        ...seedDispatch(site, 1, 0),
        project_id: project.project_id,
        drillhole_id: hole.drillhole_id,
        company_id: undefined,
      }),
      201,
    );
    expect(created).toMatchObject({
      project_id: site.projectId,
      drillhole_id: site.drillholeId,
      company_id: site.companyId,
    });
  });
});
