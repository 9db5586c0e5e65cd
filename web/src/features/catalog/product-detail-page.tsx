import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { MovementHistory, pageOf } from '../../components/movement-history';
import { Alert } from '../../components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { formErrorOf } from '../../lib/api-errors';
import { useFormat } from '../../lib/format';

type Balance = ResponseOf<'/api/v1/inventory/balances', 'get'>['items'][number];
type Lot = ResponseOf<'/api/v1/products/{id}/lots', 'get'>['items'][number];
const PAGE_SIZE = 20;

/** A paged list the server keeps, with its page in local state. */
function usePaged<T>(key: readonly unknown[], load: (page: number) => Promise<T>) {
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: [...key, page],
    placeholderData: keepPreviousData,
    queryFn: () => load(page),
  });
  return { query, page, setPage };
}

function Distribution({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const formats = useFormat();
  const { query, page, setPage } = usePaged(['balances', 'product', productId], async (page) =>
    unwrap(
      await api.GET('/api/v1/inventory/balances', {
        params: { query: { product_id: productId, page, page_size: PAGE_SIZE } },
      }),
    ),
  );
  const number = (field: 'on_hand' | 'reserved' | 'available') =>
    ({
      id: field,
      header: () => <span className="block text-right">{t(`stockViews.${field}`)}</span>,
      cell: ({ row }) => (
        <span className="block text-right tabular-nums">{formats.quantity(row.original[field])}</span>
      ),
    }) satisfies ColumnDef<Balance>;
  const columns: ColumnDef<Balance>[] = [
    { accessorKey: 'warehouse_code', header: t('stock.warehouse') },
    {
      id: 'bin',
      header: t('stock.bin'),
      cell: ({ row }) => (
        <Link
          to={`/stock/bins?warehouse=${row.original.warehouse_id}&bin=${row.original.bin_id}`}
          className="text-primary underline-offset-4 hover:underline"
        >
          {row.original.bin_code}
        </Link>
      ),
    },
    { id: 'lot', header: t('stock.lot'), cell: ({ row }) => row.original.lot_number ?? '—' },
    { id: 'expiry', header: t('stock.expiry'), cell: ({ row }) => formats.date(row.original.expiry_date) },
    number('on_hand'),
    number('reserved'),
    number('available'),
  ];
  return (
    <DataTable
      label={t('productDetail.distribution')}
      columns={columns}
      data={query.data}
      error={query.error}
      page={page}
      onPage={setPage}
      rowKey={(b) => `${b.bin_id}-${b.lot_id ?? ''}`}
    />
  );
}

function Lots({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const formats = useFormat();
  const { query, page, setPage } = usePaged(['lots', productId], async (page) =>
    unwrap(
      await api.GET('/api/v1/products/{id}/lots', {
        params: { path: { id: productId }, query: { page, page_size: PAGE_SIZE } },
      }),
    ),
  );
  const columns: ColumnDef<Lot>[] = [
    { accessorKey: 'lot_number', header: t('stock.lot') },
    { id: 'expiry', header: t('stock.expiry'), cell: ({ row }) => formats.date(row.original.expiry_date) },
    {
      id: 'made',
      header: t('productDetail.manufactured'),
      cell: ({ row }) => formats.date(row.original.manufactured_on),
    },
  ];
  return (
    <DataTable
      label={t('productDetail.lots')}
      columns={columns}
      data={query.data}
      error={query.error}
      page={page}
      onPage={setPage}
      rowKey={(lot) => lot.id}
    />
  );
}

/** One product: where its stock is (per warehouse, bin and lot), its lots, and its movements. */
export function ProductDetailPage() {
  const { t } = useTranslation();
  const formats = useFormat();
  const { id = '' } = useParams();
  const product = useQuery({
    queryKey: ['product', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/products/{id}', { params: { path: { id } } })),
  });
  if (product.error) return <Alert variant="destructive">{formErrorOf(product.error, t)}</Alert>;
  const p = product.data;
  if (!p) return <p>{t('common.loading')}</p>;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to="/products" className="text-sm text-primary underline-offset-4 hover:underline">
          {t('productDetail.back')}
        </Link>
        <h1 className="text-2xl font-bold">
          {p.sku} · {p.name}
        </h1>
        <p className="text-sm text-muted-foreground">
          {t(`products.tracking.${p.tracking as 'none' | 'lot'}`, { defaultValue: p.tracking })}
          {p.barcode ? ` · ${p.barcode}` : ''}
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {(['on_hand', 'reserved', 'available'] as const).map((field) => (
          <Card key={field}>
            <CardHeader>
              <CardTitle className="text-sm font-medium">{t(`stockViews.${field}`)}</CardTitle>
            </CardHeader>
            <CardContent className="text-2xl font-bold tabular-nums">
              {formats.quantity(p.stock[field])} {p.unit_of_measure}
            </CardContent>
          </Card>
        ))}
      </div>
      <section aria-labelledby="product-distribution" className="flex flex-col gap-2">
        <h2 id="product-distribution" className="text-xl font-semibold">
          {t('productDetail.distribution')}
        </h2>
        <Distribution productId={id} />
      </section>
      {p.tracking === 'lot' ? (
        <section aria-labelledby="product-lots" className="flex flex-col gap-2">
          <h2 id="product-lots" className="text-xl font-semibold">
            {t('productDetail.lots')}
          </h2>
          <Lots productId={id} />
        </section>
      ) : null}
      <section aria-labelledby="product-movements" className="flex flex-col gap-2">
        <h2 id="product-movements" className="text-xl font-semibold">
          {t('productDetail.movements')}
        </h2>
        <MovementHistory
          label={t('productDetail.movements')}
          queryKey={['movements', { product_id: id }]}
          load={async (page) =>
            pageOf(
              unwrap(
                await api.GET('/api/v1/stock-movements', {
                  params: { query: { product_id: id, page, page_size: PAGE_SIZE } },
                }),
              ),
            )
          }
        />
      </section>
    </div>
  );
}
