import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure, api, type ResponseOf, unwrap } from '../../api/client';
import { OrderHeader } from '../../components/order-header';
import { type ActionRule, StatusActions } from '../../components/status-actions';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table';
import { formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { type Shipment, ShipmentResult, SoShipment } from './so-shipment';

export type SalesOrder = ResponseOf<'/api/v1/sales-orders/{id}', 'get'>;

const ACTIONS = {
  close: { from: ['shipped', 'partially_shipped'], route: 'POST /api/v1/sales-orders/{id}/close' },
  cancel: {
    from: ['draft', 'confirmed', 'partially_shipped'],
    route: 'POST /api/v1/sales-orders/{id}/cancel',
  },
} satisfies Record<string, ActionRule>;
type Action = keyof typeof ACTIONS;

interface ShortLine {
  line_id: string;
  sku: string;
  requested: number;
  available: number;
}

/** The lines a refused confirmation lists as short (the 409 body's `short_lines`), if it is one. */
function shortLinesOf(error: unknown): ShortLine[] | null {
  if (!(error instanceof ApiFailure)) return null;
  const short = error.body.short_lines;
  return Array.isArray(short) ? (short as ShortLine[]) : null;
}

/**
 * Confirming reserves every line; when stock is short the API refuses and lists the short lines,
 * shown here with the choice to confirm anyway and keep the rest on backorder.
 */
function SoConfirm({ order }: { order: SalesOrder }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [key, renewKey] = useIdempotencyKey();
  const confirm = useMutation({
    mutationFn: async (allowBackorder: boolean) =>
      unwrap(
        await api.POST('/api/v1/sales-orders/{id}/confirm', {
          headers: { 'Idempotency-Key': key },
          params: { path: { id: order.id }, query: allowBackorder ? { allow_backorder: true } : {} },
        }),
      ),
    onSuccess: () => {
      renewKey();
      void queryClient.invalidateQueries({ queryKey: ['sales-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['sales-order', order.id] });
    },
  });
  const short = shortLinesOf(confirm.error);
  return (
    <section aria-labelledby="so-confirm-title" className="flex flex-col gap-3">
      <h3 id="so-confirm-title" className="font-semibold">
        {t('sales.confirmTitle')}
      </h3>
      {short ? (
        <Alert variant="destructive">
          <p>{formErrorOf(confirm.error, t)}</p>
          <p>{t('sales.shortHint')}</p>
        </Alert>
      ) : confirm.error ? (
        <Alert variant="destructive">{formErrorOf(confirm.error, t)}</Alert>
      ) : null}
      {short ? (
        <Table aria-label={t('sales.shortLines')}>
          <TableHeader>
            <TableRow>
              <TableHead>{t('sales.columns.sku')}</TableHead>
              <TableHead className="text-right">{t('sales.requested')}</TableHead>
              <TableHead className="text-right">{t('sales.available')}</TableHead>
              <TableHead className="text-right">{t('sales.columns.backorder')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {short.map((line) => (
              <TableRow key={line.line_id}>
                <TableCell>{line.sku}</TableCell>
                <TableCell className="text-right">{format.quantity(line.requested)}</TableCell>
                <TableCell className="text-right">{format.quantity(line.available)}</TableCell>
                <TableCell className="text-right">
                  {format.quantity(Math.max(0, line.requested - line.available))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="button" disabled={confirm.isPending} onClick={() => confirm.mutate(false)}>
          {t('sales.confirm')}
        </Button>
        {short ? (
          <Button
            type="button"
            variant="outline"
            disabled={confirm.isPending}
            onClick={() => confirm.mutate(true)}
          >
            {t('sales.confirmBackorder')}
          </Button>
        ) : null}
      </div>
    </section>
  );
}

/** One sales order: its lines with what is reserved, shipped and on backorder, and what may be done next. */
export function SalesOrderDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const order = useQuery({
    queryKey: ['sales-order', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/sales-orders/{id}', { params: { path: { id } } })),
  });
  const [key, renewKey] = useIdempotencyKey();
  const [shipped, setShipped] = useState<Shipment | null>(null);
  const act = useMutation({
    mutationFn: async (action: Action) => {
      const options = { headers: { 'Idempotency-Key': key }, params: { path: { id } } };
      if (action === 'close') return unwrap(await api.POST('/api/v1/sales-orders/{id}/close', options));
      return unwrap(await api.POST('/api/v1/sales-orders/{id}/cancel', options));
    },
    onSuccess: () => {
      renewKey();
      void queryClient.invalidateQueries({ queryKey: ['sales-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['sales-order', id] });
    },
  });
  const so = order.data;
  if (!so) return null;
  const backorder = so.lines.some((line) => line.backorder_quantity > 0);
  const shippable = ['confirmed', 'partially_shipped'].includes(so.status);
  return (
    <Card>
      <OrderHeader
        number={so.so_number}
        party={so.customer_name}
        status={so.status}
        statusLabel={t(`sales.status.${so.status}`)}
        facts={[
          { label: t('orders.date'), value: format.date(so.order_date) },
          { label: t('orders.total'), value: format.number(so.total) },
        ]}
      />
      <CardContent className="flex flex-col gap-4">
        {act.error ? <Alert variant="destructive">{formErrorOf(act.error, t)}</Alert> : null}
        {backorder ? <Alert>{t('sales.onBackorder')}</Alert> : null}
        <Table aria-label={t('sales.lines')}>
          <TableHeader>
            <TableRow>
              <TableHead>{t('sales.columns.sku')}</TableHead>
              <TableHead>{t('sales.columns.product')}</TableHead>
              <TableHead className="text-right">{t('sales.columns.ordered')}</TableHead>
              <TableHead className="text-right">{t('sales.columns.reserved')}</TableHead>
              <TableHead className="text-right">{t('sales.columns.shipped')}</TableHead>
              <TableHead className="text-right">{t('sales.columns.backorder')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {so.lines.map((line) => (
              <TableRow key={line.id}>
                <TableCell>{line.sku}</TableCell>
                <TableCell>{line.product_name}</TableCell>
                <TableCell className="text-right">{format.quantity(line.quantity)}</TableCell>
                <TableCell className="text-right">{format.quantity(line.reserved_quantity)}</TableCell>
                <TableCell className="text-right">{format.quantity(line.shipped_quantity)}</TableCell>
                <TableCell className="text-right" data-testid={`backorder-${line.sku}`}>
                  {format.quantity(line.backorder_quantity)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <StatusActions
          rules={ACTIONS}
          status={so.status}
          label={(action) => t(`sales.actions.${action}`)}
          onAct={(action) => act.mutate(action)}
          pending={act.isPending}
          secondary={['cancel']}
        />
        {so.status === 'draft' && can('POST /api/v1/sales-orders/{id}/confirm') ? (
          <SoConfirm order={so} />
        ) : null}
        {shippable && can('POST /api/v1/sales-orders/{id}/shipments') ? (
          <SoShipment key={`${so.id}-${so.version}`} order={so} onShipped={setShipped} />
        ) : null}
        {shipped ? <ShipmentResult order={so} shipment={shipped} /> : null}
      </CardContent>
    </Card>
  );
}
