import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { BinPicker } from '../../components/bin-picker';
import { FormField, invalid } from '../../components/form-field';
import { OrderHeader } from '../../components/order-header';
import { type ActionRule, StatusActions } from '../../components/status-actions';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';

type WorkOrder = ResponseOf<'/api/v1/work-orders/{id}', 'get'>;

const ACTIONS = {
  release: { from: ['planned'], route: 'POST /api/v1/work-orders/{id}/release' },
  start: { from: ['released'], route: 'POST /api/v1/work-orders/{id}/start' },
  cancel: { from: ['planned', 'released', 'in_progress'], route: 'POST /api/v1/work-orders/{id}/cancel' },
} satisfies Record<string, ActionRule>;
type Action = keyof typeof ACTIONS;

function invalidateOrder(queryClient: ReturnType<typeof useQueryClient>, id: string) {
  void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
  void queryClient.invalidateQueries({ queryKey: ['work-order', id] });
}

/** Progress (0–100) the floor reports while the order is in progress. */
function ProgressForm({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState(String(order.progress));
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/work-orders/{id}', {
          params: { path: { id: order.id } },
          body: { progress: Number(progress) },
        }),
      ),
    onSuccess: () => invalidateOrder(queryClient, order.id),
  });
  const fields = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={submit} className="grid items-start gap-3 sm:grid-cols-[12rem_max-content]" noValidate>
      <FormField id="wo-progress" label={t('production.progressPercent')} error={fields.progress}>
        <Input
          id="wo-progress"
          inputMode="numeric"
          value={progress}
          onChange={(e) => setProgress(e.target.value)}
          {...invalid('wo-progress', fields.progress)}
        />
      </FormField>
      <Button type="submit" variant="outline" className="sm:mt-6" disabled={save.isPending}>
        {t('production.reportProgress')}
      </Button>
      {save.error && !fields.progress ? (
        <Alert variant="destructive" className="sm:col-span-2">
          {formErrorOf(save.error, t)}
        </Alert>
      ) : null}
    </form>
  );
}

/**
 * Producing: how many (all that is left by default), into which lot and bin. Components are
 * consumed per unit by the API; Complete produces whatever is left and closes the order.
 */
