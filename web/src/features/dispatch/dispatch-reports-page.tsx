import { useMutation, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { DownloadButtons } from '../../components/download-buttons';
import { FormField } from '../../components/form-field';
import { StatTiles } from '../../components/stat-tiles';
import { Alert } from '../../components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Input, NativeSelect } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { formErrorOf } from '../../lib/api-errors';
import { saveDownload } from '../../lib/download';
import { useFormat } from '../../lib/format';

type Discrepancy = ResponseOf<'/api/v1/dispatch/reports/reconciliation', 'get'>['discrepancies'][number];
type Analytics = ResponseOf<'/api/v1/dispatch/reports/analytics', 'get'>;
type Group = Analytics['by_company'][number];
const GROUPINGS = ['by_company', 'by_project', 'by_sample_type'] as const satisfies (keyof Analytics)[];
type Grouping = (typeof GROUPINGS)[number];

/** The by-month chart's bars: the data key, its name (`trays.report.<name>`) and its colour. */
const MONTH_BARS = [
  ['hq_dispatched', 'hqOut', '#1e3a8a'],
  ['nq_dispatched', 'nqOut', '#0f766e'],
  ['hq_returned', 'hqBack', '#60a5fa'],
  ['nq_returned', 'nqBack', '#2dd4bf'],
] as const;

/** Tray dispatch in figures: the dashboard, reconciliation, analytics by month and company, and the export. */
export function DispatchReportsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [grouping, setGrouping] = useState<Grouping>('by_company');
  const range = { ...(from ? { date_from: from } : {}), ...(to ? { date_to: to } : {}) };
  const dashboard = useQuery({
    queryKey: ['dispatch-reports', 'dashboard'],
    queryFn: async () => unwrap(await api.GET('/api/v1/dispatch/reports/dashboard')),
  });
  const reconciliation = useQuery({
    queryKey: ['dispatch-reports', 'reconciliation'],
    queryFn: async () => unwrap(await api.GET('/api/v1/dispatch/reports/reconciliation')),
  });
  const analytics = useQuery({
    queryKey: ['dispatch-reports', 'analytics', from, to],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/dispatch/reports/analytics', { params: { query: range } })),
  });
  const download = useMutation({
    mutationFn: async (kind: 'csv' | 'xlsx') =>
      saveDownload(
        await api.GET('/api/v1/dispatch/reports/export', {
          params: { query: { ...range, format: kind } },
          parseAs: 'blob',
        }),
        `dispatches.${kind}`,
      ),
  });
  const d = dashboard.data;
  const tiles = d
    ? [
        { label: t('trays.report.available'), value: t('trays.hqNq', d.inventory.available) },
        { label: t('trays.report.out'), value: t('trays.hqNq', d.inventory.outstanding) },
        { label: t('trays.report.base'), value: t('trays.hqNq', d.inventory.base) },
        { label: t('trays.report.dispatches'), value: format.number(d.dispatches.total) },
        { label: t('trays.report.open'), value: format.number(d.dispatches.outstanding) },
        { label: t('trays.report.returned'), value: format.number(d.dispatches.returned) },
        { label: t('trays.report.matchRate'), value: `${format.number(d.dispatches.match_rate)} %` },
        {
          label: t('trays.report.samples'),
          value: `${format.number(d.samples.total)} / ${format.number(d.samples.outstanding)}`,
        },
      ]
    : [];
  const discrepancyColumns: ColumnDef<Discrepancy, unknown>[] = [
    { accessorKey: 'dispatch_number', header: t('transfers.number') },
    { accessorKey: 'company_name', header: t('drill.fields.company') },
    { accessorKey: 'drillhole_name', header: t('dispatch.drillhole') },
    {
      id: 'hq',
      header: t('trays.report.hqDiff'),
      cell: ({ row }) => format.number(row.original.hq_difference),
    },
    {
      id: 'nq',
      header: t('trays.report.nqDiff'),
      cell: ({ row }) => format.number(row.original.nq_difference),
    },
    {
      id: 'written',
      header: t('trays.report.writtenOff'),
      cell: ({ row }) => format.number(row.original.written_off),
    },
    {
      id: 'reason',
      header: t('trays.writeOffReason'),
      cell: ({ row }) => row.original.write_off_reason ?? '—',
    },
  ];
  const groupColumns: ColumnDef<Group, unknown>[] = [
    { accessorKey: 'key', header: t(`trays.report.groupings.${grouping}`) },
    { accessorKey: 'dispatches', header: t('trays.report.dispatches') },
    {
      id: 'hq',
      header: t('dispatch.hq'),
      cell: ({ row }) => `${row.original.hq_returned}/${row.original.hq_dispatched}`,
    },
    {
      id: 'nq',
      header: t('dispatch.nq'),
      cell: ({ row }) => `${row.original.nq_returned}/${row.original.nq_dispatched}`,
    },
    {
      id: 'turnaround',
      header: t('trays.report.turnaround'),
      cell: ({ row }) => format.number(row.original.avg_turnaround_days),
    },
  ];
  const error = dashboard.error ?? reconciliation.error ?? analytics.error ?? download.error;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('trays.report.title')}</h1>
      {error ? <Alert variant="destructive">{formErrorOf(error, t)}</Alert> : null}
      <StatTiles label={t('trays.report.title')} tiles={tiles} />
      <Card>
        <CardHeader>
          <CardTitle>{t('trays.report.analytics')}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <div className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto_auto]">
            <FormField id="reports-from" label={t('trays.report.from')}>
              <Input id="reports-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </FormField>
            <FormField id="reports-to" label={t('trays.report.to')}>
              <Input id="reports-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </FormField>
            <DownloadButtons download={download} />
          </div>
          <figure className="h-72 w-full" aria-label={t('trays.report.byMonth')}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={analytics.data?.by_month ?? []}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="key" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend formatter={(value) => <span className="text-foreground">{value}</span>} />
                {MONTH_BARS.map(([key, label, fill]) => (
                  <Bar
                    key={key}
                    dataKey={key}
                    name={t(`trays.report.${label}`)}
                    fill={fill}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <div className="flex max-w-xs flex-col gap-1.5">
            <Label htmlFor="reports-grouping">{t('trays.report.grouping')}</Label>
            <NativeSelect
              id="reports-grouping"
              value={grouping}
              onChange={(e) => setGrouping(e.target.value as Grouping)}
            >
              {GROUPINGS.map((g) => (
                <option key={g} value={g}>
                  {t(`trays.report.groupings.${g}`)}
                </option>
              ))}
            </NativeSelect>
          </div>
          <DataTable
            label={t(`trays.report.groupings.${grouping}`)}
            columns={groupColumns}
            rows={analytics.data?.[grouping]}
            rowKey={(g) => g.key}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('trays.report.reconciliation')}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-2">
          <p>{t('trays.report.stillOpen', { count: reconciliation.data?.outstanding.length ?? 0 })}</p>
          <DataTable
            label={t('trays.report.reconciliation')}
            columns={discrepancyColumns}
            rows={reconciliation.data?.discrepancies}
            rowKey={(r) => r.id}
          />
        </CardContent>
      </Card>
    </div>
  );
}
