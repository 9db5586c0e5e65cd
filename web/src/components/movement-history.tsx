import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../api/client';
import type { paths } from '../api/schema';
import { useFormat } from '../lib/format';
import { DataTable, numberedPage, type PageData } from './data-table';

type MovementQuery = NonNullable<paths['/api/v1/stock-movements']['get']['parameters']['query']>;
export type MovementType = NonNullable<MovementQuery['movement_type']>;
type MovementPage = Extract<ResponseOf<'/api/v1/stock-movements', 'get'>, { pages: number }>;
export type Movement = MovementPage['items'][number];

/** Every movement type the ledger knows, in the order the filter offers them. */
export const MOVEMENT_TYPES = [
  'receipt',
  'issue',
  'adjustment',
  'count',
  'damaged',
  'scrap',
  'return',
  'transfer_out',
  'transfer_in',
  'purchase',
  'sale',
  'dispatch',
  'dispatch_return',
  'production_consume',
  'production_output',
] as const satisfies readonly MovementType[];

/** The page form of a ledger answer (a request with `page` never gets the cursor form). */
export function pageOf(data: ResponseOf<'/api/v1/stock-movements', 'get'>): PageData<Movement> {
  return numberedPage(data);
}

/**
 * A page of the ledger, newest first, with product, bin and lot by name (as the API reads them). `load` asks the API for
 * one page; `queryKey` holds the filters, so a change of filter starts again from page 1.
 */
export function MovementHistory({
  label,
  queryKey,
  load,
  actions,
}: {
  label: string;
  queryKey: readonly unknown[];
  load: (page: number) => Promise<PageData<Movement>>;
  actions?: (movement: Movement) => ReactNode;
}) {
  const { t } = useTranslation();
  const formats = useFormat();
  const filterKey = JSON.stringify(queryKey);
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;
  const movements = useQuery({
    queryKey: [...queryKey, page],
    placeholderData: keepPreviousData,
    queryFn: () => load(page),
  });
  const columns: ColumnDef<Movement>[] = [
    {
      id: 'when',
      header: t('stockViews.when'),
      cell: ({ row }) => formats.dateTime(row.original.occurred_at),
    },
    {
      id: 'type',
      header: t('stockViews.type'),
      cell: ({ row }) => (
        <>
          {t(`movementTypes.${row.original.movement_type as MovementType}`, {
            defaultValue: row.original.movement_type,
          })}
          {row.original.reverses_id ? ` (${t('stockViews.reversal')})` : ''}
        </>
      ),
    },
    {
      id: 'product',
      header: t('stockViews.product'),
      cell: ({ row }) => `${row.original.sku ?? '…'} · ${row.original.product_name ?? ''}`,
    },
    {
      id: 'place',
      header: t('stockViews.place'),
      cell: ({ row }) => `${row.original.warehouse_code ?? '…'} · ${row.original.bin_code ?? '…'}`,
    },
    { id: 'lot', header: t('stock.lot'), cell: ({ row }) => row.original.lot_number ?? '—' },
    {
      id: 'quantity',
      header: () => <span className="block text-right">{t('stock.quantity')}</span>,
      cell: ({ row }) => (
        <span className="block text-right tabular-nums">{formats.signed(row.original.quantity)}</span>
      ),
    },
    {
      id: 'reference',
      header: t('stockViews.referenceOrReason'),
      cell: ({ row }) => {
        const { reference_number: reference, reason } = row.original;
        if (reference) return reference;
        // An adjustment keeps its reason code; a reversal the words it was given.
        return reason ? t(`stockAdjust.reasons.${reason}`, { defaultValue: reason }) : '';
      },
    },
    ...(actions
      ? [
          {
            id: 'actions',
            header: () => <span className="sr-only">{t('common.actions')}</span>,
            cell: ({ row }) => actions(row.original),
          } satisfies ColumnDef<Movement>,
        ]
      : []),
  ];
  return (
    <DataTable
      label={label}
      columns={columns}
      data={movements.data}
      error={movements.error}
      page={page}
      onPage={(next) => setPaging({ filterKey, page: next })}
      rowKey={(m) => m.id}
    />
  );
}
