import { useTranslation } from 'react-i18next';
import { api, type BodyOf, unwrap } from '../../api/client';
import {
  bodyOf,
  type FieldSpec,
  FieldsForm,
  SaveForm,
  useFormPost,
  useValues,
} from '../../components/fields-form';
import { Alert } from '../../components/ui/alert';
import type { Dispatch, Sample } from './queries';

export const SAMPLE_TYPES = [
  'core',
  'assay',
  'geochemical',
  'mineralogy',
  'duplicate',
  'standard',
  'blank',
] as const;
export const SAMPLE_STATUSES = ['collected', 'processing', 'completed'] as const;

/** A new sample of a dispatch: its id, the depth interval and the type. */
export function SampleForm({ dispatches, dispatchId }: { dispatches: Dispatch[]; dispatchId: string }) {
  const { t } = useTranslation();
  const fields: FieldSpec[] = [
    { name: 'sample_id', label: t('samples.fields.sample_id') },
    {
      name: 'dispatch_id',
      label: t('samples.fields.dispatch'),
      kind: 'select',
      options: dispatches.map((d) => ({ value: d.id, label: `${d.dispatch_number} · ${d.drillhole_name}` })),
    },
    { name: 'from_depth', label: t('samples.fields.from_depth'), kind: 'number' },
    { name: 'to_depth', label: t('samples.fields.to_depth'), kind: 'number' },
    {
      name: 'sample_type',
      label: t('samples.fields.sample_type'),
      kind: 'select',
      options: SAMPLE_TYPES.map((s) => ({ value: s, label: t(`samples.types.${s}`) })),
    },
    { name: 'notes', label: t('trays.notes') },
  ];
  const [values, setValues] = useValues(fields, { dispatch_id: dispatchId, sample_type: 'core' });
  const create = useFormPost(
    async (key) =>
      unwrap(
        await api.POST('/api/v1/samples', {
          headers: { 'Idempotency-Key': key },
          body: bodyOf<BodyOf<'/api/v1/samples', 'post'>>(fields, values),
        }),
      ),
    () => setValues({ ...values, sample_id: '', from_depth: values.to_depth ?? '', to_depth: '', notes: '' }),
  );
  return (
    <FieldsForm
      id="sample"
      label={t('samples.new')}
      fields={fields}
      values={values}
      onChange={setValues}
      error={create.error}
      pending={create.isPending}
      submitLabel={t('samples.add')}
      onSubmit={() => create.mutate()}
    >
      {create.data ? (
        <Alert variant="success">{t('samples.added', { id: create.data.sample_id })}</Alert>
      ) : null}
    </FieldsForm>
  );
}

/** A sample moved on (collected → processing → completed) or its notes changed; stale → reload. */
export function SampleEditForm({ sample, onDone }: { sample: Sample; onDone: () => void }) {
  const { t } = useTranslation();
  const fields: FieldSpec[] = [
    {
      name: 'status',
      label: t('common.status'),
      kind: 'select',
      options: SAMPLE_STATUSES.map((s) => ({ value: s, label: t(`samples.statuses.${s}`) })),
    },
    { name: 'notes', label: t('trays.notes') },
  ];
  return (
    <SaveForm
      id="sample-edit"
      className="grid gap-3"
      fields={fields}
      initial={{ status: sample.status, notes: sample.notes }}
      save={async (values) =>
        unwrap(
          await api.PATCH('/api/v1/samples/{id}', {
            params: { path: { id: sample.id } },
            body: {
              ...bodyOf<BodyOf<'/api/v1/samples/{id}', 'patch'>>(fields, values),
              notes: values.notes ?? '',
              version: sample.version,
            },
          }),
        )
      }
      onDone={onDone}
    />
  );
}
