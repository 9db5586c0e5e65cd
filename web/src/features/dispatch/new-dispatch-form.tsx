import { useTranslation } from 'react-i18next';
import { api, type BodyOf, unwrap } from '../../api/client';
import { bodyOf, type FieldSpec, FieldsForm, useFormPost, useValues } from '../../components/fields-form';
import { Alert } from '../../components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { businessToday } from '../../lib/format';
import { useAvailableTrays, useDrillholeChoices, useProjectChoices } from './queries';

/** A dispatch of trays to a drillhole, with what is on the shelf now beside the counts asked for. */
export function NewDispatchForm() {
  const { t } = useTranslation();
  const available = useAvailableTrays();
  const projects = useProjectChoices();
  const [values, setValues] = useValues([], { dispatch_date: businessToday(), hq_boxes: '0', nq_boxes: '0' });
  const drillholes = useDrillholeChoices(values.project_id ?? '');
  const over = (name: 'hq_boxes' | 'nq_boxes', type: 'hq' | 'nq') =>
    available.data && Number(values[name] ?? 0) > available.data[type]
      ? t('trays.overAvailable', { count: available.data[type] })
      : null;
  const fields: FieldSpec[] = [
    {
      name: 'project_id',
      label: t('dispatch.project'),
      kind: 'select',
      options: (projects.data ?? []).map((p) => ({ value: p.id, label: `${p.project_id} · ${p.name}` })),
    },
    {
      name: 'drillhole_id',
      label: t('dispatch.drillhole'),
      kind: 'select',
      options: (drillholes.data ?? []).map((d) => ({ value: d.id, label: d.drillhole_id })),
    },
    { name: 'dispatch_date', label: t('trays.date'), kind: 'date' },
    { name: 'hq_boxes', label: t('dispatch.hq'), kind: 'number', warning: over('hq_boxes', 'hq') },
    { name: 'nq_boxes', label: t('dispatch.nq'), kind: 'number', warning: over('nq_boxes', 'nq') },
    { name: 'driver', label: t('dispatch.driver') },
    { name: 'technician', label: t('trays.technician') },
    { name: 'notes', label: t('trays.notes') },
  ];
  const create = useFormPost(
    async (key) =>
      unwrap(
        await api.POST('/api/v1/dispatches', {
          headers: { 'Idempotency-Key': key },
          body: bodyOf<BodyOf<'/api/v1/dispatches', 'post'>>(fields, values),
        }),
      ),
    () => setValues({ ...values, hq_boxes: '0', nq_boxes: '0', notes: '' }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('dispatch.new')}</CardTitle>
        <p aria-live="polite" data-testid="trays-available">
          {available.data ? t('dispatch.available', { hq: available.data.hq, nq: available.data.nq }) : null}
        </p>
      </CardHeader>
      <CardContent>
        <FieldsForm
          id="dispatch"
          label={t('dispatch.new')}
          fields={fields}
          values={values}
          onChange={(next) =>
            setValues(next.project_id !== values.project_id ? { ...next, drillhole_id: '' } : next)
          }
          error={create.error}
          pending={create.isPending}
          submitLabel={t('dispatch.create')}
          onSubmit={() => create.mutate()}
        >
          {fields.some((f) => f.warning) ? <Alert>{t('dispatch.short')}</Alert> : null}
          {create.data ? (
            <Alert variant="success">{t('trays.dispatched', { number: create.data.dispatch_number })}</Alert>
          ) : null}
        </FieldsForm>
      </CardContent>
    </Card>
  );
}