function ProduceForm({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const left = order.quantity - order.produced_quantity;
  const [quantity, setQuantity] = useState(String(left));
  const [lot, setLot] = useState('');
  const [expiry, setExpiry] = useState('');
  const [binId, setBinId] = useState('');
  const [key, renewKey] = useIdempotencyKey();
  const produce = useMutation({
    mutationFn: async (complete: boolean) => {
      const body = { lot_number: lot || null, expiry_date: expiry || null, bin_id: binId || null };
      const options = { headers: { 'Idempotency-Key': key }, params: { path: { id: order.id } } };
      return complete
        ? unwrap(await api.POST('/api/v1/work-orders/{id}/complete', { ...options, body }))
        : unwrap(
            await api.POST('/api/v1/work-orders/{id}/produce', {
              ...options,
              body: { ...body, quantity: Number(quantity) },
            }),
          );
    },
    onSuccess: () => {
      renewKey();
      invalidateOrder(queryClient, order.id);
    },
  });
  const fields = fieldErrorsOf(produce.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    produce.mutate(false);
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate aria-labelledby="wo-produce-title">
      <h3 id="wo-produce-title" className="font-semibold">
        {t('production.produce')} ({t('production.left', { quantity: format.quantity(left) })})
      </h3>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <FormField id="wo-produce-qty" label={t('stock.quantity')} error={fields.quantity}>
          <Input
            id="wo-produce-qty"
            inputMode="decimal"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            {...invalid('wo-produce-qty', fields.quantity)}
          />
        </FormField>
        <FormField id="wo-produce-lot" label={t('stock.lot')} error={fields.lot_number}>
          <Input
            id="wo-produce-lot"
            value={lot}
            onChange={(e) => setLot(e.target.value)}
            {...invalid('wo-produce-lot', fields.lot_number)}
          />
        </FormField>
        <FormField id="wo-produce-expiry" label={t('stock.expiry')} error={fields.expiry_date}>
          <Input
            id="wo-produce-expiry"
            type="date"
            value={expiry}
            onChange={(e) => setExpiry(e.target.value)}
          />
        </FormField>
        <BinPicker
          id="wo-produce-bin"
          warehouseId={order.warehouse_id}
          value={binId}
          onChange={setBinId}
          error={fields.bin_id}
        />
      </div>
      {produce.error ? <Alert variant="destructive">{formErrorOf(produce.error, t)}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={produce.isPending}>
          {t('production.postProduce')}
        </Button>
        {can('POST /api/v1/work-orders/{id}/complete') ? (
          <Button
            type="button"
            variant="outline"
            disabled={produce.isPending}
            onClick={() => produce.mutate(true)}
          >
            {t('production.complete')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** One work order: progress, its components with what is needed and used, and the next steps. */
export function WorkOrderDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const order = useQuery({
    queryKey: ['work-order', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/work-orders/{id}', { params: { path: { id } } })),
  });
  const wo = order.data;
  const [key, renewKey] = useIdempotencyKey();
  const act = useMutation({
    mutationFn: async (action: Action) => {
      const options = { headers: { 'Idempotency-Key': key }, params: { path: { id } } };
      if (action === 'release') return unwrap(await api.POST('/api/v1/work-orders/{id}/release', options));
      if (action === 'start') return unwrap(await api.POST('/api/v1/work-orders/{id}/start', options));
      return unwrap(await api.POST('/api/v1/work-orders/{id}/cancel', options));
    },
    onSuccess: () => {
      renewKey();
      invalidateOrder(queryClient, id);
    },
  });
  if (!wo) return null;
  const producing = ['released', 'in_progress'].includes(wo.status);
  return (
    <Card>
      <OrderHeader
        number={wo.wo_number}
        party={`${wo.sku} · ${wo.product_name}`}
        status={wo.status}
        statusLabel={t(`production.status.${wo.status}`)}
        facts={[
          {
            label: t('production.madeOfPlanned'),
            value: `${format.quantity(wo.produced_quantity)} / ${format.quantity(wo.quantity)}`,
          },
          { label: t('production.priority'), value: t(`production.priorities.${wo.priority}`) },
          { label: t('production.dueDate'), value: format.date(wo.due_date) },
        ]}
      />
      <CardContent className="flex flex-col gap-4">
        <div className="flex flex-col gap-1">
          <span id="wo-progress-label" className="text-sm">
            {t('production.progress')}: {wo.progress} %
          </span>
          <div
            role="progressbar"
            aria-labelledby="wo-progress-label"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={wo.progress}
            className="h-3 w-full overflow-hidden rounded bg-muted"
          >
            <div
              className="h-full bg-primary"
              style={{ width: `${Math.min(100, Math.max(0, wo.progress))}%` }}
            />
          </div>
        </div>
        {act.error ? <Alert variant="destructive">{formErrorOf(act.error, t)}</Alert> : null}
        <Table aria-label={t('production.components')}>
          <TableHeader>
            <TableRow>
              <TableHead>{t('production.component')}</TableHead>
              <TableHead className="text-right">{t('production.perUnit')}</TableHead>
              <TableHead className="text-right">{t('production.required')}</TableHead>
              <TableHead className="text-right">{t('production.consumed')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {wo.components.map((c) => (
              <TableRow key={c.id}>
                <TableCell>
                  {c.sku} · {c.product_name}
                </TableCell>
                <TableCell className="text-right">{format.quantity(c.quantity_per_unit)}</TableCell>
                <TableCell className="text-right">{format.quantity(c.required_quantity)}</TableCell>
                <TableCell className="text-right">{format.quantity(c.consumed_quantity)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <StatusActions
          rules={ACTIONS}
          status={wo.status}
          label={(action) => t(`production.actions.${action}`)}
          onAct={(action) => act.mutate(action)}
          pending={act.isPending}
          secondary={['cancel']}
        />
        {wo.status === 'in_progress' && can('PATCH /api/v1/work-orders/{id}') ? (
          <ProgressForm key={`progress-${wo.version}`} order={wo} />
        ) : null}
        {producing && can('POST /api/v1/work-orders/{id}/produce') ? (
          <ProduceForm key={`produce-${wo.version}`} order={wo} />
        ) : null}
      </CardContent>
    </Card>
  );
}
