import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { SelectField } from '../../components/form-field';
import { NewOrderCard, OrderListPage, useOrderList } from '../../components/order-pages';
import { StatusBadge } from '../../components/status-badge';
import { WarehousePicker } from '../../components/warehouse-picker';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
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

function NewSalesOrder({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const customers = useQuery({
    queryKey: ['customers', 'active'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/customers', { params: { query: { page_size: 100, is_active: true } } })),
  });
  const [customerId, setCustomerId] = useState('');
  const [warehouseId, setWarehouseId] = useState('');
  return (
    <NewOrderCard
      title={t('sales.new')}
      submitLabel={t('orders.create')}
      idPrefix="new-so"
      priceLabel={t('orders.unitPrice')}
      queryKey="sales-orders"
      post={async (lines, key) =>
        unwrap(
          await api.POST('/api/v1/sales-orders', {
            headers: { 'Idempotency-Key': key },
            body: { customer_id: customerId, warehouse_id: warehouseId, lines },
          }),
        )
      }
      onCreated={onCreated}
    >
      {(fields) => (
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
      )}
    </NewOrderCard>
  );
}

/** Sales orders: written from scans, confirmed (with backorders if need be), shipped from a pick list. */
export function SalesOrdersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const state = useOrderList<SalesOrderRow, SoStatus>('sales-orders', async (query) =>
    unwrap(await api.GET('/api/v1/sales-orders', { params: { query } })),
  );
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
  ];
  return (
    <OrderListPage
      title={t('sales.title')}
      state={state}
      create={can('POST /api/v1/sales-orders') ? <NewSalesOrder onCreated={state.setSelected} /> : null}
      filterId="so-status-filter"
      statuses={SO_STATUSES}
      statusLabel={(s) => t(`sales.status.${s}`)}
      columns={columns}
      numberOf={(row) => row.so_number}
      detail={(id) => <SalesOrderDetail key={id} id={id} />}
    />
  );
}
