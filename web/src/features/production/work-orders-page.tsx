import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import type { Product } from '../../api/queries';
import { useProductScan } from '../../api/use-product-scan';
import { FormCard } from '../../components/form-card';
import { FormField, invalid } from '../../components/form-field';
import { type OrderLine, OrderLinesEditor } from '../../components/order-lines-editor';
import { OrderListPage, useOrderList } from '../../components/order-pages';
import { ScanField } from '../../components/scan-field';
import { StatusBadge } from '../../components/status-badge';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input, NativeSelect } from '../../components/ui/input';
import { WarehousePicker } from '../../components/warehouse-picker';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { WorkOrderDetail } from './work-order-detail';

type WorkOrderRow = ResponseOf<'/api/v1/work-orders', 'get'>['items'][number];
const WO_STATUSES = ['planned', 'released', 'in_progress', 'completed', 'cancelled'] as const;
type WoStatus = (typeof WO_STATUSES)[number];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
type Priority = (typeof PRIORITIES)[number];
const _PAGE_SIZE = 20;

function NewWorkOrder({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [product, setProduct] = useState<Product | null>(null);
  const { notice, onScan } = useProductScan((found) => setProduct(found));
  const [quantity, setQuantity] = useState('1');
  const [warehouseId, setWarehouseId] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [dueDate, setDueDate] = useState('');
  const [components, setComponents] = useState<OrderLine[]>([]);
  const [key, renewKey] = useIdempotencyKey();
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/work-orders', {
          headers: { 'Idempotency-Key': key },
          body: {
            product_id: product?.id ?? '',
            quantity: Number(quantity),
            warehouse_id: warehouseId,
            priority,
            due_date: dueDate || null,
            components: components.map((c) => ({
              product_id: c.product.id,
              quantity_per_unit: Number(c.quantity),
            })),
          },
        }),
      ),
    onSuccess: (order) => {
      setProduct(null);
      setComponents([]);
      renewKey();
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      onCreated(order.id);
    },
  });
  const fields = fieldErrorsOf(create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <FormCard title={t('production.new')} onSubmit={submit}>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-semibold">{t('production.product')}</legend>
        <ScanField id="wo-product-scan" onScan={(scan) => void onScan(scan)} />
        {notice ? <Alert>{notice}</Alert> : null}
        <p className="text-sm" data-testid="wo-product">
          {product ? `${product.sku} · ${product.name}` : t('production.noProduct')}
        </p>
        {fields.product_id ? <p className="text-sm text-destructive">{fields.product_id}</p> : null}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <FormField id="wo-quantity" label={t('stock.quantity')} error={fields.quantity}>
          <Input
            id="wo-quantity"
            inputMode="decimal"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            {...invalid('wo-quantity', fields.quantity)}
          />
        </FormField>
        <WarehousePicker
          id="wo-warehouse"
          value={warehouseId}
          onChange={setWarehouseId}
          error={fields.warehouse_id}
        />
        <FormField id="wo-priority" label={t('production.priority')} error={fields.priority}>
          <NativeSelect
            id="wo-priority"
            value={priority}
            onChange={(e) => setPriority(e.target.value as Priority)}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`production.priorities.${p}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="wo-due" label={t('production.dueDate')} error={fields.due_date}>
          <Input id="wo-due" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </FormField>
      </div>
      <h3 className="text-sm font-semibold">{t('production.components')}</h3>
      <OrderLinesEditor
        idPrefix="new-wo"
        lines={components}
        onChange={setComponents}
        fields={fields}
        errorPrefix="components"
        quantityLabel={t('production.perUnit')}
      />
      {create.error ? <Alert variant="destructive">{formErrorOf(create.error, t)}</Alert> : null}
      <div>
        <Button type="submit" disabled={create.isPending}>
          {t('orders.create')}
        </Button>
      </div>
    </FormCard>
  );
}

/** Work orders: planned with their components, released, produced (in parts, with lots) and completed. */
export function WorkOrdersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const state = useOrderList<WorkOrderRow, WoStatus>('work-orders', async (query) =>
    unwrap(await api.GET('/api/v1/work-orders', { params: { query } })),
  );
  const columns: ColumnDef<WorkOrderRow>[] = [
    { accessorKey: 'wo_number', header: t('orders.number') },
    {
      id: 'product',
      header: t('production.product'),
      cell: ({ row }) => `${row.original.sku} · ${row.original.product_name}`,
    },
    {
      id: 'quantity',
      header: t('production.madeOfPlanned'),
      cell: ({ row }) =>
        `${format.quantity(row.original.produced_quantity)} / ${format.quantity(row.original.quantity)}`,
    },
    {
      id: 'status',
      header: t('common.status'),
      cell: ({ row }) => (
        <StatusBadge status={row.original.status} label={t(`production.status.${row.original.status}`)} />
      ),
    },
    {
      id: 'priority',
      header: t('production.priority'),
      cell: ({ row }) => t(`production.priorities.${row.original.priority}`),
    },
    {
      id: 'due',
      header: t('production.dueDate'),
      cell: ({ row }) => format.date(row.original.due_date),
    },
    { id: 'progress', header: t('production.progress'), cell: ({ row }) => `${row.original.progress} %` },
  ];
  return (
    <OrderListPage
      title={t('production.title')}
      state={state}
      create={can('POST /api/v1/work-orders') ? <NewWorkOrder onCreated={state.setSelected} /> : null}
      filterId="wo-status-filter"
      statuses={WO_STATUSES}
      statusLabel={(s) => t(`production.status.${s}`)}
      columns={columns}
      numberOf={(row) => row.wo_number}
      detail={(id) => <WorkOrderDetail key={id} id={id} />}
    />
  );
}
