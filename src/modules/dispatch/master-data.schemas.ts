import { type Static, type TProperties, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { nullable } from '../../platform/schemas.js';
import { DRILLHOLE_STATUSES, PROJECT_STATUSES } from './dispatch.tables.js';

export const uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: uuid });
const stamp = Type.String({ format: 'date-time' });
const stamps = { version: Type.Integer(), created_at: stamp, updated_at: stamp };
const exampleStamps = {
  version: 1,
  created_at: '2026-01-15T09:30:00.000Z',
  updated_at: '2026-01-15T09:30:00.000Z',
};
const text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const metres = Type.Number({ minimum: 0, maximum: 100_000, multipleOf: 0.01 });
const coordinate = Type.Number({ minimum: -1e9, maximum: 1e9 });

/** Every field optional, plus the version read: a PUT/PATCH body. */
function changesOf<T extends TProperties>(fields: T, example: object) {
  return Type.Partial(Type.Object({ ...fields, version: Type.Integer({ minimum: 1 }) }), {
    minProperties: 1,
    examples: [{ ...example, version: 1 }],
  });
}

const companyFields = {
  name: text(200),
  contact_email: Type.Optional(nullable(Type.String({ format: 'email', maxLength: 254 }))),
  contact_phone: Type.Optional(
    nullable(Type.String({ maxLength: 40, description: 'Any common format; stored as E.164' })),
  ),
};
const companyExample = {
  name: 'Carpathian Minerals Kft.',
  contact_email: 'field@carpathian.example.hu',
  contact_phone: '+36301234567',
};
export const CompanyCreate = Type.Object(companyFields, { examples: [companyExample] });
export type CompanyCreate = Static<typeof CompanyCreate>;
export const CompanyChanges = changesOf(companyFields, { contact_phone: '+36 1 234 5678' });
export type CompanyChanges = Omit<Static<typeof CompanyChanges>, 'version'>;
const companyPublicExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9eb0',
  ...companyExample,
  ...exampleStamps,
};
export const CompanyPublic = Type.Object(
  {
    id: uuid,
    name: Type.String(),
    contact_email: nullable(Type.String()),
    contact_phone: nullable(Type.String()),
    ...stamps,
  },
  { examples: [companyPublicExample] },
);
export const CompanyList = PageOf(CompanyPublic, companyPublicExample);
export const CompanyQuery = Type.Intersect([
  PageQuery,
  Type.Object({ search: Type.Optional(Type.String({ maxLength: 100 })) }),
]);

const projectStatus = Type.Enum([...PROJECT_STATUSES]);
const projectFields = {
  project_id: text(64),
  name: text(200),
  company_id: uuid,
  location: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(projectStatus),
};
const projectExample = {
  project_id: 'RK-2026',
  name: 'Recsk deep copper',
  company_id: companyPublicExample.id,
  location: 'Recsk, Heves',
  status: 'active',
};
export const ProjectCreate = Type.Object(projectFields, { examples: [projectExample] });
export type ProjectCreate = Static<typeof ProjectCreate>;
export const ProjectChanges = changesOf(projectFields, { status: 'completed' });
export type ProjectChanges = Omit<Static<typeof ProjectChanges>, 'version'>;
const projectPublicExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9eb1',
  ...projectExample,
  company_name: companyExample.name,
  drillhole_count: 3,
  dispatch_count: 12,
  ...exampleStamps,
};
export const ProjectPublic = Type.Object(
  {
    id: uuid,
    project_id: Type.String(),
    name: Type.String(),
    company_id: uuid,
    company_name: Type.String(),
    location: Type.String(),
    status: Type.String({ description: PROJECT_STATUSES.join(' | ') }),
    drillhole_count: Type.Integer(),
    dispatch_count: Type.Integer(),
    ...stamps,
  },
  { examples: [projectPublicExample] },
);
export const ProjectList = PageOf(ProjectPublic, projectPublicExample);
export const ProjectQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    company_id: Type.Optional(uuid),
    status: Type.Optional(projectStatus),
    status_filter: Type.Optional(projectStatus),
  }),
]);

const drillholeStatus = Type.Enum([...DRILLHOLE_STATUSES]);
const drillholeFields = {
  drillhole_id: text(64),
  project_id: uuid,
  planned_depth: Type.Optional(nullable(metres)),
  actual_depth: Type.Optional(nullable(metres)),
  collar_easting: Type.Optional(nullable(coordinate)),
  collar_northing: Type.Optional(nullable(coordinate)),
  collar_elevation: Type.Optional(nullable(coordinate)),
  status: Type.Optional(drillholeStatus),
};
const drillholeExample = {
  drillhole_id: 'RK-DH-001',
  project_id: projectPublicExample.id,
  planned_depth: 450,
  actual_depth: 312.5,
  collar_easting: 745_210.5,
  collar_northing: 283_114.2,
  collar_elevation: 412.8,
  status: 'active',
};
export const DrillholeCreate = Type.Object(drillholeFields, { examples: [drillholeExample] });
export type DrillholeCreate = Static<typeof DrillholeCreate>;
export const DrillholeChanges = changesOf(drillholeFields, { actual_depth: 450, status: 'completed' });
export type DrillholeChanges = Omit<Static<typeof DrillholeChanges>, 'version'>;
const drillholePublicExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9eb2',
  ...drillholeExample,
  project_name: projectExample.name,
  dispatch_count: 4,
  ...exampleStamps,
};
const depth = nullable(Type.Number());
export const DrillholePublic = Type.Object(
  {
    id: uuid,
    drillhole_id: Type.String(),
    project_id: uuid,
    project_name: Type.String(),
    planned_depth: depth,
    actual_depth: depth,
    collar_easting: depth,
    collar_northing: depth,
    collar_elevation: depth,
    status: Type.String({ description: DRILLHOLE_STATUSES.join(' | ') }),
    dispatch_count: Type.Integer(),
    ...stamps,
  },
  { examples: [drillholePublicExample] },
);
export const DrillholeList = PageOf(DrillholePublic, drillholePublicExample);
export const DrillholeQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    project_id: Type.Optional(uuid),
    status: Type.Optional(drillholeStatus),
    status_filter: Type.Optional(drillholeStatus),
  }),
]);
