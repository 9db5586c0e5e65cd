import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { BinPicker } from '../../components/bin-picker';
import { FormField, invalid } from '../../components/form-field';
import { ScanField } from '../../components/scan-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { WarehousePicker } from '../../components/warehouse-picker';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { barcodeCandidates, type Scan } from '../../lib/gs1';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';

export type PurchaseOrder = ResponseOf<'/api/v1/purchase-orders/{id}', 'get'>;

interface Entry {
  quantity: string;
  lot: string;
  expiry: string;
  binId: string;
}

/**
 * Receiving against an approved order: each open line with what is still due; a scan of a line's
 * product (its GS1 string) fills that line's lot, expiry and quantity. Partial receipts are fine.
 */
export function PoReceipt({ order }: { order: PurchaseOrder }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const open = order.lines.filter((line) => line.received_quantity < line.quantity);
  const [warehouseId, setWarehouseId] = useState('');
  const [entries, setEntries] = useState<Record<string, Entry>>(() =>
    Object.fromEntries(
      open.map((line) => [
        line.id,
        { quantity: String(line.quantity - line.received_quantity), lot: '', expiry: '', binId: '' },
      ]),
    ),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const [key, renewKey] = useIdempotencyKey();

  function onScan(scan: Scan) {
    const codes = new Set(barcodeCandidates(scan.code));
    const line = open.find((l) => codes.has(l.barcode ?? '') || codes.has(l.sku));
    if (!line) {
      setNotice(t('scan.unknown', { code: scan.code }));
      return;
    }
    setNotice(null);
    setEntries((current) => {
      const entry = current[line.id] ?? { quantity: '', lot: '', expiry: '', binId: '' };
      return {
        ...current,
        [line.id]: {
          ...entry,
          lot: scan.lot ?? entry.lot,
          expiry: scan.expiry ?? entry.expiry,
          quantity: scan.quantity ?? entry.quantity,
        },
      };
    });
  }

  const receive = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/purchase-orders/{id}/receipts', {
          headers: { 'Idempotency-Key': key },
          params: { path: { id: order.id } },
          body: {
            warehouse_id: warehouseId,
            lines: open
              .map((line) => ({ line, entry: entries[line.id] }))
              .filter(({ entry }) => entry && Number(entry.quantity) > 0)
              .map(({ line, entry }) => ({
                line_id: line.id,
                quantity: Number(entry?.quantity),
                lot_number: entry?.lot || null,
                expiry_date: entry?.expiry || null,
                bin_id: entry?.binId || null,
              })),
          },
        }),
      ),
    onSuccess: () => {
      renewKey();
      void queryClient.invalidateQueries();
    },
  });
  const fields = fieldErrorsOf(receive.error);
  const set = (id: string, patch: Partial<Entry>) =>
    setEntries((current) => ({ ...current, [id]: { ...(current[id] as Entry), ...patch } }));

  function submit(event: FormEvent) {
    event.preventDefault();
    receive.mutate();
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate aria-label={t('purchasing.receive')}>
      <h3 className="font-semibold">{t('purchasing.receive')}</h3>
      <div className="max-w-sm">
        <WarehousePicker
          id="po-warehouse"
          value={warehouseId}
          onChange={setWarehouseId}
          error={fields.warehouse_id}
        />
      </div>
      <ScanField id="po-scan" onScan={onScan} />
      {notice ? <Alert>{notice}</Alert> : null}
      {receive.error ? <Alert variant="destructive">{formErrorOf(receive.error, t)}</Alert> : null}
      {open.map((line, i) => {
        const entry = entries[line.id];
        return (
          <fieldset
            key={line.id}
            className="grid gap-3 rounded border border-border p-3 sm:grid-cols-2 lg:grid-cols-4"
          >
            <legend className="px-1 text-sm font-semibold">
              {line.sku} · {line.material_name} (
              {t('purchasing.due', { quantity: line.quantity - line.received_quantity })})
            </legend>
            <FormField id={`po-qty-${i}`} label={t('stock.quantity')} error={fields[`lines.${i}.quantity`]}>
              <Input
                id={`po-qty-${i}`}
                inputMode="decimal"
                value={entry?.quantity ?? ''}
                onChange={(e) => set(line.id, { quantity: e.target.value })}
                {...invalid(`po-qty-${i}`, fields[`lines.${i}.quantity`])}
              />
            </FormField>
            <FormField id={`po-lot-${i}`} label={t('stock.lot')} error={fields[`lines.${i}.lot_number`]}>
              <Input
                id={`po-lot-${i}`}
                value={entry?.lot ?? ''}
                onChange={(e) => set(line.id, { lot: e.target.value })}
              />
            </FormField>
            <FormField
              id={`po-expiry-${i}`}
              label={t('stock.expiry')}
              error={fields[`lines.${i}.expiry_date`]}
            >
              <Input
                id={`po-expiry-${i}`}
                type="date"
                value={entry?.expiry ?? ''}
                onChange={(e) => set(line.id, { expiry: e.target.value })}
              />
            </FormField>
            <BinPicker
              id={`po-bin-${i}`}
              warehouseId={warehouseId}
              value={entry?.binId ?? ''}
              onChange={(binId) => set(line.id, { binId })}
            />
          </fieldset>
        );
      })}
      <div>
        <Button type="submit" disabled={receive.isPending}>
          {t('purchasing.postReceipt')}
        </Button>
      </div>
    </form>
  );
}
