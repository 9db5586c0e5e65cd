import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import type { Product } from '../../api/queries';
import { DataTable } from '../../components/data-table';
import { FormCard } from '../../components/form-card';
import { FormField, invalid, SelectField } from '../../components/form-field';
import { ProductScan } from '../../components/product-scan';
import type { ScanFieldHandle } from '../../components/scan-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { WarehousePicker } from '../../components/warehouse-picker';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { quantityOf } from './quantity';

type Reservation = ResponseOf<'/api/v1/reservations', 'get'>['items'][number];
const STATUSES = ['active', 'released', 'consumed', 'expired'] as const;
type Status = (typeof STATUSES)[number];
const PAGE_SIZE = 20;

function NewReservation() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const scanField = useRef<ScanFieldHandle>(null);
  const [product, setProduct] = useState<Product | null>(null);
  const [warehouseId, setWarehouseId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [reference, setReference] = useState('');
  const [ttl, setTtl] = useState('');
  const [key, renewKey] = useIdempotencyKey();
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/reservations', {
          headers: { 'Idempotency-Key': key },
          body: {
            product_id: product?.id ?? '',
            warehouse_id: warehouseId,
            quantity: quantityOf(quantity),
            reference: reference.trim(),
            ...(ttl.trim() ? { ttl_minutes: quantityOf(ttl) } : {}),
          },
        }),
      ),
    onSuccess: () => {
      setProduct(null);
      setQuantity('1');
      setReference('');
      renewKey();
      void queryClient.invalidateQueries({ queryKey: ['reservations'] });
      scanField.current?.focus();
    },
  });
  const fields = fieldErrorsOf(create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <FormCard title={t('stockReservations.new')} onSubmit={submit} className="flex flex-col gap-4">
      <ProductScan
        id="reservation-scan"
        ref={scanField}
        product={product}
        onPick={(found, scan) => {
          setProduct(found);
          if (scan?.quantity) setQuantity(scan.quantity);
        }}
        error={fields.product_id}
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <WarehousePicker
          id="reservation-warehouse"
          value={warehouseId}
          onChange={setWarehouseId}
          error={fields.warehouse_id}
        />
        <FormField id="reservation-qty" label={t('stock.quantity')} error={fields.quantity}>
          <Input
            id="reservation-qty"
            inputMode="decimal"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            {...invalid('reservation-qty', fields.quantity)}
          />
        </FormField>
        <FormField id="reservation-reference" label={t('stock.reference')} error={fields.reference}>
          <Input
            id="reservation-reference"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            {...invalid('reservation-reference', fields.reference)}
          />
        </FormField>
        <FormField id="reservation-ttl" label={t('stockReservations.ttl')} error={fields.ttl_minutes}>
          <Input
            id="reservation-ttl"
            inputMode="numeric"
            value={ttl}
            onChange={(e) => setTtl(e.target.value)}
            {...invalid('reservation-ttl', fields.ttl_minutes)}
          />
        </FormField>
      </div>
      {create.error ? <Alert variant="destructive">{formErrorOf(create.error, t)}</Alert> : null}
      {create.isSuccess ? <Alert variant="success">{t('stockReservations.created')}</Alert> : null}
      <div>
        <Button type="submit" disabled={create.isPending}>
          {t('stockReservations.create')}
        </Button>
      </div>
    </FormCard>
  );
}

/** Stock held for an order or a customer until it is used, released or expires. */
export function ReservationsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const formats = useFormat();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string>('active');
  const [warehouseId, setWarehouseId] = useState('');
  const [paging, setPaging] = useState({ filter: '', page: 1 });
  const filter = `${status}|${warehouseId}`;
  const page = paging.filter === filter ? paging.page : 1;
  const reservations = useQuery({
    queryKey: ['reservations', status, warehouseId, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/reservations', {
          params: {
            query: {
              page,
              page_size: PAGE_SIZE,
              ...(status ? { status: status as Status } : {}),
              ...(warehouseId ? { warehouse_id: warehouseId } : {}),
            },
          },
        }),
      ),
  });
  const release = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/reservations/{id}', { params: { path: { id } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['reservations'] }),
  });
  const canRelease = can('DELETE /api/v1/reservations/{id}');
  const columns: ColumnDef<Reservation>[] = [
    {
      id: 'created',
      header: t('stockReservations.created_at'),
      cell: ({ row }) => formats.dateTime(row.original.created_at),
    },
    {
      id: 'product',
      header: t('stockViews.product'),
      cell: ({ row }) =>
        [row.original.sku, row.original.product_name, row.original.lot_number].filter(Boolean).join(' · '),
    },
    {
      id: 'warehouse',
      header: t('stock.warehouse'),
      cell: ({ row }) => row.original.warehouse_code,
    },
    {
      id: 'quantity',
      header: () => <span className="block text-right">{t('stock.quantity')}</span>,
      cell: ({ row }) => (
        <span className="block text-right tabular-nums">{formats.quantity(row.original.quantity)}</span>
      ),
    },
    { accessorKey: 'reference', header: t('stock.reference') },
    {
      id: 'status',
      header: t('common.status'),
      cell: ({ row }) =>
        t(`stockReservations.status.${row.original.status as Status}`, { defaultValue: row.original.status }),
    },
    {
      id: 'expires',
      header: t('stockReservations.expires'),
      cell: ({ row }) => formats.dateTime(row.original.expires_at),
    },
    ...(canRelease
      ? [
          {
            id: 'actions',
            header: () => <span className="sr-only">{t('common.actions')}</span>,
            cell: ({ row }) =>
              row.original.status === 'active' ? (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={release.isPending}
                  onClick={() => release.mutate(row.original.id)}
                >
                  {t('stockReservations.release')}
                  <span className="sr-only"> {row.original.reference}</span>
                </Button>
              ) : null,
          } satisfies ColumnDef<Reservation>,
        ]
      : []),
  ];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('stockReservations.title')}</h1>
      {can('POST /api/v1/reservations') ? <NewReservation /> : null}
      <section aria-label={t('stockMovements.filters')} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField
          id="reservation-status"
          label={t('common.status')}
          emptyLabel={t('stockViews.allStatuses')}
          value={status}
          onChange={setStatus}
        >
          {STATUSES.map((code) => (
            <option key={code} value={code}>
              {t(`stockReservations.status.${code}`)}
            </option>
          ))}
        </SelectField>
        <WarehousePicker
          id="reservation-filter-warehouse"
          value={warehouseId}
          onChange={setWarehouseId}
          emptyLabel={t('stockViews.allWarehouses')}
        />
      </section>
      {release.error ? <Alert variant="destructive">{formErrorOf(release.error, t)}</Alert> : null}
      <DataTable
        label={t('stockReservations.title')}
        columns={columns}
        data={reservations.data}
        error={reservations.error}
        page={page}
        onPage={(next) => setPaging({ filter, page: next })}
        rowKey={(r) => r.id}
      />
    </div>
  );
}
