import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { Product } from '../../api/queries';
import { useProductScan } from '../../api/use-product-scan';
import { BinPicker } from '../../components/bin-picker';
import { FormField, invalid } from '../../components/form-field';
import { LineHeader } from '../../components/line-header';
import { ScanField, type ScanFieldHandle } from '../../components/scan-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { WarehousePicker } from '../../components/warehouse-picker';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';

interface Line {
  key: string;
  product: Product;
  lot: string;
  expiry: string;
  quantity: string;
  binId: string;
}

/** Goods in: one line per scan (product, lot, expiry, quantity, bin), posted as one receipt. */
export function ReceivePage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const scanField = useRef<ScanFieldHandle>(null);
  const [warehouseId, setWarehouseId] = useState('');
  const [reference, setReference] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [key, renewKey] = useIdempotencyKey();

  const { notice, setNotice, onScan } = useProductScan((product, scan) => {
    setLines((current) => [
      ...current,
      {
        key: crypto.randomUUID(),
        product,
        lot: scan.lot ?? '',
        expiry: scan.expiry ?? '',
        quantity: scan.quantity ?? '1',
        binId: '',
      },
    ]);
    scanField.current?.focus();
  });

  const receive = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/inventory/receipts', {
          headers: { 'Idempotency-Key': key },
          body: {
            warehouse_id: warehouseId,
            ...(reference ? { reference_number: reference } : {}),
            lines: lines.map((line) => ({
              product_id: line.product.id,
              quantity: Number(line.quantity),
              bin_id: line.binId || null,
              lot_number: line.lot || null,
              expiry_date: line.expiry || null,
            })),
          },
        }),
      ),
    onSuccess: (result) => {
      setNotice(t('receive.posted', { count: result.movements.length }));
      setLines([]);
      setReference('');
      renewKey();
      void queryClient.invalidateQueries();
      scanField.current?.focus();
    },
  });
  const fields = fieldErrorsOf(receive.error);
  const update = (index: number, patch: Partial<Line>) =>
    setLines((current) => current.map((line, i) => (i === index ? { ...line, ...patch } : line)));

  function submit(event: FormEvent) {
    event.preventDefault();
    receive.mutate();
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <h1 className="text-2xl font-bold">{t('receive.title')}</h1>
      <div className="grid gap-4 md:grid-cols-3">
        <WarehousePicker
          id="warehouse"
          value={warehouseId}
          onChange={setWarehouseId}
          error={fields.warehouse_id}
        />
        <FormField id="reference" label={t('stock.reference')} error={fields.reference_number}>
          <Input id="reference" value={reference} onChange={(e) => setReference(e.target.value)} />
        </FormField>
      </div>
      <ScanField ref={scanField} onScan={(scan) => void onScan(scan)} />
      {notice ? <Alert variant={receive.isSuccess ? 'success' : 'default'}>{notice}</Alert> : null}
      {receive.error ? <Alert variant="destructive">{formErrorOf(receive.error, t)}</Alert> : null}
      <ul className="flex flex-col gap-3" aria-label={t('stock.lines')}>
        {lines.map((line, i) => (
          <li key={line.key}>
            <Card>
              <CardContent className="grid gap-3 pt-4 sm:grid-cols-2 lg:grid-cols-5">
                <LineHeader
                  product={line.product}
                  onRemove={() => setLines((current) => current.filter((_, j) => j !== i))}
                  className="lg:col-span-5 flex items-center justify-between"
                />
                <FormField id={`lot-${i}`} label={t('stock.lot')} error={fields[`lines.${i}.lot_number`]}>
                  <Input
                    id={`lot-${i}`}
                    value={line.lot}
                    onChange={(e) => update(i, { lot: e.target.value })}
                    {...invalid(`lot-${i}`, fields[`lines.${i}.lot_number`])}
                  />
                </FormField>
                <FormField
                  id={`expiry-${i}`}
                  label={t('stock.expiry')}
                  error={fields[`lines.${i}.expiry_date`]}
                >
                  <Input
                    id={`expiry-${i}`}
                    type="date"
                    value={line.expiry}
                    onChange={(e) => update(i, { expiry: e.target.value })}
                    {...invalid(`expiry-${i}`, fields[`lines.${i}.expiry_date`])}
                  />
                </FormField>
                <FormField id={`qty-${i}`} label={t('stock.quantity')} error={fields[`lines.${i}.quantity`]}>
                  <Input
                    id={`qty-${i}`}
                    inputMode="decimal"
                    value={line.quantity}
                    onChange={(e) => update(i, { quantity: e.target.value })}
                    {...invalid(`qty-${i}`, fields[`lines.${i}.quantity`])}
                  />
                </FormField>
                <BinPicker
                  id={`bin-${i}`}
                  warehouseId={warehouseId}
                  value={line.binId}
                  onChange={(binId) => update(i, { binId })}
                  error={fields[`lines.${i}.bin_id`]}
                />
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>
      <div>
        <Button type="submit" size="lg" disabled={receive.isPending || lines.length === 0}>
          {t('receive.post', { count: lines.length })}
        </Button>
      </div>
    </form>
  );
}
