import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { type FieldSpec, FieldsForm, useFormPost, useValues } from '../../components/fields-form';
import type { Dispatch } from './queries';

/** Closes a dispatch whose trays will not come back; the reason is kept with it. */
export function WriteOffForm({ dispatch, onDone }: { dispatch: Dispatch; onDone?: () => void }) {
  const { t } = useTranslation();
  const fields: FieldSpec[] = [{ name: 'reason', label: t('trays.writeOffReason') }];
  const [values, setValues] = useValues(fields);
  const writeOff = useFormPost(
    async (key) =>
      unwrap(
        await api.POST('/api/v1/dispatches/{id}/write-off', {
          headers: { 'Idempotency-Key': key },
          params: { path: { id: dispatch.id } },
          body: { reason: values.reason ?? '' },
        }),
      ),
    onDone,
  );
  return (
    <FieldsForm
      id="write-off"
      label={t('trays.writeOffOf', { number: dispatch.dispatch_number })}
      className="grid gap-3"
      fields={fields}
      values={values}
      onChange={setValues}
      error={writeOff.error}
      pending={writeOff.isPending}
      submitLabel={t('trays.writeOff')}
      onSubmit={() => writeOff.mutate()}
    >
      <p className="text-sm">
        {t('trays.writeOffWhat', {
          hq: dispatch.hq_boxes - dispatch.returned_hq,
          nq: dispatch.nq_boxes - dispatch.returned_nq,
        })}
      </p>
    </FieldsForm>
  );
}
