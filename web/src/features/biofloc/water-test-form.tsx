import { useTranslation } from 'react-i18next';
import { api, type BodyOf, unwrap } from '../../api/client';
import { bodyOf, type FieldSpec, FieldsForm, useFormPost, useValues } from '../../components/fields-form';
import { Alert } from '../../components/ui/alert';
import { businessToday } from '../../lib/format';
import { type Tank, tankOptions, useBatch, useProfiles } from './queries';
import { limitsFor, outOfRange } from './water-limits';

export const READINGS = [
  'temperature_c',
  'ph',
  'dissolved_oxygen_mgl',
  'salinity_ppt',
  'ammonia_nh3_mgl',
  'nitrite_no2_mgl',
  'nitrate_no3_mgl',
  'alkalinity_mgl',
  'hardness_mgl',
  'turbidity_ntu',
  'tds_mgl',
  'floc_volume_mll',
] as const;

/**
 * A water test of a tank. Each reading outside the water-quality profile of the species in the tank
 * is highlighted as it is typed; the API's own list of breaches shows once the test is posted.
 */
export function WaterTestForm({ tanks, tankId }: { tanks: Tank[]; tankId: string }) {
  const { t } = useTranslation();
  const [values, setValues] = useValues([], { tank_id: tankId, test_date: businessToday() });
  const tank = tanks.find((x) => x.id === values.tank_id);
  const batch = useBatch(tank?.current_batch_id);
  const profiles = useProfiles();
  const limits = limitsFor(profiles.data ?? [], batch.data?.species);
  const fields: FieldSpec[] = [
    {
      name: 'tank_id',
      label: t('biofloc.tank'),
      kind: 'select',
      options: tankOptions(tanks, t('biofloc.empty')),
    },
    { name: 'test_date', label: t('biofloc.date'), kind: 'date' },
    ...READINGS.map((reading): FieldSpec => {
      const breach = outOfRange(reading, values[reading], limits);
      return {
        name: reading,
        label: t(`farm.readings.${reading}`),
        kind: 'number',
        warning: breach ? t(`farm.water.${breach.breach}`, { threshold: breach.threshold }) : null,
      };
    }),
  ];
  const post = useFormPost(async (key) =>
    unwrap(
      await api.POST('/api/v1/biofloc/water-tests', {
        headers: { 'Idempotency-Key': key },
        body: bodyOf<BodyOf<'/api/v1/biofloc/water-tests', 'post'>>(fields, values),
      }),
    ),
  );
  return (
    <FieldsForm
      id="water"
      label={t('farm.water.title')}
      fields={fields}
      values={values}
      onChange={setValues}
      error={post.error}
      pending={post.isPending}
      submitLabel={t('farm.water.post')}
      onSubmit={() => post.mutate()}
    >
      <p className="text-sm text-muted-foreground">
        {t('farm.water.profile', { species: batch.data?.species ?? t('farm.water.default') })}
      </p>
      {post.data ? (
        <Alert variant={post.data.breaches.length > 0 ? 'destructive' : 'success'} data-testid="water-result">
          {post.data.breaches.length > 0
            ? t('farm.water.breaches', {
                list: post.data.breaches
                  .map(
                    (b) =>
                      `${t(`farm.readings.${b.parameter}`)} ${b.value} (${t(`farm.water.${b.breach}`, { threshold: b.threshold })})`,
                  )
                  .join('; '),
              })
            : t('farm.water.ok')}
        </Alert>
      ) : null}
    </FieldsForm>
  );
}
