import { useTranslation } from 'react-i18next';
import { api, type BodyOf, unwrap } from '../../api/client';
import { bodyOf, type FieldSpec, FieldsForm, useFormPost, useValues } from '../../components/fields-form';
import { Alert } from '../../components/ui/alert';
import { businessToday } from '../../lib/format';

/** Fish found dead in a batch, with the cause when known. */
export function MortalityForm({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const fields: FieldSpec[] = [
    { name: 'mortality_date', label: t('biofloc.date'), kind: 'date' },
    { name: 'count', label: t('farm.mortality.count'), kind: 'number' },
    { name: 'cause', label: t('farm.mortality.cause') },
    { name: 'avg_weight_g', label: t('farm.sampling.avg'), kind: 'number' },
  ];
  const [values, setValues] = useValues(fields, { mortality_date: businessToday() });
  const post = useFormPost(
    async (key) =>
      unwrap(
        await api.POST('/api/v1/biofloc/mortality', {
          headers: { 'Idempotency-Key': key },
          body: { ...bodyOf<BodyOf<'/api/v1/biofloc/mortality', 'post'>>(fields, values), batch_id: batchId },
        }),
      ),
    () => setValues({ ...values, count: '', cause: '' }),
  );
  return (
    <FieldsForm
      id="mortality"
      label={t('farm.mortality.title')}
      fields={fields}
      values={values}
      onChange={setValues}
      error={post.error}
      pending={post.isPending}
      submitLabel={t('farm.mortality.post')}
      onSubmit={() => post.mutate()}
    >
      {post.data ? (
        <Alert variant="success">{t('farm.mortality.done', { count: post.data.count })}</Alert>
      ) : null}
    </FieldsForm>
  );
}
