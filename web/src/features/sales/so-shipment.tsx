import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { FormField, invalid } from '../../components/form-field';
import { type Pick, PickTable } from '../../components/pick-table';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import type { SalesOrder } from './sales-order-detail';

export type Shipment = ResponseOf<'/api/v1/sales-orders/{id}/shipments', 'post'>['shipment'];

/**
 * What the order's stock reservations hold, bin by bin and lot by lot: the API issues a shipment
 * out of exactly these, so this is the list to pick from.
 */
function usePickList(order: SalesOrder): Pick[] {
  const reservations = useQuery({
    queryKey: ['reservations', 'sales-order', order.id, order.version],
    // Every page: an order of many lines holds more reservations than one page shows.
    queryFn: async () => {
      const held = [];
      for (let page = 1; ; page += 1) {
        const found = unwrap(
          await api.GET('/api/v1/reservations', {
            params: {
              query: {
                reference_type: 'sales_order',
                reference_id: order.id,
                status: 'active',
                page,
                page_size: 100,
              },
            },
          }),
        );
        held.push(...found.items);
        if (page >= found.pages) return held;
      }
    },
  });
  // In bin order across the order's lines: the path a picker walks.
  return (reservations.data ?? [])
    .flatMap((reservation) => {
      const line = order.lines.find((l) => l.product_id === reservation.product_id);
      return reservation.allocations.map((a, i) => ({
        key: `${reservation.id}-${i}`,
        sku: line?.sku ?? '',
        name: line?.product_name ?? '',
        binCode: a.bin_code,
        lotNumber: a.lot_number,
        expiry: a.expiry_date,
        quantity: a.quantity,
      }));
    })
    .sort((a, b) => a.binCode.localeCompare(b.binCode, undefined, { numeric: true }));
}

/**
 * Shipping a confirmed order: the pick list (bin, lot, expiry, quantity), then how much of each
 * line leaves now; less than reserved is a partial shipment and the rest stays reserved.
 */
export function SoShipment({ order, onShipped }: { order: SalesOrder; onShipped: (s: Shipment) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const picks = usePickList(order);
  const open = order.lines.filter((line) => line.reserved_quantity > 0);
  const [quantities, setQuantities] = useState<Record<string, string>>(() =>
    Object.fromEntries(open.map((line) => [line.id, String(line.reserved_quantity)])),
  );
  const [key, renewKey] = useIdempotencyKey();
  // The lines sent (those with a quantity): the API's `lines.N` errors count these.
  const posted = open.filter((line) => Number(quantities[line.id] ?? 0) > 0);
  const ship = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/sales-orders/{id}/shipments', {
          headers: { 'Idempotency-Key': key },
          params: { path: { id: order.id } },
          body: {
            lines: posted.map((line) => ({ line_id: line.id, quantity: Number(quantities[line.id]) })),
          },
        }),
      ),
    onSuccess: (result) => {
      renewKey();
      onShipped(result.shipment);
      void queryClient.invalidateQueries({ queryKey: ['sales-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['sales-order', order.id] });
    },
  });
  const fields = fieldErrorsOf(ship.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    ship.mutate();
  }
  if (open.length === 0) return <Alert>{t('sales.nothingReserved')}</Alert>;
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate aria-labelledby="so-ship-title">
      <h3 id="so-ship-title" className="font-semibold">
        {t('sales.ship')}
      </h3>
      <PickTable picks={picks} label={t('sales.pickList')} caption withSku withName />
      {ship.error ? <Alert variant="destructive">{formErrorOf(ship.error, t)}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {open.map((line, i) => {
          const id = `so-ship-${i}`;
          const error = fields[`lines.${posted.indexOf(line)}.quantity`];
          return (
            <FormField
              key={line.id}
              id={id}
              label={t('sales.toShip', { sku: line.sku, reserved: format.quantity(line.reserved_quantity) })}
              error={error}
            >
              <Input
                id={id}
                inputMode="decimal"
                value={quantities[line.id] ?? ''}
                onChange={(e) => setQuantities((c) => ({ ...c, [line.id]: e.target.value }))}
                {...invalid(id, error)}
              />
            </FormField>
          );
        })}
      </div>
      <div>
        <Button type="submit" disabled={ship.isPending}>
          {t('sales.postShipment')}
        </Button>
      </div>
    </form>
  );
}

/** What a posted shipment took, as the API answered: product, bin, lot and quantity per allocation. */
export function ShipmentResult({ order, shipment }: { order: SalesOrder; shipment: Shipment }) {
  const { t } = useTranslation();
  const rows: Pick[] = shipment.movements.flatMap((movement) =>
    movement.allocations.map((a, i) => ({
      key: `${movement.id}-${i}`,
      sku: order.lines.find((l) => l.product_id === movement.product_id)?.sku ?? '',
      binCode: a.bin_code,
      lotNumber: a.lot_number,
      expiry: a.expiry_date,
      quantity: a.quantity,
    })),
  );
  return (
    <section aria-labelledby="so-shipped-title" className="flex flex-col gap-2">
      <h3 id="so-shipped-title" role="status" className="font-semibold">
        {t('sales.shipmentPosted', { formatted: shipment.movements.length })}
      </h3>
      <PickTable picks={rows} label={t('sales.takenFrom')} withSku />
    </section>
  );
}
