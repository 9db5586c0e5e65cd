import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { bodyOf, type FieldSpec, FieldsForm, useFormPost, useValues } from '../../components/fields-form';
import { Alert } from '../../components/ui/alert';
import { businessToday } from '../../lib/format';
import type { Dispatch } from './queries';

const CONDITIONS = ['Good', 'Fair', 'Damaged'] as const;

/** A return: the counts brought back; a mismatch with what is still out is flagged before posting. */
export function ReturnForm({ dispatch, onDone }: { dispatch: Dispatch; onDone?: () => void }) {
  const { t } = useTranslation();
  const outHq = dispatch.hq_boxes - dispatch.returned_hq;
  const outNq = dispatch.nq_boxes - dispatch.returned_nq;
  const fields: FieldSpec[] = [
    { name: 'returned_hq', label: t('dispatch.returnedHq'), kind: 'number' },
    { name: 'returned_nq', label: t('dispatch.returnedNq'), kind: 'number' },
    {
      name: 'return_condition',
      label: t('dispatch.condition'),
      kind: 'select',
      options: CONDITIONS.map((c) => ({ value: c, label: t(`dispatch.conditions.${c}`) })),
    },
    { name: 'return_date', label: t('trays.returnDate'), kind: 'date' },
    { name: 'return_driver', label: t('dispatch.driver') },
    { name: 'return_notes', label: t('trays.notes') },
  ];
  const [values, setValues] = useValues(fields, {
    returned_hq: String(outHq),
    returned_nq: String(outNq),
    return_condition: 'Good',
    return_date: businessToday(),
  });
  const back = useFormPost(async (key) => {
    const body = bodyOf(fields, values);
    return unwrap(
      await api.POST('/api/v1/dispatches/{id}/return', {
        headers: { 'Idempotency-Key': key },
        params: { path: { id: dispatch.id } },
        body: { ...body, return_condition: values.return_condition ?? '' },
      }),
    );
  }, onDone);
  const mismatch = Number(values.returned_hq) !== outHq || Number(values.returned_nq) !== outNq;
  return (
    <FieldsForm
      id="return"
      label={t('dispatch.returnOf', { number: dispatch.dispatch_number })}
      fields={fields}
      values={values}
      onChange={setValues}
      error={back.error}
      pending={back.isPending}
      submitLabel={t('dispatch.postReturn')}
      onSubmit={() => back.mutate()}
    >
      {mismatch ? (
        <Alert data-testid="return-mismatch">{t('dispatch.mismatch', { hq: outHq, nq: outNq })}</Alert>
      ) : null}
    </FieldsForm>
  );
}
