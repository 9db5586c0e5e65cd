import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { FormCard } from '../../components/form-card';
import { SelectField } from '../../components/form-field';
import { type OrderLine, OrderLinesEditor } from '../../components/order-lines-editor';
import { StatusBadge } from '../../components/status-badge';
import { StatusFilter } from '../../components/status-filter';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { WarehousePicker } from '../../components/warehouse-picker';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { SalesOrderDetail } from './sales-order-detail';

type SalesOrderRow = ResponseOf<'/api/v1/sales-orders', 'get'>['items'][number];
export const SO_STATUSES = [
  'draft',
  'confirmed',
  'partially_shipped',
  'shipped',
  'closed',
  'cancelled',
] as const;
type SoStatus = (typeof SO_STATUSES)[number];
const PAGE_SIZE = 20;

function NewSalesOrder({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const customers = useQuery({
    queryKey: ['customers', 'active'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/customers', { params: { query: { page_size: 100, is_active: true } } })),
  });
  const [customerId, setCustomerId] = useState('');
  const [warehouseId, setWarehouseId] = useState('');
  const [lines, setLines] = useState<OrderLine[]>([]);
  const [key, renewKey] = useIdempotencyKey();
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/sales-orders', {
          headers: { 'Idempotency-Key': key },
          body: {
            customer_id: customerId,
            warehouse_id: warehouseId,
            lines: lines.map((l) => ({
              product_id: l.product.id,
              quantity: Number(l.quantity),
              unit_price: Number(l.price),
            })),
          },
        }),
      ),
    onSuccess: (order) => {
      setLines([]);
      renewKey();
      void queryClient.invalidateQueries({ queryKey: ['sales-orders'] });
      onCreated(order.id);
    },
  });
  const fields = fieldErrorsOf(create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <FormCard title={t('sales.new')} onSubmit={submit}>
      <div className="grid gap-3 sm:grid-cols-2 lg:max-w-2xl">
        <SelectField
          id="so-customer"
          label={t('sales.customer')}
          error={fields.customer_id}
          value={customerId}
          onChange={setCustomerId}
        >
          {customers.data?.items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.code} · {c.name}
            </option>
          ))}
        </SelectField>
        <WarehousePicker
          id="so-warehouse"
          value={warehouseId}
          onChange={setWarehouseId}
          error={fields.warehouse_id}
        />
      </div>
      <OrderLinesEditor
        idPrefix="new-so"
        lines={lines}
        onChange={setLines}
        fields={fields}
        priceLabel={t('orders.unitPrice')}
      />
      {create.error ? <Alert variant="destructive">{formErrorOf(create.error, t)}</Alert> : null}
      <div>
        <Button type="submit" disabled={create.isPending || lines.length === 0}>
          {t('orders.create')}
        </Button>
      </div>
    </FormCard>
  );
}

/** Sales orders: written from scans, confirmed (with backorders if need be), shipped from a pick list. */
export function SalesOrdersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const [selected, setSelected] = useState<string | null>(null);
  const [status, setStatus] = useState<SoStatus | ''>('');
  const [page, setPage] = useState(1);
  const orders = useQuery({
    queryKey: ['sales-orders', status, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/sales-orders', {
          params: { query: { page, page_size: PAGE_SIZE, ...(status ? { status } : {}) } },
        }),
      ),
  });
  const columns: ColumnDef<SalesOrderRow>[] = [
    { accessorKey: 'so_number', header: t('orders.number') },
    { accessorKey: 'customer_name', header: t('sales.customer') },
    {
      id: 'order_date',
      header: t('orders.date'),
      cell: ({ row }) => format.date(row.original.order_date),
    },
    {
      id: 'status',
      header: t('common.status'),
      cell: ({ row }) => (
        <StatusBadge status={row.original.status} label={t(`sales.status.${row.original.status}`)} />
      ),
    },
    {
      id: 'total',
      header: () => <span className="block text-right">{t('orders.total')}</span>,
      cell: ({ row }) => <span className="block text-right">{format.number(row.original.total)}</span>,
    },
    {
      id: 'open',
      header: () => <span className="sr-only">{t('common.actions')}</span>,
      cell: ({ row }) => (
        <Button size="sm" variant="outline" onClick={() => setSelected(row.original.id)}>
          {t('orders.open')}
          <span className="sr-only"> {row.original.so_number}</span>
        </Button>
      ),
    },
  ];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('sales.title')}</h1>
      {can('POST /api/v1/sales-orders') ? <NewSalesOrder onCreated={setSelected} /> : null}
      <StatusFilter
        id="so-status-filter"
        statuses={SO_STATUSES}
        value={status}
        onChange={(next) => {
          setStatus(next);
          setPage(1);
        }}
        label={(s) => t(`sales.status.${s}`)}
      />
      <DataTable
        columns={columns}
        data={orders.data}
        page={page}
        onPage={setPage}
        rowClassName={(row) => (row.id === selected ? 'bg-muted' : undefined)}
      />
      {selected ? <SalesOrderDetail key={selected} id={selected} /> : null}
    </div>
  );
}
