import { useTranslation } from 'react-i18next';
import { api, type BodyOf, unwrap } from '../../api/client';
import { bodyOf, type FieldSpec, FieldsForm, useFormPost, useValues } from '../../components/fields-form';
import { Alert } from '../../components/ui/alert';
import { businessToday, useFormat } from '../../lib/format';
import { CarbonDose } from './carbon-dose';
import { type Tank, tankOptions } from './queries';

const INPUT_TYPES = ['chemical', 'probiotic', 'carbon_source', 'mineral', 'other'] as const;

/** Something put into a tank's water (probiotic, carbon source, lime…), issued from stock by SKU. */
export function TankInputForm({ tanks, tankId }: { tanks: Tank[]; tankId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fields: FieldSpec[] = [
    {
      name: 'tank_id',
      label: t('biofloc.tank'),
      kind: 'select',
      options: tankOptions(tanks, t('biofloc.empty')),
    },
    { name: 'input_date', label: t('biofloc.date'), kind: 'date' },
    {
      name: 'input_type',
      label: t('farm.input.type'),
      kind: 'select',
      options: INPUT_TYPES.map((type) => ({ value: type, label: t(`farm.input.types.${type}`) })),
    },
    { name: 'item_sku', label: t('farm.input.sku') },
    { name: 'quantity', label: t('farm.input.quantity'), kind: 'number' },
    { name: 'unit', label: t('farm.input.unit') },
    { name: 'reason', label: t('farm.input.reason') },
  ];
  const [values, setValues] = useValues(fields, { tank_id: tankId, input_date: businessToday(), unit: 'kg' });
  const post = useFormPost(
    async (key) =>
      unwrap(
        await api.POST('/api/v1/biofloc/tank-inputs', {
          headers: { 'Idempotency-Key': key },
          body: bodyOf<BodyOf<'/api/v1/biofloc/tank-inputs', 'post'>>(fields, values),
        }),
      ),
    () => setValues({ ...values, quantity: '', reason: '' }),
  );
  return (
    <FieldsForm
      id="tank-input"
      label={t('farm.input.title')}
      fields={fields}
      values={values}
      onChange={setValues}
      error={post.error}
      pending={post.isPending}
      submitLabel={t('farm.input.post')}
      onSubmit={() => post.mutate()}
    >
      <CarbonDose
        onUse={(kg) =>
          setValues({ ...values, input_type: 'carbon_source', quantity: String(kg), unit: 'kg' })
        }
      />
      {post.data ? (
        <Alert variant="success">
          {t('farm.input.posted', { sku: post.data.sku, cost: format.number(post.data.cost) })}
        </Alert>
      ) : null}
    </FieldsForm>
  );
}
