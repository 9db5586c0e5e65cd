import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type BodyOf, unwrap } from '../../api/client';
import { bodyOf, type FieldSpec, FieldsForm, useFormPost, useValues } from '../../components/fields-form';
import { businessToday } from '../../lib/format';
import { tankOptions, useTanks } from './queries';

/** A new batch stocked into an empty tank; its page opens once it is created. */
export function BatchForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const tanks = useTanks();
  const empty = (tanks.data ?? []).filter((tank) => !tank.current_batch_id && tank.status === 'available');
  const fields: FieldSpec[] = [
    { name: 'batch_code', label: t('farm.batch.code') },
    { name: 'species', label: t('farm.batch.species') },
    {
      name: 'tank_id',
      label: t('biofloc.tank'),
      kind: 'select',
      options: tankOptions(empty, t('biofloc.empty')),
    },
    { name: 'stocking_date', label: t('farm.batch.stocked'), kind: 'date' },
    { name: 'initial_count', label: t('farm.batch.count'), kind: 'number' },
    { name: 'initial_avg_weight_g', label: t('farm.sampling.avg'), kind: 'number' },
    { name: 'source', label: t('farm.batch.source') },
    { name: 'harvest_sku', label: t('farm.batch.harvestSku') },
  ];
  const [values, setValues] = useValues(fields, { stocking_date: businessToday() });
  const post = useFormPost(
    async (key) =>
      unwrap(
        await api.POST('/api/v1/biofloc/batches', {
          headers: { 'Idempotency-Key': key },
          body: bodyOf<BodyOf<'/api/v1/biofloc/batches', 'post'>>(fields, values),
        }),
      ),
    (batch) => void navigate(`/biofloc/batches/${batch.id}`),
  );
  return (
    <FieldsForm
      id="batch"
      label={t('farm.batch.new')}
      fields={fields}
      values={values}
      onChange={setValues}
      error={post.error}
      pending={post.isPending}
      submitLabel={t('farm.batch.create')}
      onSubmit={() => post.mutate()}
    />
  );
}
