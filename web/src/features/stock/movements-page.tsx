import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { Product } from '../../api/queries';
import { FormField, SelectField } from '../../components/form-field';
import {
  MOVEMENT_TYPES,
  type Movement,
  MovementHistory,
  type MovementType,
  pageOf,
} from '../../components/movement-history';
import { ProductScan } from '../../components/product-scan';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { WarehousePicker } from '../../components/warehouse-picker';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { ReverseDialog } from './reverse-dialog';

const PAGE_SIZE = 20;

/** The start of a calendar day (or, with `end`, the start of the next) in the browser's time zone. */
function dayBound(day: string, end = false): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  if (end) date.setDate(date.getDate() + 1);
  return date.toISOString();
}

/** The stock ledger, filtered on the server, with a reversal for those whose role allows it. */
export function MovementsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const formats = useFormat();
  const [product, setProduct] = useState<Product | null>(null);
  const [warehouseId, setWarehouseId] = useState('');
  const [type, setType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reversing, setReversing] = useState<Movement | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canReverse = can('POST /api/v1/stock-movements/{id}/reverse');
  const filters = {
    ...(product ? { product_id: product.id } : {}),
    ...(warehouseId ? { warehouse_id: warehouseId } : {}),
    ...(type ? { movement_type: type as MovementType } : {}),
    ...(from ? { from: dayBound(from) } : {}),
    ...(to ? { to: dayBound(to, true) } : {}),
  };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('stockMovements.title')}</h1>
      <section aria-label={t('stockMovements.filters')} className="flex flex-col gap-3">
        <ProductScan id="movement-product" product={product} onPick={(found) => setProduct(found)} />
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <WarehousePicker
            id="movement-warehouse"
            value={warehouseId}
            onChange={setWarehouseId}
            emptyLabel={t('stockViews.allWarehouses')}
          />
          <SelectField
            id="movement-type"
            label={t('stockViews.type')}
            emptyLabel={t('stockViews.allTypes')}
            value={type}
            onChange={setType}
          >
            {MOVEMENT_TYPES.map((code) => (
              <option key={code} value={code}>
                {t(`movementTypes.${code}`)}
              </option>
            ))}
          </SelectField>
          <FormField id="movement-from" label={t('stockMovements.from')}>
            <Input id="movement-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </FormField>
          <FormField id="movement-to" label={t('stockMovements.to')}>
            <Input id="movement-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </FormField>
        </div>
      </section>
      {notice ? <Alert variant="success">{notice}</Alert> : null}
      <MovementHistory
        label={t('stockMovements.title')}
        queryKey={['movements', filters]}
        load={async (page) =>
          pageOf(
            unwrap(
              await api.GET('/api/v1/stock-movements', {
                params: { query: { ...filters, page, page_size: PAGE_SIZE } },
              }),
            ),
          )
        }
        actions={
          canReverse
            ? (movement) =>
                movement.reversed_by_id ? (
                  <span className="text-sm text-muted-foreground">{t('stockMovements.wasReversed')}</span>
                ) : movement.reverses_id || movement.reference_type ? null : (
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => {
                      setNotice(null);
                      setReversing(movement);
                    }}
                  >
                    {t('stockMovements.reverse')}
                    <span className="sr-only">
                      {' '}
                      {formats.dateTime(movement.occurred_at)} {formats.signed(movement.quantity)}
                    </span>
                  </Button>
                )
            : undefined
        }
      />
      <ReverseDialog
        movement={reversing}
        onClose={() => setReversing(null)}
        onReversed={(reversal) => {
          setReversing(null);
          setNotice(t('stockMovements.reversed', { count: reversal.allocations.length || 1 }));
        }}
      />
    </div>
  );
}
