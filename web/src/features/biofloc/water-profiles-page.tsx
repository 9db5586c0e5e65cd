import { useTranslation } from 'react-i18next';
import { api, type BodyOf, unwrap } from '../../api/client';
import type { FieldSpec } from '../../components/fields-form';
import { type MasterEntity, MasterSection } from '../../components/master-section';
import { useFormat } from '../../lib/format';
import type { Profile } from './queries';

const LIMITS = ['do_min', 'nh3_max', 'no2_max', 'ph_min', 'ph_max', 'floc_min', 'floc_max'] as const;

/** The water-quality limits per species (`default` for the rest) that water tests are checked against. */
export function WaterProfilesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const fields: FieldSpec[] = [
    { name: 'species', label: t('farm.batch.species') },
    ...LIMITS.map(
      (name): FieldSpec => ({ name, label: t(`farm.limits.${name}`), kind: 'number', nullable: true }),
    ),
  ];
  const entity: MasterEntity<Profile> = {
    key: 'water-profiles',
    title: t('farm.limits.title'),
    newLabel: t('farm.limits.new'),
    editLabel: t('farm.limits.edit'),
    createRoute: 'POST /api/v1/biofloc/water-quality-profiles',
    editRoute: 'PATCH /api/v1/biofloc/water-quality-profiles/{id}',
    list: async (page) =>
      unwrap(
        await api.GET('/api/v1/biofloc/water-quality-profiles', {
          params: { query: { page, page_size: 20 } },
        }),
      ),
    columns: [
      { accessorKey: 'species', header: t('farm.batch.species') },
      ...LIMITS.map((name) => ({
        id: name,
        header: t(`farm.limits.${name}`),
        cell: ({ row }: { row: { original: Profile } }) => format.number(row.original[name]),
      })),
    ],
    fields,
    // The species names the profile: it is set once, when the profile is added.
    editFields: fields.slice(1),
    valuesOf: (row) => ({
      species: row.species,
      ...Object.fromEntries(LIMITS.map((name) => [name, row[name] === null ? '' : String(row[name])])),
    }),
    nameOf: (row) => row.species,
    create: async (body, key) =>
      unwrap(
        await api.POST('/api/v1/biofloc/water-quality-profiles', {
          headers: { 'Idempotency-Key': key },
          body: body as BodyOf<'/api/v1/biofloc/water-quality-profiles', 'post'>,
        }),
      ),
    update: async (row, body) =>
      unwrap(
        await api.PATCH('/api/v1/biofloc/water-quality-profiles/{id}', {
          params: { path: { id: row.id } },
          body: {
            ...(body as BodyOf<'/api/v1/biofloc/water-quality-profiles/{id}', 'patch'>),
            version: row.version,
          },
        }),
      ),
  };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('farm.limits.title')}</h1>
      <p>{t('farm.limits.hint')}</p>
      <MasterSection entity={entity} />
    </div>
  );
}
