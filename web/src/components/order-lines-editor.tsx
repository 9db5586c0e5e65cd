import { useTranslation } from 'react-i18next';
import type { Product } from '../api/queries';
import { useProductScan } from '../api/use-product-scan';
import { FormField, invalid } from './form-field';
import { ScanField } from './scan-field';
import { Alert } from './ui/alert';
import { Button } from './ui/button';
import { Input } from './ui/input';

/** One line of an order being written: a product, how many, and (where the order has one) a price. */
export interface OrderLine {
  key: string;
  product: Product;
  quantity: string;
  price: string;
}

/**
 * The lines of a new order, added by scanning (or typing) a product's barcode or SKU; each line's
 * quantity and price can be changed or the line dropped. The API's messages for `lines.N.field`
 * show under their inputs.
 */
export function OrderLinesEditor({
  idPrefix,
  scanId,
  lines,
  onChange,
  fields,
  errorPrefix = 'lines',
  quantityLabel,
  priceLabel,
}: {
  idPrefix: string;
  /** The scan field's id when the page's only scan field keeps the plain `scan`. */
  scanId?: string;
  lines: OrderLine[];
  onChange: (lines: OrderLine[]) => void;
  fields: Record<string, string>;
  /** Where the API reports the lines' errors: `lines` (`lines.0.quantity`) or e.g. `components`. */
  errorPrefix?: string;
  quantityLabel?: string;
  /** Without it the lines carry no price (a work order's components). */
  priceLabel?: string;
}) {
  const { t } = useTranslation();
  const { notice, onScan } = useProductScan((product, scan) =>
    onChange([
      ...lines,
      {
        key: crypto.randomUUID(),
        product,
        quantity: scan.quantity ?? '1',
        price: product.unit_price ? String(product.unit_price) : '0',
      },
    ]),
  );
  const set = (i: number, patch: Partial<OrderLine>) =>
    onChange(lines.map((line, j) => (j === i ? { ...line, ...patch } : line)));

  return (
    <div className="flex flex-col gap-3">
      <ScanField id={scanId ?? `${idPrefix}-scan`} onScan={(scan) => void onScan(scan)} />
      {notice ? <Alert>{notice}</Alert> : null}
      {lines.map((line, i) => {
        const qtyId = `${idPrefix}-qty-${i}`;
        const priceId = `${idPrefix}-price-${i}`;
        const qtyError =
          fields[`${errorPrefix}.${i}.quantity`] ?? fields[`${errorPrefix}.${i}.quantity_per_unit`];
        const priceError = fields[`${errorPrefix}.${i}.unit_price`];
        return (
          <fieldset
            key={line.key}
            className="grid items-start gap-3 rounded border border-border p-3 sm:grid-cols-[1fr_1fr_auto]"
          >
            <legend className="px-1 text-sm font-semibold">
              {line.product.sku} · {line.product.name}
            </legend>
            <FormField id={qtyId} label={quantityLabel ?? t('stock.quantity')} error={qtyError}>
              <Input
                id={qtyId}
                inputMode="decimal"
                value={line.quantity}
                onChange={(e) => set(i, { quantity: e.target.value })}
                {...invalid(qtyId, qtyError)}
              />
            </FormField>
            {priceLabel ? (
              <FormField id={priceId} label={priceLabel} error={priceError}>
                <Input
                  id={priceId}
                  inputMode="decimal"
                  value={line.price}
                  onChange={(e) => set(i, { price: e.target.value })}
                  {...invalid(priceId, priceError)}
                />
              </FormField>
            ) : (
              <span />
            )}
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="sm:mt-7"
              onClick={() => onChange(lines.filter((_, j) => j !== i))}
            >
              {t('common.remove')}
              <span className="sr-only"> {line.product.sku}</span>
            </Button>
          </fieldset>
        );
      })}
    </div>
  );
}
