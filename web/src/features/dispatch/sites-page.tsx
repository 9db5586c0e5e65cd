import { useTranslation } from 'react-i18next';
import { api, type BodyOf, unwrap } from '../../api/client';
import type { FieldSpec } from '../../components/fields-form';
import { type MasterEntity, MasterSection } from '../../components/master-section';
import { useFormat } from '../../lib/format';
import { type Company, type Drillhole, type Project, useCompanyChoices, useProjectChoices } from './queries';

const PAGE_SIZE = 20;
const PROJECT_STATUSES = ['active', 'inactive', 'completed'] as const;
const DRILLHOLE_STATUSES = ['active', 'completed', 'abandoned'] as const;
const DEPTHS = [
  'planned_depth',
  'actual_depth',
  'collar_easting',
  'collar_northing',
  'collar_elevation',
] as const;

function text(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function useCompanies(): MasterEntity<Company> {
  const { t } = useTranslation();
  const fields: FieldSpec[] = [
    { name: 'name', label: t('drill.fields.name') },
    { name: 'contact_email', label: t('drill.fields.contact_email'), nullable: true },
    { name: 'contact_phone', label: t('drill.fields.contact_phone'), nullable: true },
  ];
  return {
    key: 'companies',
    title: t('drill.companies'),
    newLabel: t('drill.newCompany'),
    editLabel: t('drill.editCompany'),
    createRoute: 'POST /api/v1/companies',
    editRoute: 'PATCH /api/v1/companies/{id}',
    list: async (page) =>
      unwrap(await api.GET('/api/v1/companies', { params: { query: { page, page_size: PAGE_SIZE } } })),
    columns: [
      { accessorKey: 'name', header: t('drill.fields.name') },
      {
        id: 'email',
        header: t('drill.fields.contact_email'),
        cell: ({ row }) => row.original.contact_email ?? '—',
      },
      {
        id: 'phone',
        header: t('drill.fields.contact_phone'),
        cell: ({ row }) => row.original.contact_phone ?? '—',
      },
    ],
    fields,
    valuesOf: (row) => ({
      name: row.name,
      contact_email: text(row.contact_email),
      contact_phone: text(row.contact_phone),
    }),
    nameOf: (row) => row.name,
    create: async (body, key) =>
      unwrap(
        await api.POST('/api/v1/companies', {
          headers: { 'Idempotency-Key': key },
          body: body as BodyOf<'/api/v1/companies', 'post'>,
        }),
      ),
    update: async (row, body) =>
      unwrap(
        await api.PATCH('/api/v1/companies/{id}', {
          params: { path: { id: row.id } },
          body: { ...body, version: row.version },
        }),
      ),
  };
}

function useProjects(): MasterEntity<Project> {
  const { t } = useTranslation();
  const companies = useCompanyChoices();
  const fields: FieldSpec[] = [
    { name: 'project_id', label: t('drill.fields.project_id') },
    { name: 'name', label: t('drill.fields.name') },
    {
      name: 'company_id',
      label: t('drill.fields.company'),
      kind: 'select',
      options: (companies.data ?? []).map((c) => ({ value: c.id, label: c.name })),
    },
    { name: 'location', label: t('drill.fields.location') },
    {
      name: 'status',
      label: t('common.status'),
      kind: 'select',
      options: PROJECT_STATUSES.map((s) => ({ value: s, label: t(`drill.statuses.${s}`) })),
    },
  ];
  return {
    key: 'projects',
    title: t('drill.projects'),
    newLabel: t('drill.newProject'),
    editLabel: t('drill.editProject'),
    createRoute: 'POST /api/v1/projects',
    editRoute: 'PATCH /api/v1/projects/{id}',
    list: async (page) =>
      unwrap(await api.GET('/api/v1/projects', { params: { query: { page, page_size: PAGE_SIZE } } })),
    columns: [
      { accessorKey: 'project_id', header: t('drill.fields.project_id') },
      { accessorKey: 'name', header: t('drill.fields.name') },
      { accessorKey: 'company_name', header: t('drill.fields.company') },
      { accessorKey: 'location', header: t('drill.fields.location') },
      {
        id: 'status',
        header: t('common.status'),
        cell: ({ row }) => t(`drill.statuses.${row.original.status}`),
      },
      { accessorKey: 'drillhole_count', header: t('drill.drillholeCount') },
    ],
    fields,
    valuesOf: (row) => ({
      project_id: row.project_id,
      name: row.name,
      company_id: row.company_id,
      location: row.location,
      status: row.status,
    }),
    nameOf: (row) => row.project_id,
    create: async (body, key) =>
      unwrap(
        await api.POST('/api/v1/projects', {
          headers: { 'Idempotency-Key': key },
          body: body as BodyOf<'/api/v1/projects', 'post'>,
        }),
      ),
    update: async (row, body) =>
      unwrap(
        await api.PATCH('/api/v1/projects/{id}', {
          params: { path: { id: row.id } },
          body: { ...(body as BodyOf<'/api/v1/projects/{id}', 'patch'>), version: row.version },
        }),
      ),
  };
}

function useDrillholes(): MasterEntity<Drillhole> {
  const { t } = useTranslation();
  const format = useFormat();
  const projects = useProjectChoices();
  const fields: FieldSpec[] = [
    { name: 'drillhole_id', label: t('drill.fields.drillhole_id') },
    {
      name: 'project_id',
      label: t('drill.fields.project'),
      kind: 'select',
      options: (projects.data ?? []).map((p) => ({ value: p.id, label: `${p.project_id} · ${p.name}` })),
    },
    ...DEPTHS.map(
      (name): FieldSpec => ({ name, label: t(`drill.fields.${name}`), kind: 'number', nullable: true }),
    ),
    {
      name: 'status',
      label: t('common.status'),
      kind: 'select',
      options: DRILLHOLE_STATUSES.map((s) => ({ value: s, label: t(`drill.statuses.${s}`) })),
    },
  ];
  return {
    key: 'drillholes',
    title: t('drill.drillholes'),
    newLabel: t('drill.newDrillhole'),
    editLabel: t('drill.editDrillhole'),
    createRoute: 'POST /api/v1/drillholes',
    editRoute: 'PATCH /api/v1/drillholes/{id}',
    list: async (page) =>
      unwrap(await api.GET('/api/v1/drillholes', { params: { query: { page, page_size: PAGE_SIZE } } })),
    columns: [
      { accessorKey: 'drillhole_id', header: t('drill.fields.drillhole_id') },
      { accessorKey: 'project_name', header: t('drill.fields.project') },
      {
        id: 'depth',
        header: t('drill.fields.planned_depth'),
        cell: ({ row }) => format.number(row.original.planned_depth),
      },
      {
        id: 'status',
        header: t('common.status'),
        cell: ({ row }) => t(`drill.statuses.${row.original.status}`),
      },
      { accessorKey: 'dispatch_count', header: t('drill.dispatchCount') },
    ],
    fields,
    valuesOf: (row) => ({
      drillhole_id: row.drillhole_id,
      project_id: row.project_id,
      status: row.status,
      ...Object.fromEntries(DEPTHS.map((name) => [name, text(row[name])])),
    }),
    nameOf: (row) => row.drillhole_id,
    create: async (body, key) =>
      unwrap(
        await api.POST('/api/v1/drillholes', {
          headers: { 'Idempotency-Key': key },
          body: body as BodyOf<'/api/v1/drillholes', 'post'>,
        }),
      ),
    update: async (row, body) =>
      unwrap(
        await api.PATCH('/api/v1/drillholes/{id}', {
          params: { path: { id: row.id } },
          body: { ...(body as BodyOf<'/api/v1/drillholes/{id}', 'patch'>), version: row.version },
        }),
      ),
  };
}

/** Companies, their projects and the projects' drillholes: the places trays are dispatched to. */
export function SitesPage() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('drill.sitesTitle')}</h1>
      <MasterSection entity={useCompanies()} />
      <MasterSection entity={useProjects()} />
      <MasterSection entity={useDrillholes()} />
    </div>
  );
}
