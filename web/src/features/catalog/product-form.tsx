import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { Product } from '../../api/queries';
import { FormField, invalid } from '../../components/form-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input, NativeSelect } from '../../components/ui/input';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';

const TEXT_FIELDS = [
  'sku',
  'name',
  'barcode',
  'unit_of_measure',
  'unit_price',
  'shelf_life_days',
  'reorder_point',
] as const;
const NUMERIC = new Set<string>(['unit_price', 'shelf_life_days', 'reorder_point']);
type Draft = Record<(typeof TEXT_FIELDS)[number], string> & { tracking: 'none' | 'lot' };

/** Create or edit a product; the API's message for each field shows next to it, a stale edit asks for a reload. */
export function ProductForm({ product, onDone }: { product?: Product; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [key] = useIdempotencyKey();
  const [draft, setDraft] = useState<Draft>({
    sku: product?.sku ?? '',
    name: product?.name ?? '',
    barcode: product?.barcode ?? '',
    unit_of_measure: product?.unit_of_measure ?? '',
    unit_price: product?.unit_price?.toString() ?? '',
    shelf_life_days: product?.shelf_life_days?.toString() ?? '',
    reorder_point: product?.reorder_point?.toString() ?? '',
    tracking: product?.tracking === 'lot' ? 'lot' : 'none',
  });
  const save = useMutation({
    mutationFn: async () => {
      const body = {
        sku: draft.sku,
        name: draft.name,
        barcode: draft.barcode || null,
        tracking: draft.tracking,
        shelf_life_days: draft.shelf_life_days ? Number(draft.shelf_life_days) : null,
        ...(draft.unit_of_measure ? { unit_of_measure: draft.unit_of_measure } : {}),
        ...(draft.reorder_point ? { reorder_point: Number(draft.reorder_point) } : {}),
        ...(draft.unit_price ? { unit_price: Number(draft.unit_price) } : {}),
      };
      return product
        ? unwrap(
            await api.PATCH('/api/v1/products/{id}', {
              params: { path: { id: product.id } },
              body: { ...body, version: product.version },
            }),
          )
        : unwrap(await api.POST('/api/v1/products', { headers: { 'Idempotency-Key': key }, body }));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['products'] });
      onDone();
    },
  });
  const fields = fieldErrorsOf(save.error);
  const shownFields = new Set<string>([...TEXT_FIELDS, 'tracking']);
  const unshown = Object.keys(fields).some((f) => !shownFields.has(f));

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      {save.error && (unshown || Object.keys(fields).length === 0) ? (
        <Alert variant="destructive">{formErrorOf(save.error, t)}</Alert>
      ) : null}
      {TEXT_FIELDS.map((name) => (
        <FormField
          key={name}
          id={`product-${name}`}
          label={t(`products.fields.${name}`)}
          error={fields[name]}
        >
          <Input
            id={`product-${name}`}
            value={draft[name]}
            inputMode={NUMERIC.has(name) ? 'decimal' : undefined}
            onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
            {...invalid(`product-${name}`, fields[name])}
          />
        </FormField>
      ))}
      <FormField id="product-tracking" label={t('products.fields.tracking')} error={fields.tracking}>
        <NativeSelect
          id="product-tracking"
          value={draft.tracking}
          onChange={(e) => setDraft({ ...draft, tracking: e.target.value === 'lot' ? 'lot' : 'none' })}
        >
          <option value="none">{t('products.tracking.none')}</option>
          <option value="lot">{t('products.tracking.lot')}</option>
        </NativeSelect>
      </FormField>
      <Button type="submit" disabled={save.isPending}>
        {t('common.save')}
      </Button>
    </form>
  );
}
