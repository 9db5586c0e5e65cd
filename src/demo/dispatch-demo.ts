import type { DemoState } from './demo-state.js';
import type { DemoExtension } from './extensions.js';

interface Row {
  id: string;
}

const COMPANIES = [
  {
    name: 'Carpathian Minerals Kft.',
    contact_email: 'field@carpathian.example',
    contact_phone: '+36 1 234 5678',
  },
  {
    name: 'Mátra Exploration Zrt.',
    contact_email: 'ops@matra-exploration.example',
    contact_phone: '+36 37 555 010',
  },
];
const PROJECTS = [
  { project_id: 'RK-2026', name: 'Recsk deep copper', company: 0, location: 'Recsk' },
  { project_id: 'GY-GOLD', name: 'Gyöngyösoroszi gold', company: 1, location: 'Gyöngyösoroszi' },
  { project_id: 'TK-ZN', name: 'Telkibánya zinc', company: 1, location: 'Telkibánya' },
];
const CREWS = [
  ['Kovács Péter', 'Nagy Anna'],
  ['Szabó Gábor', 'Tóth Eszter'],
  ['Horváth László', 'Varga Júlia'],
];

/**
 * Core-tray dispatch: a tray stock of 200 HQ and 150 NQ, two companies with three projects and
 * two drillholes each, and two months of dispatches to the lab, most returned in good order, one
 * short with damaged trays, some still out (for the outstanding bands), with their samples.
 */
export const dispatchDemo: DemoExtension = {
  name: 'dispatch',
  async load(state: DemoState) {
    const { client, random } = state;
    await client.call('PUT', '/dispatch/inventory', { hq: 200, nq: 150 });
    const companies: Row[] = [];
    for (const company of COMPANIES) companies.push(await client.post<Row>('/companies', company));
    const holes: { id: string; project: string; company: string; code: string; depth: number }[] = [];
    for (const plan of PROJECTS) {
      const company = companies[plan.company] as Row;
      const project = await client.post<Row>('/projects', {
        project_id: plan.project_id,
        name: plan.name,
        company_id: company.id,
        location: plan.location,
      });
      for (const n of [1, 2]) {
        const code = `${plan.project_id}-DH-00${n}`;
        const hole = await client.post<Row>('/drillholes', {
          drillhole_id: code,
          project_id: project.id,
          planned_depth: 300 + 150 * n,
        });
        holes.push({ id: hole.id, project: project.id, company: company.id, code, depth: 0 });
      }
    }
    // Every few days for two months; the last ones are still out.
    for (let i = 0; i < 14; i++) {
      const hole = holes[i % holes.length] as (typeof holes)[number];
      const [driver, technician] = CREWS[i % CREWS.length] as [string, string];
      const hq = 4 + random.int(0, 6);
      const nq = random.int(0, 4);
      const samples = 2 + random.int(0, 2);
      const day = -60 + i * 4;
      const dispatch = await client.post<Row>('/dispatches', {
        project_id: hole.project,
        drillhole_id: hole.id,
        company_id: hole.company,
        hq_boxes: hq,
        nq_boxes: nq,
        driver,
        technician,
        samples_collected: samples,
        sample_type: 'core',
        dispatch_date: state.day(day),
      });
      for (let s = 0; s < samples; s++) {
        const from = hole.depth;
        hole.depth = Math.round((from + 1.5 + random.int(0, 3)) * 100) / 100;
        await client.post('/samples', {
          sample_id: `${hole.code}-${String(i * 10 + s + 1).padStart(4, '0')}`,
          dispatch_id: dispatch.id,
          drillhole_id: hole.id,
          from_depth: from,
          to_depth: hole.depth,
          sample_type: s === samples - 1 && i % 3 === 0 ? 'duplicate' : 'core',
        });
      }
      if (day > -12) continue;
      const short = i === 5;
      await client.post(`/dispatches/${dispatch.id}/return`, {
        returned_hq: short ? hq - 1 : hq,
        returned_nq: nq,
        return_condition: short ? 'Damaged' : 'Good',
        return_date: state.day(day + 3 + random.int(0, 4)),
        return_driver: driver,
        ...(short ? { return_notes: 'One tray lost, two lids broken' } : {}),
      });
    }
  },
};
