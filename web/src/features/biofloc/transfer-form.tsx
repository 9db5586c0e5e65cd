import { useTranslation } from 'react-i18next';
import { api, type BodyOf, unwrap } from '../../api/client';
import { bodyOf, type FieldSpec, FieldsForm, useFormPost, useValues } from '../../components/fields-form';
import { businessToday } from '../../lib/format';
import { type Batch, tankOptions, useTanks } from './queries';

const REASONS = ['growth_transfer', 'maintenance', 'harvest', 'manual', 'other'] as const;

/** A batch moved to another (empty) tank, whole. */
export function TransferForm({ batch }: { batch: Batch }) {
  const { t } = useTranslation();
  const tanks = useTanks();
  const free = (tanks.data ?? []).filter(
    (tank) => tank.id !== batch.current_tank_id && !tank.current_batch_id,
  );
  const fields: FieldSpec[] = [
    {
      name: 'to_tank_id',
      label: t('farm.transfer.to'),
      kind: 'select',
      options: tankOptions(free, t('biofloc.empty')),
    },
    { name: 'transfer_date', label: t('biofloc.date'), kind: 'date' },
    {
      name: 'transfer_reason',
      label: t('farm.transfer.reason'),
      kind: 'select',
      options: REASONS.map((reason) => ({ value: reason, label: t(`farm.transfer.reasons.${reason}`) })),
    },
  ];
  const [values, setValues] = useValues(fields, {
    transfer_date: businessToday(),
    transfer_reason: 'growth_transfer',
  });
  const post = useFormPost(async (key) =>
    unwrap(
      await api.POST('/api/v1/biofloc/batches/{id}/transfer', {
        headers: { 'Idempotency-Key': key },
        params: { path: { id: batch.id } },
        body: bodyOf<BodyOf<'/api/v1/biofloc/batches/{id}/transfer', 'post'>>(fields, values),
      }),
    ),
  );
  return (
    <FieldsForm
      id="transfer"
      label={t('farm.transfer.title')}
      fields={fields}
      values={values}
      onChange={setValues}
      error={post.error}
      pending={post.isPending}
      submitLabel={t('farm.transfer.post')}
      onSubmit={() => post.mutate()}
    />
  );
}
