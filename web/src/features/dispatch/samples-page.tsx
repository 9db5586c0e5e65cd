import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../../components/ui/dialog';
import { NativeSelect } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { type Sample, useDispatchChoices } from './queries';
import { SampleEditForm, SampleForm } from './sample-form';

/** Samples by drillhole and depth, all or one dispatch's, added and moved on from here. */
export function SamplesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const dispatchId = params.get('dispatch') ?? '';
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Sample | null>(null);
  const dispatches = useDispatchChoices();
  const samples = useQuery({
    queryKey: ['samples', dispatchId, page],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const query = { page, page_size: 20 };
      return dispatchId
        ? unwrap(
            await api.GET('/api/v1/dispatches/{id}/samples', { params: { path: { id: dispatchId }, query } }),
          )
        : unwrap(await api.GET('/api/v1/samples', { params: { query } }));
    },
  });
  const columns: ColumnDef<Sample, unknown>[] = [
    { accessorKey: 'sample_id', header: t('samples.fields.sample_id') },
    { accessorKey: 'dispatch_number', header: t('samples.fields.dispatch') },
    { accessorKey: 'drillhole_name', header: t('dispatch.drillhole') },
    {
      id: 'depth',
      header: t('samples.depth'),
      cell: ({ row }) =>
        `${format.number(row.original.from_depth)}–${format.number(row.original.to_depth)} m`,
    },
    {
      id: 'type',
      header: t('samples.fields.sample_type'),
      cell: ({ row }) => t(`samples.types.${row.original.sample_type}`),
    },
    {
      id: 'status',
      header: t('common.status'),
      cell: ({ row }) => t(`samples.statuses.${row.original.status}`),
    },
    ...(can('PATCH /api/v1/samples/{id}')
      ? [
          {
            id: 'edit',
            header: () => <span className="sr-only">{t('common.actions')}</span>,
            cell: ({ row }) => (
              <Button size="sm" variant="outline" onClick={() => setEditing(row.original)}>
                {t('common.edit')}
                <span className="sr-only"> {row.original.sample_id}</span>
              </Button>
            ),
          } satisfies ColumnDef<Sample, unknown>,
        ]
      : []),
  ];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('samples.title')}</h1>
      <div className="flex max-w-md flex-col gap-1.5">
        <Label htmlFor="samples-dispatch">{t('samples.fields.dispatch')}</Label>
        <NativeSelect
          id="samples-dispatch"
          value={dispatchId}
          onChange={(e) => {
            setParams(e.target.value ? { dispatch: e.target.value } : {});
            setPage(1);
          }}
        >
          <option value="">{t('trays.all')}</option>
          {dispatches.data?.map((d) => (
            <option key={d.id} value={d.id}>
              {d.dispatch_number} · {d.drillhole_name}
            </option>
          ))}
        </NativeSelect>
      </div>
      {can('POST /api/v1/samples') ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('samples.new')}</CardTitle>
          </CardHeader>
          <CardContent>
            <SampleForm key={dispatchId} dispatches={dispatches.data ?? []} dispatchId={dispatchId} />
          </CardContent>
        </Card>
      ) : null}
      <DataTable
        label={t('samples.title')}
        columns={columns}
        data={samples.data}
        page={page}
        onPage={setPage}
        rowKey={(s) => s.id}
      />
      <Dialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        <DialogContent>
          <DialogTitle>{t('samples.edit', { id: editing?.sample_id ?? '' })}</DialogTitle>
          <DialogDescription>{t('samples.title')}</DialogDescription>
          {editing ? <SampleEditForm sample={editing} onDone={() => setEditing(null)} /> : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}
