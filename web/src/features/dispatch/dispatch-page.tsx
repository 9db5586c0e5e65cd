import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { StatusFilter } from '../../components/status-filter';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../../components/ui/dialog';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { NewDispatchForm } from './new-dispatch-form';
import type { Dispatch } from './queries';
import { ReturnForm } from './return-form';
import { WriteOffForm } from './write-off-form';

const STATUSES = ['outstanding', 'partially_returned', 'returned'] as const;
type Status = (typeof STATUSES)[number];

/** Drill-core tray dispatch: trays out to a drillhole and back, written off, with their samples. */
export function DispatchPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<Status | ''>('');
  const [returning, setReturning] = useState<string | null>(null);
  const [writingOff, setWritingOff] = useState<Dispatch | null>(null);
  const dispatches = useQuery({
    queryKey: ['dispatches', page, status],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/dispatches', {
          params: { query: { page, page_size: 20, ...(status ? { status } : {}) } },
        }),
      ),
  });
  const current = dispatches.data?.items.find((d) => d.id === returning);
  const open = (d: Dispatch) => d.status !== 'returned';
  const columns: ColumnDef<Dispatch, unknown>[] = [
    { accessorKey: 'dispatch_number', header: t('transfers.number') },
    { id: 'date', header: t('trays.date'), cell: ({ row }) => format.date(row.original.dispatch_date) },
    { accessorKey: 'company_name', header: t('drill.fields.company') },
    { accessorKey: 'drillhole_name', header: t('dispatch.drillhole') },
    {
      id: 'hq',
      header: t('dispatch.hq'),
      cell: ({ row }) => `${row.original.returned_hq}/${row.original.hq_boxes}`,
    },
    {
      id: 'nq',
      header: t('dispatch.nq'),
      cell: ({ row }) => `${row.original.returned_nq}/${row.original.nq_boxes}`,
    },
    {
      id: 'status',
      header: t('common.status'),
      cell: ({ row }) => t(`dispatch.status.${row.original.status}`),
    },
    {
      id: 'actions',
      header: () => <span className="sr-only">{t('common.actions')}</span>,
      cell: ({ row }) => {
        const d = row.original;
        return (
          <div className="flex gap-2">
            {open(d) && can('POST /api/v1/dispatches/{id}/return') ? (
              <Button size="sm" variant="outline" onClick={() => setReturning(d.id)}>
                {t('dispatch.return')}
                <span className="sr-only"> {d.dispatch_number}</span>
              </Button>
            ) : null}
            {open(d) && can('POST /api/v1/dispatches/{id}/write-off') ? (
              <Button size="sm" variant="outline" onClick={() => setWritingOff(d)}>
                {t('trays.writeOff')}
                <span className="sr-only"> {d.dispatch_number}</span>
              </Button>
            ) : null}
            <Button size="sm" variant="ghost" asChild>
              <Link to={`/dispatch/samples?dispatch=${d.id}`}>
                {t('trays.samples')}
                <span className="sr-only"> {d.dispatch_number}</span>
              </Link>
            </Button>
          </div>
        );
      },
    },
  ];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('dispatch.title')}</h1>
      {can('POST /api/v1/dispatches') ? <NewDispatchForm /> : null}
      <StatusFilter
        id="dispatch-status"
        statuses={STATUSES}
        value={status}
        onChange={(next) => {
          setStatus(next);
          setPage(1);
        }}
        label={(s) => t(`dispatch.status.${s}`)}
        filterLabel={t('common.status')}
        allLabel={t('trays.all')}
      />
      <DataTable
        label={t('dispatch.title')}
        columns={columns}
        data={dispatches.data}
        page={page}
        onPage={setPage}
        rowKey={(d) => d.id}
      />
      {current && open(current) ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('dispatch.returnOf', { number: current.dispatch_number })}</CardTitle>
          </CardHeader>
          <CardContent>
            <ReturnForm
              key={`${current.id}-${current.version}`}
              dispatch={current}
              onDone={() => setReturning(null)}
            />
          </CardContent>
        </Card>
      ) : null}
      <Dialog open={writingOff !== null} onOpenChange={(next) => !next && setWritingOff(null)}>
        <DialogContent>
          <DialogTitle>{t('trays.writeOffOf', { number: writingOff?.dispatch_number ?? '' })}</DialogTitle>
          <DialogDescription>{t('trays.writeOffHint')}</DialogDescription>
          {writingOff ? <WriteOffForm dispatch={writingOff} onDone={() => setWritingOff(null)} /> : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}
