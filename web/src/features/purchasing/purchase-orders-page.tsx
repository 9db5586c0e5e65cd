import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { SelectField } from '../../components/form-field';
import { OrderHeader } from '../../components/order-header';
import { NewOrderCard } from '../../components/order-pages';
import { type ActionRule, StatusActions } from '../../components/status-actions';
import { StatusBadge } from '../../components/status-badge';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table';
import { formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { PoReceipt } from './po-receipt';

function NewOrder({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const suppliers = useQuery({
    queryKey: ['suppliers'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/suppliers', { params: { query: { page_size: 100 } } })),
  });
  const [supplierId, setSupplierId] = useState('');
  return (
    <NewOrderCard
      title={t('purchasing.new')}
      submitLabel={t('purchasing.create')}
      idPrefix="new-po"
      scanId="scan"
      priceLabel={t('purchasing.unitPrice')}
      queryKey="purchase-orders"
      post={async (lines, key) =>
        unwrap(
          await api.POST('/api/v1/purchase-orders', {
            headers: { 'Idempotency-Key': key },
            body: { supplier_id: supplierId, lines },
          }),
        )
      }
      onCreated={onCreated}
    >
      {(fields) => (
        <div className="max-w-sm">
          <SelectField
            id="po-supplier"
            label={t('purchasing.supplier')}
            error={fields.supplier_id}
            value={supplierId}
            onChange={setSupplierId}
          >
            {suppliers.data?.items.map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} · {s.name}
              </option>
            ))}
          </SelectField>
        </div>
      )}
    </NewOrderCard>
  );
}

const ACTIONS = {
  submit: { from: ['draft'], route: 'POST /api/v1/purchase-orders/{id}/submit' },
  approve: { from: ['submitted'], route: 'POST /api/v1/purchase-orders/{id}/approve' },
  close: { from: ['approved', 'partially_received'], route: 'POST /api/v1/purchase-orders/{id}/close' },
  cancel: { from: ['draft', 'submitted', 'approved'], route: 'POST /api/v1/purchase-orders/{id}/cancel' },
} satisfies Record<string, ActionRule>;
type Action = keyof typeof ACTIONS;

function OrderDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const order = useQuery({
    queryKey: ['purchase-order', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/purchase-orders/{id}', { params: { path: { id } } })),
  });
  const act = useMutation({
    mutationFn: async (action: Action) => {
      const options = { params: { path: { id } } };
      if (action === 'submit') return unwrap(await api.POST('/api/v1/purchase-orders/{id}/submit', options));
      if (action === 'approve')
        return unwrap(await api.POST('/api/v1/purchase-orders/{id}/approve', options));
      if (action === 'close') return unwrap(await api.POST('/api/v1/purchase-orders/{id}/close', options));
      return unwrap(await api.POST('/api/v1/purchase-orders/{id}/cancel', options));
    },
    onSettled: () => void queryClient.invalidateQueries(),
  });
  const po = order.data;
  if (!po) return null;
  const receivable = ['approved', 'partially_received'].includes(po.status);
  return (
    <Card>
      <OrderHeader
        number={po.po_number}
        party={po.supplier_name}
        status={po.status}
        statusLabel={t(`purchasing.status.${po.status}`)}
        statusTestId="po-status"
      />
      <CardContent className="flex flex-col gap-4">
        {act.error ? <Alert variant="destructive">{formErrorOf(act.error, t)}</Alert> : null}
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('reports.columns.sku')}</TableHead>
              <TableHead>{t('reports.columns.product_name')}</TableHead>
              <TableHead className="text-right">{t('purchasing.ordered')}</TableHead>
              <TableHead className="text-right">{t('purchasing.received')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {po.lines.map((line) => (
              <TableRow key={line.id}>
                <TableCell>{line.sku}</TableCell>
                <TableCell>{line.material_name}</TableCell>
                <TableCell className="text-right">{line.quantity}</TableCell>
                <TableCell className="text-right">{line.received_quantity}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <StatusActions
          rules={ACTIONS}
          status={po.status}
          label={(action) => t(`purchasing.actions.${action}`)}
          onAct={(action) => act.mutate(action)}
          pending={act.isPending}
          secondary={['cancel']}
        />
        {receivable && can('POST /api/v1/purchase-orders/{id}/receipts') ? (
          <PoReceipt key={`${po.id}-${po.version}`} order={po} />
        ) : null}
      </CardContent>
    </Card>
  );
}

/** Purchase orders: create from scans, submit, approve, receive (partially), close or cancel. */
export function PurchaseOrdersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [selected, setSelected] = useState<string | null>(null);
  const orders = useQuery({
    queryKey: ['purchase-orders'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/purchase-orders', { params: { query: { page_size: 50 } } })),
  });
  const format = useFormat();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('purchasing.title')}</h1>
      {can('POST /api/v1/purchase-orders') ? <NewOrder onCreated={setSelected} /> : null}
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t('transfers.number')}</TableHead>
            <TableHead>{t('purchasing.supplier')}</TableHead>
            <TableHead>{t('common.status')}</TableHead>
            <TableHead className="text-right">{t('purchasing.total')}</TableHead>
            <TableHead>
              <span className="sr-only">{t('common.actions')}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {orders.data?.items.map((po) => (
            <TableRow key={po.id} className={po.id === selected ? 'bg-muted' : undefined}>
              <TableCell>{po.po_number}</TableCell>
              <TableCell>{po.supplier_name}</TableCell>
              <TableCell>
                <StatusBadge status={po.status} label={t(`purchasing.status.${po.status}`)} />
              </TableCell>
              <TableCell className="text-right">{format.money(po.total)}</TableCell>
              <TableCell>
                <Button size="sm" variant="outline" onClick={() => setSelected(po.id)}>
                  {t('purchasing.open')}
                  <span className="sr-only"> {po.po_number}</span>
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {selected ? <OrderDetail id={selected} /> : null}
    </div>
  );
}
