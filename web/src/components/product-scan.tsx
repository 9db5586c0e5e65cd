import { useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../api/queries';
import { useProductScan } from '../api/use-product-scan';
import type { Scan } from '../lib/gs1';
import { ScanField, type ScanFieldHandle } from './scan-field';
import { Alert } from './ui/alert';
import { Button } from './ui/button';

/**
 * One product picked by scanning (or typing) its barcode or SKU: the choice shows under the scan
 * field with a way to clear it, an unknown code says so, and the field keeps the focus.
 */
export function ProductScan({
  id = 'scan',
  product,
  onPick,
  error,
  ref,
}: {
  id?: string;
  product: Product | null;
  /** The product found (null: cleared) and the scan it came from (lot, expiry, count). */
  onPick: (product: Product | null, scan?: Scan) => void;
  error?: string | undefined;
  ref?: React.Ref<ScanFieldHandle>;
}) {
  const { t } = useTranslation();
  const field = useRef<ScanFieldHandle>(null);
  const { notice, onScan } = useProductScan(onPick);
  useImperativeHandle(ref, () => ({ focus: () => field.current?.focus() }));

  async function pick(scan: Scan) {
    await onScan(scan);
    field.current?.focus();
  }
  return (
    <div className="flex flex-col gap-2">
      <ScanField id={id} ref={field} onScan={(scan) => void pick(scan)} />
      {notice ? <Alert>{notice}</Alert> : null}
      {product ? (
        <div className="flex items-center justify-between gap-2" data-testid={`${id}-product`}>
          <span className="font-semibold">
            {product.sku} · {product.name}
          </span>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={() => {
              onPick(null);
              field.current?.focus();
            }}
          >
            {t('stockViews.clearProduct')}
          </Button>
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
