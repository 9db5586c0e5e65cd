import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { StatTiles } from '../../components/stat-tiles';
import { Alert } from '../../components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { formErrorOf } from '../../lib/api-errors';
import { useFormat } from '../../lib/format';
import { BiomassChart } from './biomass-chart';
import { GradingForm } from './grading-form';
import { HarvestForm } from './harvest-form';
import { MortalityForm } from './mortality-form';
import { useBatch } from './queries';
import { SamplingForm } from './sampling-form';
import { TransferForm } from './transfer-form';
import { WorkTabs } from './work-tabs';

type Move = ResponseOf<'/api/v1/biofloc/batches/{id}/tank-history', 'get'>['items'][number];

/** One batch: its figures, biomass curve and FCR, the tanks it has been in, and the work recorded against it. */
export function BatchPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useParams().id ?? '';
  const batch = useBatch(id);
  const [harvested, setHarvested] = useState<string | null>(null);
  const performance = useQuery({
    queryKey: ['batches', 'performance', id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/biofloc/batches/{id}/performance', { params: { path: { id } } })),
  });
  const history = useQuery({
    queryKey: ['batches', 'history', id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/biofloc/batches/{id}/tank-history', { params: { path: { id } } })),
  });
  const b = batch.data;
  const p = performance.data;
  const tiles =
    b && p
      ? [
          { label: t('farm.batch.count'), value: format.number(b.current_count) },
          { label: t('farm.sampling.avg'), value: format.number(b.current_avg_weight_g) },
          { label: t('farm.batch.biomass'), value: format.number(b.current_biomass_kg) },
          { label: t('farm.batch.fcr'), value: format.number(p.fcr) },
          { label: t('farm.batch.survival'), value: `${format.number(b.survival_pct)} %` },
          { label: t('farm.batch.feed'), value: format.number(b.total_feed_kg) },
          { label: t('farm.batch.cost'), value: format.number(p.costs.total) },
          { label: t('farm.batch.days'), value: format.number(p.days) },
        ]
      : [];
  const columns: ColumnDef<Move, unknown>[] = [
    { id: 'date', header: t('biofloc.date'), cell: ({ row }) => format.date(row.original.transfer_date) },
    {
      id: 'tank',
      header: t('biofloc.tank'),
      cell: ({ row }) => `${row.original.tank_code} · ${row.original.tank_name}`,
    },
    {
      id: 'reason',
      header: t('farm.transfer.reason'),
      cell: ({ row }) => t(`farm.transfer.reasons.${row.original.transfer_reason.replace(' ', '_')}`),
    },
    { id: 'count', header: t('farm.batch.count'), cell: ({ row }) => format.number(row.original.fish_count) },
    {
      id: 'weight',
      header: t('farm.sampling.avg'),
      cell: ({ row }) => format.number(row.original.avg_weight_g),
    },
  ];
  const error = batch.error ?? performance.error ?? history.error;
  return (
    <div className="flex flex-col gap-4">
      <Link to="/biofloc/batches" className="text-sm text-primary underline underline-offset-2">
        {t('farm.batch.all')}
      </Link>
      <h1 className="text-2xl font-bold">
        {b ? t('farm.batch.heading', { code: b.batch_code, species: b.species }) : t('common.loading')}
      </h1>
      {error ? <Alert variant="destructive">{formErrorOf(error, t)}</Alert> : null}
      {b ? (
        <p>
          {t(`farm.batch.statuses.${b.status}`)} · {b.current_tank_name} ·{' '}
          {t('farm.batch.stockedOn', { date: format.date(b.stocking_date) })}
        </p>
      ) : null}
      {harvested ? <Alert variant="success">{harvested}</Alert> : null}
      <StatTiles label={t('farm.batch.figures')} tiles={tiles} />
      <Card>
        <CardHeader>
          <CardTitle>{t('farm.batch.curve')}</CardTitle>
        </CardHeader>
        <CardContent>
          <BiomassChart points={p?.biomass_curve ?? []} />
        </CardContent>
      </Card>
      {b && b.status === 'active' ? (
        <WorkTabs
          works={[
            {
              key: 'sampling',
              label: t('farm.sampling.title'),
              route: 'POST /api/v1/biofloc/sampling',
              form: <SamplingForm batchId={b.id} />,
            },
            {
              key: 'mortality',
              label: t('farm.mortality.title'),
              route: 'POST /api/v1/biofloc/mortality',
              form: <MortalityForm batchId={b.id} />,
            },
            {
              key: 'harvest',
              label: t('farm.harvest.title'),
              route: 'POST /api/v1/biofloc/harvests',
              form: <HarvestForm batchId={b.id} onDone={setHarvested} />,
            },
            {
              key: 'transfer',
              label: t('farm.transfer.title'),
              route: 'POST /api/v1/biofloc/batches/{id}/transfer',
              form: <TransferForm batch={b} />,
            },
            {
              key: 'grading',
              label: t('farm.grading.title'),
              route: 'POST /api/v1/biofloc/batches/grading',
              form: <GradingForm batch={b} />,
            },
          ]}
        />
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>{t('farm.batch.history')}</CardTitle>
        </CardHeader>
        <CardContent>
          <DataTable
            label={t('farm.batch.history')}
            columns={columns}
            rows={history.data?.items}
            rowKey={(m) => m.id}
          />
        </CardContent>
      </Card>
    </div>
  );
}
