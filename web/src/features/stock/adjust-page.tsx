import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type BodyOf, type ResponseOf, unwrap } from '../../api/client';
import type { Product } from '../../api/queries';
import { BinPicker } from '../../components/bin-picker';
import { FormCard } from '../../components/form-card';
import { FormField, invalid, SelectField } from '../../components/form-field';
import { ProductScan } from '../../components/product-scan';
import type { ScanFieldHandle } from '../../components/scan-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { WarehousePicker } from '../../components/warehouse-picker';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useFormat } from '../../lib/format';
import type { Scan } from '../../lib/gs1';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { differenceOf, useBookedQuantity, useTargetBin } from './booked-quantity';
import { LotSuggestions } from './lot-suggestions';
import { quantityOf } from './quantity';

type ReasonCode = BodyOf<'/api/v1/inventory/adjustments', 'post'>['reason_code'];
const REASONS = ['damage', 'loss', 'found', 'correction', 'expiry'] as const satisfies readonly ReasonCode[];
type Posted = ResponseOf<'/api/v1/inventory/adjustments', 'post', 201>;

/** The books now and after the change, for the place the adjustment names. */
function Effect({
  warehouseId,
  binId,
  product,
  lotNumber,
  delta,
}: {
  warehouseId: string;
  binId: string;
  product: Product;
  lotNumber: string;
  delta: string;
}) {
  const { t } = useTranslation();
  const formats = useFormat();
  const bin = useTargetBin(warehouseId, binId);
  const booked = useBookedQuantity(warehouseId, bin, product, lotNumber);
  if (booked === undefined) return null;
  // "after" = booked + delta, i.e. delta − (−booked).
  const after = differenceOf(delta, booked.negated());
  return (
    <p className="text-sm" data-testid="adjust-effect">
      {t('stockAdjust.effect', {
        now: formats.quantity(booked.toString()),
        after: after === null ? '—' : formats.quantity(after.toString()),
      })}
    </p>
  );
}

/** A signed correction of one product in one place, with the reason it is made. */
export function AdjustPage() {
  const { t } = useTranslation();
  const formats = useFormat();
  const queryClient = useQueryClient();
  const scanField = useRef<ScanFieldHandle>(null);
  const [warehouseId, setWarehouseId] = useState('');
  const [binId, setBinId] = useState('');
  const [product, setProduct] = useState<Product | null>(null);
  const [lotNumber, setLotNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState('');
  const [posted, setPosted] = useState<{ result: Posted; product: Product } | null>(null);
  const [key, renewKey] = useIdempotencyKey();
  const bin = useTargetBin(warehouseId, binId);

  function pick(found: Product | null, scan?: Scan) {
    setProduct(found);
    setLotNumber(scan?.lot ?? '');
    setExpiry(scan?.expiry ?? '');
    if (scan?.quantity) setQuantity(scan.quantity);
  }

  const adjust = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/inventory/adjustments', {
          headers: { 'Idempotency-Key': key },
          body: {
            warehouse_id: warehouseId,
            // Unchosen goes as empty: the API names the missing reason at its field.
            reason_code: reason as ReasonCode,
            ...(notes.trim() ? { notes: notes.trim() } : {}),
            lines: [
              {
                product_id: product?.id ?? '',
                ...(binId ? { bin_id: binId } : {}),
                ...(lotNumber.trim() ? { lot_number: lotNumber.trim() } : {}),
                ...(expiry ? { expiry_date: expiry } : {}),
                quantity: quantityOf(quantity),
              },
            ],
          },
        }),
      ),
    onSuccess: (result) => {
      if (product) setPosted({ result, product });
      pick(null);
      setQuantity('');
      setNotes('');
      renewKey();
      void queryClient.invalidateQueries();
      scanField.current?.focus();
    },
  });
  const fields = fieldErrorsOf(adjust.error);
  const lotError = fields['lines.0.lot_number'] ?? fields['lines.0.lot_id'];
  const productError = fields['lines.0.product_id'];

  function submit(event: FormEvent) {
    event.preventDefault();
    setPosted(null);
    adjust.mutate();
  }
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('stockAdjust.title')}</h1>
      <FormCard title={t('stockAdjust.form')} onSubmit={submit} className="flex flex-col gap-4">
        <div className="grid gap-4 md:grid-cols-2">
          <WarehousePicker
            id="warehouse"
            value={warehouseId}
            onChange={(id) => {
              setWarehouseId(id);
              setBinId('');
            }}
            error={fields.warehouse_id}
          />
          <BinPicker
            id="adjust-bin"
            warehouseId={warehouseId}
            value={binId}
            onChange={setBinId}
            error={fields['lines.0.bin_id']}
            required
          />
        </div>
        <ProductScan ref={scanField} product={product} onPick={pick} error={productError} />
        {product?.tracking === 'lot' ? (
          <div className="grid gap-4 md:grid-cols-2">
            <FormField id="adjust-lot" label={t('stock.lot')} error={lotError}>
              <Input
                id="adjust-lot"
                list="adjust-lots"
                autoComplete="off"
                value={lotNumber}
                onChange={(e) => setLotNumber(e.target.value)}
                {...invalid('adjust-lot', lotError)}
              />
              <LotSuggestions id="adjust-lots" warehouseId={warehouseId} bin={bin} productId={product.id} />
            </FormField>
            <FormField
              id="adjust-expiry"
              label={t('stockAdjust.expiry')}
              error={fields['lines.0.expiry_date']}
            >
              <Input
                id="adjust-expiry"
                type="date"
                value={expiry}
                onChange={(e) => setExpiry(e.target.value)}
                {...invalid('adjust-expiry', fields['lines.0.expiry_date'])}
              />
            </FormField>
          </div>
        ) : null}
        <div className="grid gap-4 md:grid-cols-2">
          <FormField id="adjust-qty" label={t('stockAdjust.quantity')} error={fields['lines.0.quantity']}>
            <Input
              id="adjust-qty"
              inputMode="decimal"
              placeholder={t('stockAdjust.quantityHint')}
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
              {...invalid('adjust-qty', fields['lines.0.quantity'])}
            />
          </FormField>
          <SelectField
            id="adjust-reason"
            label={t('stockAdjust.reason')}
            error={fields.reason_code}
            value={reason}
            onChange={setReason}
          >
            {REASONS.map((code) => (
              <option key={code} value={code}>
                {t(`stockAdjust.reasons.${code}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {product && warehouseId ? (
          <Effect
            warehouseId={warehouseId}
            binId={binId}
            product={product}
            lotNumber={lotNumber}
            delta={quantity}
          />
        ) : null}
        <FormField id="adjust-notes" label={t('stockAdjust.notes')} error={fields.notes}>
          <Input
            id="adjust-notes"
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            {...invalid('adjust-notes', fields.notes)}
          />
        </FormField>
        {adjust.error ? <Alert variant="destructive">{formErrorOf(adjust.error, t)}</Alert> : null}
        {posted ? (
          <Alert variant="success">
            {t('stockAdjust.posted', {
              sku: posted.product.sku,
              quantity: posted.result.movements.map((m) => formats.signed(m.quantity)).join(', '),
            })}
          </Alert>
        ) : null}
        <div>
          <Button type="submit" disabled={adjust.isPending}>
            {t('stockAdjust.post')}
          </Button>
        </div>
      </FormCard>
    </div>
  );
}
