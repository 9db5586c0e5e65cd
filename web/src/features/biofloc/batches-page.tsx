import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { StatusFilter } from '../../components/status-filter';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { BatchForm } from './batch-form';

type Row = ResponseOf<'/api/v1/biofloc/batches', 'get'>['items'][number];
const STATUSES = ['active', 'harvested', 'graded', 'terminated'] as const;
type Status = (typeof STATUSES)[number];

/** Batches, active first by default, each opening its own page; a new batch is stocked from here. */
export function BatchesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const [status, setStatus] = useState<Status | ''>('active');
  const [page, setPage] = useState(1);
  const batches = useQuery({
    queryKey: ['batches', 'list', status, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/biofloc/batches', {
          params: { query: { page, page_size: 20, ...(status ? { status } : {}) } },
        }),
      ),
  });
  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: 'code',
      header: t('farm.batch.code'),
      cell: ({ row }) => (
        <Link
          to={`/biofloc/batches/${row.original.id}`}
          className="text-primary underline underline-offset-2"
        >
          {row.original.batch_code}
        </Link>
      ),
    },
    { accessorKey: 'species', header: t('farm.batch.species') },
    { accessorKey: 'current_tank_name', header: t('biofloc.tank') },
    {
      id: 'stocked',
      header: t('farm.batch.stocked'),
      cell: ({ row }) => format.date(row.original.stocking_date),
    },
    {
      id: 'count',
      header: t('farm.batch.count'),
      cell: ({ row }) => format.number(row.original.current_count),
    },
    {
      id: 'biomass',
      header: t('farm.batch.biomass'),
      cell: ({ row }) => format.number(row.original.current_biomass_kg),
    },
    { id: 'fcr', header: t('farm.batch.fcr'), cell: ({ row }) => format.number(row.original.fcr) },
    {
      id: 'status',
      header: t('common.status'),
      cell: ({ row }) => t(`farm.batch.statuses.${row.original.status}`),
    },
  ];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('farm.batch.title')}</h1>
      {can('POST /api/v1/biofloc/batches') ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('farm.batch.new')}</CardTitle>
          </CardHeader>
          <CardContent>
            <BatchForm />
          </CardContent>
        </Card>
      ) : null}
      <StatusFilter
        id="batches-status"
        statuses={STATUSES}
        value={status}
        onChange={(next) => {
          setStatus(next);
          setPage(1);
        }}
        label={(s) => t(`farm.batch.statuses.${s}`)}
        filterLabel={t('common.status')}
        allLabel={t('trays.all')}
      />
      <DataTable
        label={t('farm.batch.title')}
        columns={columns}
        data={batches.data}
        page={page}
        onPage={setPage}
        rowKey={(b) => b.id}
      />
    </div>
  );
}
