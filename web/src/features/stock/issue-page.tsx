import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import type { Product } from '../../api/queries';
import { useProductScan } from '../../api/use-product-scan';
import { FormField, invalid } from '../../components/form-field';
import { LineHeader } from '../../components/line-header';
import { PickTable } from '../../components/pick-table';
import { ScanField, type ScanFieldHandle } from '../../components/scan-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { WarehousePicker } from '../../components/warehouse-picker';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { planFefo, useFefoRows } from './fefo-preview';

interface Line {
  key: string;
  product: Product;
  quantity: string;
}

type Posted = ResponseOf<'/api/v1/inventory/issues', 'post', 201>;

function Preview({ warehouseId, line }: { warehouseId: string; line: Line }) {
  const { t } = useTranslation();
  const formats = useFormat();
  const rows = useFefoRows(warehouseId, line.product.id);
  if (!rows.data) return null;
  const { picks, short } = planFefo(rows.data, Number(line.quantity) || 0);
  return (
    <section aria-label={t('issue.preview')}>
      <PickTable picks={picks} label={t('issue.preview')} caption />
      {short > 0 ? (
        <p className="text-sm text-destructive">{t('issue.short', { quantity: formats.quantity(short) })}</p>
      ) : null}
    </section>
  );
}

/** Goods out, first expiry first out: the planned picks show before posting, the made ones after. */
export function IssuePage() {
  const { t } = useTranslation();
  const formats = useFormat();
  const queryClient = useQueryClient();
  const scanField = useRef<ScanFieldHandle>(null);
  const [warehouseId, setWarehouseId] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [posted, setPosted] = useState<{ result: Posted; products: Product[] } | null>(null);
  const [key, renewKey] = useIdempotencyKey();

  const { notice, onScan } = useProductScan((product, scan) =>
    setLines((current) => [
      ...current,
      { key: crypto.randomUUID(), product, quantity: scan.quantity ?? '1' },
    ]),
  );

  const issue = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/inventory/issues', {
          headers: { 'Idempotency-Key': key },
          body: {
            warehouse_id: warehouseId,
            lines: lines.map((line) => ({ product_id: line.product.id, quantity: Number(line.quantity) })),
          },
        }),
      ),
    onSuccess: (result) => {
      setPosted({ result, products: lines.map((line) => line.product) });
      setLines([]);
      renewKey();
      void queryClient.invalidateQueries();
      scanField.current?.focus();
    },
  });
  const fields = fieldErrorsOf(issue.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setPosted(null);
    issue.mutate();
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <h1 className="text-2xl font-bold">{t('issue.title')}</h1>
      <div className="grid gap-4 md:grid-cols-3">
        <WarehousePicker
          id="warehouse"
          value={warehouseId}
          onChange={setWarehouseId}
          error={fields.warehouse_id}
        />
      </div>
      <ScanField ref={scanField} onScan={(scan) => void onScan(scan)} />
      {notice ? <Alert>{notice}</Alert> : null}
      {issue.error ? <Alert variant="destructive">{formErrorOf(issue.error, t)}</Alert> : null}
      {posted ? (
        <Alert variant="success">
          <p className="font-semibold">{t('issue.posted')}</p>
          <ul>
            {posted.result.movements.flatMap((movement) =>
              movement.allocations.map((a) => (
                <li key={`${movement.id}-${a.bin_id}-${a.lot_id ?? ''}`} data-testid="allocation">
                  {posted.products.find((p) => p.id === movement.product_id)?.sku} · {a.bin_code} ·{' '}
                  {a.lot_number ?? '—'} · {formats.date(a.expiry_date)} ·{' '}
                  {formats.quantity(Math.abs(a.quantity))}
                </li>
              )),
            )}
          </ul>
        </Alert>
      ) : null}
      <ul className="flex flex-col gap-3" aria-label={t('stock.lines')}>
        {lines.map((line, i) => (
          <li key={line.key}>
            <Card>
              <CardContent className="flex flex-col gap-3 pt-4">
                <LineHeader
                  product={line.product}
                  onRemove={() => setLines((current) => current.filter((_, j) => j !== i))}
                />
                <div className="max-w-xs">
                  <FormField
                    id={`qty-${i}`}
                    label={t('stock.quantity')}
                    error={fields[`lines.${i}.quantity`]}
                  >
                    <Input
                      id={`qty-${i}`}
                      inputMode="decimal"
                      value={line.quantity}
                      onChange={(e) =>
                        setLines((current) =>
                          current.map((l, j) => (j === i ? { ...l, quantity: e.target.value } : l)),
                        )
                      }
                      {...invalid(`qty-${i}`, fields[`lines.${i}.quantity`])}
                    />
                  </FormField>
                </div>
                {warehouseId ? <Preview warehouseId={warehouseId} line={line} /> : null}
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>
      <div>
        <Button type="submit" size="lg" disabled={issue.isPending || lines.length === 0}>
          {t('issue.post', { count: lines.length })}
        </Button>
      </div>
    </form>
  );
}
