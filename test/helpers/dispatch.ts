import type { Api } from './api.js';
import { bodyOf } from './api.js';

/** A company with a project and a drillhole, created by `manager`: what a dispatch names. */
export interface Site {
  companyId: string;
  projectId: string;
  drillholeId: string;
}

let counter = 0;

export async function createSite(manager: Api, companyName?: string): Promise<Site> {
  counter += 1;
  const company = bodyOf(
    await manager.post('/api/v1/companies', {
      name: companyName ?? `Company ${counter}`,
      contact_email: `field${counter}@example.hu`,
      contact_phone: '06 30 123 4567',
    }),
    201,
  );
  const project = bodyOf(
    await manager.post('/api/v1/projects', {
      project_id: `PRJ-${counter}`,
      name: `Project ${counter}`,
      company_id: company.id,
      location: 'Recsk',
    }),
    201,
  );
  const drillhole = bodyOf(
    await manager.post('/api/v1/drillholes', {
      drillhole_id: `DH-${counter}`,
      project_id: project.id,
      planned_depth: 400,
    }),
    201,
  );
  return { companyId: company.id, projectId: project.id, drillholeId: drillhole.id };
}

/** The seed client's dispatch body for `site`. */
export function seedDispatch(site: Site, hq: number, nq: number, extra: Record<string, unknown> = {}) {
  return {
    project_id: site.projectId,
    drillhole_id: site.drillholeId,
    company_id: site.companyId,
    hq_boxes: hq,
    nq_boxes: nq,
    driver: 'Kovács Péter',
    technician: 'Nagy Anna',
    samples_collected: 12,
    sample_type: 'core',
    ...extra,
  };
}
