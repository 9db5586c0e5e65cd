import { useTranslation } from 'react-i18next';
import { api, type BodyOf, unwrap } from '../../api/client';
import { bodyOf, type FieldSpec, FieldsForm, useFormPost, useValues } from '../../components/fields-form';
import { Alert } from '../../components/ui/alert';
import { businessToday, useFormat } from '../../lib/format';

/** A weighing of a sample of a batch's fish: the new average weight, and from it the biomass. */
export function SamplingForm({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fields: FieldSpec[] = [
    { name: 'sample_date', label: t('biofloc.date'), kind: 'date' },
    { name: 'sample_size', label: t('farm.sampling.size'), kind: 'number' },
    { name: 'avg_weight_g', label: t('farm.sampling.avg'), kind: 'number' },
    { name: 'min_weight_g', label: t('farm.sampling.min'), kind: 'number' },
    { name: 'max_weight_g', label: t('farm.sampling.max'), kind: 'number' },
    { name: 'avg_length_cm', label: t('farm.sampling.length'), kind: 'number' },
  ];
  const [values, setValues] = useValues(fields, { sample_date: businessToday() });
  const post = useFormPost(async (key) =>
    unwrap(
      await api.POST('/api/v1/biofloc/sampling', {
        headers: { 'Idempotency-Key': key },
        body: { ...bodyOf<BodyOf<'/api/v1/biofloc/sampling', 'post'>>(fields, values), batch_id: batchId },
      }),
    ),
  );
  return (
    <FieldsForm
      id="sampling"
      label={t('farm.sampling.title')}
      fields={fields}
      values={values}
      onChange={setValues}
      error={post.error}
      pending={post.isPending}
      submitLabel={t('farm.sampling.post')}
      onSubmit={() => post.mutate()}
    >
      {post.data ? (
        <Alert variant="success">
          {t('farm.sampling.done', {
            weight: format.number(post.data.avg_weight_g),
            biomass: format.number(post.data.biomass_kg),
          })}
        </Alert>
      ) : null}
    </FieldsForm>
  );
}
