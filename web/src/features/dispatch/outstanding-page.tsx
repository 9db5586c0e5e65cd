import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { Alert } from '../../components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { formErrorOf } from '../../lib/api-errors';
import { useFormat } from '../../lib/format';

type Outstanding = ResponseOf<'/api/v1/dispatches/outstanding', 'get'>['items'][number];
const BANDS = ['0-3', '4-7', '8+'] as const;

/** Trays still out, grouped by how long they have been out; the overdue ones are marked. */
export function OutstandingPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const outstanding = useQuery({
    queryKey: ['dispatches', 'outstanding'],
    queryFn: async () => unwrap(await api.GET('/api/v1/dispatches/outstanding')),
  });
  const items = outstanding.data?.items ?? [];
  const columns: ColumnDef<Outstanding, unknown>[] = [
    { accessorKey: 'dispatch_number', header: t('transfers.number') },
    { id: 'date', header: t('trays.date'), cell: ({ row }) => format.date(row.original.dispatch_date) },
    { accessorKey: 'company_name', header: t('drill.fields.company') },
    { accessorKey: 'project_name', header: t('drill.fields.project') },
    { accessorKey: 'drillhole_name', header: t('dispatch.drillhole') },
    {
      id: 'out',
      header: t('trays.stillOut'),
      cell: ({ row }) =>
        t('trays.hqNq', {
          hq: row.original.hq_boxes - row.original.returned_hq,
          nq: row.original.nq_boxes - row.original.returned_nq,
        }),
    },
    {
      id: 'days',
      header: t('trays.daysOut'),
      cell: ({ row }) => (
        <span className={row.original.is_overdue ? 'font-semibold text-destructive' : undefined}>
          {format.number(row.original.days_out)}
          {row.original.is_overdue ? ` · ${t('trays.overdue')}` : ''}
        </span>
      ),
    },
  ];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('trays.outstandingTitle')}</h1>
      {outstanding.error ? <Alert variant="destructive">{formErrorOf(outstanding.error, t)}</Alert> : null}
      {outstanding.data ? (
        <p>{t('trays.overdueAfter', { days: outstanding.data.overdue_after_days })}</p>
      ) : null}
      <ul className="grid grid-cols-3 gap-3" aria-label={t('trays.bands')}>
        {BANDS.map((band) => (
          <li key={band} className="rounded-lg border border-border p-3">
            <span className="block text-sm text-muted-foreground">{t('trays.band', { band })}</span>
            <span className="block text-2xl font-bold">{items.filter((d) => d.band === band).length}</span>
          </li>
        ))}
      </ul>
      {BANDS.map((band) => {
        const rows = items.filter((d) => d.band === band);
        return rows.length > 0 ? (
          <Card key={band}>
            <CardHeader>
              <CardTitle>{t('trays.band', { band })}</CardTitle>
            </CardHeader>
            <CardContent>
              <DataTable
                label={t('trays.band', { band })}
                columns={columns}
                rows={rows}
                rowKey={(d) => d.id}
              />
            </CardContent>
          </Card>
        ) : null;
      })}
      {outstanding.data && items.length === 0 ? <p>{t('trays.noneOut')}</p> : null}
    </div>
  );
}
