import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { StatTiles } from '../../components/stat-tiles';
import { Alert } from '../../components/ui/alert';
import { formErrorOf } from '../../lib/api-errors';
import { useFormat } from '../../lib/format';

/** The farm at a glance: tanks, fish and biomass, water alerts, deaths this week and harvests coming. */
export function BioflocDashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const dashboard = useQuery({
    queryKey: ['biofloc-dashboard'],
    queryFn: async () => unwrap(await api.GET('/api/v1/biofloc/dashboard')),
  });
  const d = dashboard.data;
  const tiles = d
    ? [
        { label: t('farm.dashboard.active_tanks'), value: format.number(d.active_tanks) },
        { label: t('farm.dashboard.available_tanks'), value: format.number(d.available_tanks) },
        { label: t('farm.dashboard.maintenance_tanks'), value: format.number(d.maintenance_tanks) },
        { label: t('farm.dashboard.active_batches'), value: format.number(d.active_batches) },
        { label: t('farm.dashboard.total_fish_count'), value: format.number(d.total_fish_count) },
        { label: t('farm.dashboard.total_biomass_kg'), value: format.number(d.total_biomass_kg) },
        {
          label: t('farm.dashboard.avg_tank_utilization'),
          value: d.avg_tank_utilization === null ? '—' : `${format.number(d.avg_tank_utilization)} %`,
        },
        { label: t('farm.dashboard.low_do_alerts'), value: format.number(d.low_do_alerts) },
        { label: t('farm.dashboard.high_ammonia_alerts'), value: format.number(d.high_ammonia_alerts) },
        { label: t('farm.dashboard.recent_mortalities_7d'), value: format.number(d.recent_mortalities_7d) },
        { label: t('farm.dashboard.upcoming_harvests'), value: format.number(d.upcoming_harvests) },
      ]
    : [];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('farm.dashboard.title')}</h1>
      {dashboard.error ? <Alert variant="destructive">{formErrorOf(dashboard.error, t)}</Alert> : null}
      <StatTiles label={t('farm.dashboard.title')} tiles={tiles} />
    </div>
  );
}
