import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FormField } from '../../components/form-field';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { formErrorOf } from '../../lib/api-errors';
import { useFormat } from '../../lib/format';

const INPUTS = ['feed_kg', 'protein_pct', 'target_cn', 'carbon_pct'] as const;
type DoseInput = (typeof INPUTS)[number];

/**
 * How much carbon source (molasses) a day's feed needs for the target C:N ratio, worked out by the
 * API; "Use" puts the amount into the tank-input form.
 */
export function CarbonDose({ onUse }: { onUse: (kg: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [values, setValues] = useState<Record<DoseInput, string>>({
    feed_kg: '',
    protein_pct: '35',
    target_cn: '15',
    carbon_pct: '40',
  });
  const asked = useDeferredValue(values);
  const complete = INPUTS.every((name) => asked[name].trim() !== '' && Number.isFinite(Number(asked[name])));
  const dose = useQuery({
    queryKey: ['carbon-dose', asked],
    enabled: complete,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/biofloc/tank-inputs/carbon-dose', {
          params: {
            query: {
              feed_kg: Number(asked.feed_kg),
              protein_pct: Number(asked.protein_pct),
              target_cn: Number(asked.target_cn),
              carbon_pct: Number(asked.carbon_pct),
            },
          },
        }),
      ),
  });
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-border p-3">
      <legend className="px-1 text-sm font-semibold">{t('farm.carbon.title')}</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {INPUTS.map((name) => (
          <FormField key={name} id={`carbon-${name}`} label={t(`farm.carbon.${name}`)}>
            <Input
              id={`carbon-${name}`}
              inputMode="decimal"
              value={values[name]}
              onChange={(e) => setValues({ ...values, [name]: e.target.value })}
            />
          </FormField>
        ))}
      </div>
      {dose.error ? <p className="text-sm text-destructive">{formErrorOf(dose.error, t)}</p> : null}
      {dose.data && complete ? (
        <div className="flex flex-wrap items-center gap-3">
          <p aria-live="polite" data-testid="carbon-dose">
            {t('farm.carbon.result', {
              molasses: format.number(dose.data.molasses_kg),
              carbon: format.number(dose.data.carbon_needed_kg),
            })}
          </p>
          <Button type="button" size="sm" variant="outline" onClick={() => onUse(dose.data.molasses_kg)}>
            {t('farm.carbon.use')}
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}
