import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { useBin } from '../../api/queries';
import { BinPicker } from '../../components/bin-picker';
import { DataTable } from '../../components/data-table';
import { FormField } from '../../components/form-field';
import { MovementHistory, pageOf } from '../../components/movement-history';
import { Alert } from '../../components/ui/alert';
import { Input } from '../../components/ui/input';
import { WarehousePicker } from '../../components/warehouse-picker';
import { formErrorOf } from '../../lib/api-errors';
import { useFormat } from '../../lib/format';

type Content = ResponseOf<'/api/v1/bins/{id}/contents', 'get'>['items'][number];
const PAGE_SIZE = 20;

function Contents({ binId }: { binId: string }) {
  const { t } = useTranslation();
  const formats = useFormat();
  const [paging, setPaging] = useState({ binId, page: 1 });
  const page = paging.binId === binId ? paging.page : 1;
  const contents = useQuery({
    queryKey: ['bin-contents', binId, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/bins/{id}/contents', {
          params: { path: { id: binId }, query: { page, page_size: PAGE_SIZE } },
        }),
      ),
  });
  const columns: ColumnDef<Content>[] = [
    {
      id: 'product',
      header: t('stockViews.product'),
      cell: ({ row }) => (
        <Link
          to={`/products/${row.original.product_id}`}
          className="text-primary underline-offset-4 hover:underline"
        >
          {row.original.sku} · {row.original.product_name}
        </Link>
      ),
    },
    { id: 'lot', header: t('stock.lot'), cell: ({ row }) => row.original.lot_number ?? '—' },
    { id: 'expiry', header: t('stock.expiry'), cell: ({ row }) => formats.date(row.original.expiry_date) },
    ...(['on_hand', 'reserved', 'available'] as const).map(
      (field) =>
        ({
          id: field,
          header: () => <span className="block text-right">{t(`stockViews.${field}`)}</span>,
          cell: ({ row }) => (
            <span className="block text-right tabular-nums">{formats.quantity(row.original[field])}</span>
          ),
        }) satisfies ColumnDef<Content>,
    ),
  ];
  return (
    <DataTable
      label={t('binContents.contents')}
      columns={columns}
      data={contents.data}
      error={contents.error}
      page={page}
      onPage={(next) => setPaging({ binId, page: next })}
      rowKey={(c) => `${c.product_id}-${c.lot_id ?? ''}`}
    />
  );
}

/** What one bin holds now, and every movement in or out of it; a scanned bin label opens it. */
export function BinsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const warehouseId = params.get('warehouse') ?? '';
  const binId = params.get('bin') ?? '';
  const bin = useBin(binId || undefined).data;
  const [notice, setNotice] = useState<string | null>(null);
  const choose = (warehouse: string, bin: string) =>
    setParams(Object.fromEntries(Object.entries({ warehouse, bin }).filter(([, v]) => v)), { replace: true });

  async function onBinScan(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const input = event.currentTarget;
    const code = input.value.trim();
    input.value = '';
    setNotice(null);
    if (!code || !warehouseId) return;
    try {
      const found = unwrap(
        await api.GET('/api/v1/warehouses/{id}/bins', {
          params: { path: { id: warehouseId }, query: { search: code, page_size: 20 } },
        }),
      ).items.find((bin) => bin.code.toLowerCase() === code.toLowerCase());
      if (found) choose(warehouseId, found.id);
      else setNotice(t('binContents.unknown', { code }));
    } catch (error) {
      setNotice(formErrorOf(error, t));
    }
    input.focus();
  }

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('binContents.title')}</h1>
      <div className="grid gap-4 md:grid-cols-3">
        <WarehousePicker id="bin-warehouse" value={warehouseId} onChange={(id) => choose(id, '')} />
        <BinPicker
          id="bin-choice"
          warehouseId={warehouseId}
          value={binId}
          onChange={(id) => choose(warehouseId, id)}
          required
        />
        <FormField id="bin-scan" label={t('binContents.scan')}>
          <Input
            id="bin-scan"
            autoComplete="off"
            disabled={!warehouseId}
            placeholder={t('scan.placeholder')}
            onKeyDown={(e) => void onBinScan(e)}
          />
        </FormField>
      </div>
      {notice ? <Alert>{notice}</Alert> : null}
      {binId ? (
        <>
          <section aria-labelledby="bin-contents" className="flex flex-col gap-2">
            <h2 id="bin-contents" className="text-xl font-semibold">
              {t('binContents.contentsOf', { code: bin?.code ?? '' })}
            </h2>
            <Contents binId={binId} />
          </section>
          <section aria-labelledby="bin-history" className="flex flex-col gap-2">
            <h2 id="bin-history" className="text-xl font-semibold">
              {t('binContents.history')}
            </h2>
            <MovementHistory
              label={t('binContents.history')}
              queryKey={['bin-history', binId]}
              load={async (page) =>
                pageOf(
                  unwrap(
                    await api.GET('/api/v1/bins/{id}/history', {
                      params: { path: { id: binId }, query: { page, page_size: PAGE_SIZE } },
                    }),
                  ),
                )
              }
            />
          </section>
        </>
      ) : (
        <p className="text-muted-foreground">{t('binContents.choose')}</p>
      )}
    </div>
  );
}
