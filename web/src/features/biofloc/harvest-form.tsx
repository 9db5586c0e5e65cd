import { useTranslation } from 'react-i18next';
import { api, type BodyOf, unwrap } from '../../api/client';
import { bodyOf, type FieldSpec, FieldsForm, useFormPost, useValues } from '../../components/fields-form';
import { Alert } from '../../components/ui/alert';
import { businessToday, useFormat } from '../../lib/format';

/** Fish taken out and received into stock by weight; a complete harvest closes the batch and frees its tank. */
export function HarvestForm({
  batchId,
  onDone,
}: {
  batchId: string;
  /** Told what was received: a complete harvest closes the batch, and its page drops the forms. */
  onDone?: (message: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const fields: FieldSpec[] = [
    { name: 'harvest_date', label: t('biofloc.date'), kind: 'date' },
    {
      name: 'harvest_type',
      label: t('farm.harvest.type'),
      kind: 'select',
      options: (['partial', 'complete'] as const).map((type) => ({
        value: type,
        label: t(`farm.harvest.types.${type}`),
      })),
    },
    { name: 'fish_count', label: t('farm.harvest.count'), kind: 'number' },
    { name: 'total_weight_kg', label: t('farm.harvest.kg'), kind: 'number' },
    { name: 'grade', label: t('farm.harvest.grade') },
    { name: 'buyer', label: t('farm.harvest.buyer') },
    { name: 'price_per_kg', label: t('farm.harvest.price'), kind: 'number' },
  ];
  const [values, setValues] = useValues(fields, { harvest_date: businessToday(), harvest_type: 'partial' });
  const post = useFormPost(
    async (key) =>
      unwrap(
        await api.POST('/api/v1/biofloc/harvests', {
          headers: { 'Idempotency-Key': key },
          body: { ...bodyOf<BodyOf<'/api/v1/biofloc/harvests', 'post'>>(fields, values), batch_id: batchId },
        }),
      ),
    (result) =>
      onDone?.(
        t('farm.harvest.done', {
          kg: format.number(result.total_weight_kg),
          lot: result.lot_number,
          revenue: format.number(result.revenue),
        }),
      ),
  );
  return (
    <FieldsForm
      id="harvest"
      label={t('farm.harvest.title')}
      fields={fields}
      values={values}
      onChange={setValues}
      error={post.error}
      pending={post.isPending}
      submitLabel={t('farm.harvest.post')}
      onSubmit={() => post.mutate()}
    >
      {post.data && !onDone ? (
        <Alert variant="success">
          {t('farm.harvest.done', {
            kg: format.number(post.data.total_weight_kg),
            lot: post.data.lot_number,
            revenue: format.number(post.data.revenue),
          })}
        </Alert>
      ) : null}
    </FieldsForm>
  );
}
