import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Product } from '../../api/queries';
import type { paths } from '../../api/schema';
import { DataTable, numberedPage } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../../components/ui/dialog';
import { Input } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { ProductForm } from './product-form';

const PAGE_SIZE = 20;

/** The catalogue: searched on the server as the user types, a page at a time. */
type ProductSort = NonNullable<paths['/api/v1/products']['get']['parameters']['query']>['sort_by'];

export function ProductsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const [page, setPage] = useState(1);
  const [sortBy, setSortBy] = useState('name_asc');
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const products = useQuery({
    queryKey: ['products', deferred, sortBy, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      numberedPage(
        unwrap(
          await api.GET('/api/v1/products', {
            params: {
              query: {
                page,
                page_size: PAGE_SIZE,
                sort_by: sortBy as ProductSort,
                ...(deferred ? { search: deferred } : {}),
              },
            },
          }),
        ),
      ),
  });
  const format = useFormat();
  const canEdit = can('PATCH /api/v1/products/{id}');
  const columns: ColumnDef<Product>[] = [
    {
      accessorKey: 'sku',
      header: t('products.fields.sku'),
      meta: { sortKey: 'sku' },
      cell: ({ row }) => (
        <Link
          to={`/products/${row.original.id}`}
          className="font-medium text-primary underline-offset-4 hover:underline"
        >
          {row.original.sku}
        </Link>
      ),
    },
    { accessorKey: 'name', header: t('products.fields.name'), meta: { sortKey: 'name' } },
    { accessorKey: 'barcode', header: t('products.fields.barcode') },
    {
      id: 'tracking',
      header: t('products.fields.tracking'),
      cell: ({ row }) => t(`products.tracking.${row.original.tracking}`),
    },
    {
      id: 'on_hand',
      header: t('products.onHand'),
      meta: { sortKey: 'stock' },
      cell: ({ row }) => `${format.quantity(row.original.on_hand)} ${row.original.unit_of_measure}`,
    },
    ...(canEdit
      ? [
          {
            id: 'edit',
            header: () => <span className="sr-only">{t('common.actions')}</span>,
            cell: ({ row }) => (
              <Button size="sm" variant="outline" onClick={() => setEditing(row.original)}>
                {t('common.edit')}
                <span className="sr-only"> {row.original.sku}</span>
              </Button>
            ),
          } satisfies ColumnDef<Product>,
        ]
      : []),
  ];
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">{t('products.title')}</h1>
        {can('POST /api/v1/products') ? (
          <Button onClick={() => setEditing('new')}>{t('products.new')}</Button>
        ) : null}
      </div>
      <div className="flex max-w-md flex-col gap-1.5">
        <Label htmlFor="product-search">{t('common.search')}</Label>
        <Input
          id="product-search"
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
      </div>
      <DataTable
        columns={columns}
        data={products.data}
        page={page}
        onPage={setPage}
        rowKey={(p) => p.id}
        sort={{
          by: sortBy,
          onSort: (by) => {
            setSortBy(by);
            setPage(1);
          },
        }}
      />
      <Dialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        <DialogContent>
          <DialogTitle>{editing === 'new' ? t('products.new') : t('products.edit')}</DialogTitle>
          <DialogDescription>{t('products.formHint')}</DialogDescription>
          {editing ? (
            <ProductForm product={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
          ) : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}
