import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import type { Product } from '../../api/queries';
import { useProductScan } from '../../api/use-product-scan';
import { FormCard } from '../../components/form-card';
import { FormField, invalid, SelectField } from '../../components/form-field';
import { ScanField } from '../../components/scan-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { businessToday, useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import type { Tank } from './queries';

type Feeding = ResponseOf<'/api/v1/biofloc/feeding', 'post', 201>;

interface Item {
  key: string;
  product: Product;
  kg: string;
}

/** A feeding session of a tank's batch: feed scanned in, kilograms per feed. */
export function FeedingForm({
  tanks,
  tankId,
  onTank,
}: {
  tanks: Tank[];
  tankId: string;
  onTank: (id: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(() => businessToday());
  const [session, setSession] = useState('1');
  const [items, setItems] = useState<Item[]>([]);
  const [done, setDone] = useState<Feeding | null>(null);
  const [key, renewKey] = useIdempotencyKey();

  const { notice, onScan } = useProductScan((product, scan) =>
    setItems((current) => [...current, { key: crypto.randomUUID(), product, kg: scan.quantity ?? '' }]),
  );
  const feed = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/biofloc/feeding', {
          headers: { 'Idempotency-Key': key },
          body: {
            tank_id: tankId,
            feeding_date: date,
            session_number: Number(session),
            feed_items: items.map((item) => ({ product_id: item.product.id, quantity_kg: Number(item.kg) })),
          },
        }),
      ),
    onSuccess: (result) => {
      setDone(result);
      setItems([]);
      setSession(String(Number(session) + 1));
      renewKey();
      void queryClient.invalidateQueries({ queryKey: ['tanks'] });
    },
  });
  const fields = fieldErrorsOf(feed.error);
  const format = useFormat();
  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    feed.mutate();
  }
  return (
    <FormCard title={t('biofloc.feeding')} onSubmit={submit}>
      <div className="grid gap-3 md:grid-cols-3">
        <SelectField
          id="feed-tank"
          label={t('biofloc.tank')}
          error={fields.tank_id}
          value={tankId}
          onChange={onTank}
        >
          {tanks.map((tank) => (
            <option key={tank.id} value={tank.id}>
              {tank.tank_code} · {tank.current_batch_code ?? t('biofloc.empty')}
            </option>
          ))}
        </SelectField>
        <FormField id="feed-date" label={t('biofloc.date')} error={fields.feeding_date}>
          <Input id="feed-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </FormField>
        <FormField id="feed-session" label={t('biofloc.session')} error={fields.session_number}>
          <Input
            id="feed-session"
            inputMode="numeric"
            value={session}
            onChange={(e) => setSession(e.target.value)}
            {...invalid('feed-session', fields.session_number)}
          />
        </FormField>
      </div>
      <ScanField id="feed-scan" onScan={(scan) => void onScan(scan)} />
      {notice ? <Alert>{notice}</Alert> : null}
      {feed.error ? <Alert variant="destructive">{formErrorOf(feed.error, t)}</Alert> : null}
      {done ? (
        <Alert variant="success">
          {t('biofloc.fed', {
            kg: format.number(done.total_kg),
            batch: done.batch_code,
            rate: done.feeding_rate_pct === null ? '—' : format.number(done.feeding_rate_pct),
          })}
        </Alert>
      ) : null}
      {items.map((item, i) => (
        <div key={item.key} className="grid items-end gap-3 sm:grid-cols-[1fr_12rem]">
          <p className="font-semibold">
            {item.product.sku} · {item.product.name}
          </p>
          <FormField
            id={`feed-kg-${i}`}
            label={t('biofloc.kg')}
            error={fields[`feed_items.${i}.quantity_kg`]}
          >
            <Input
              id={`feed-kg-${i}`}
              inputMode="decimal"
              value={item.kg}
              onChange={(e) =>
                setItems((c) => c.map((it, j) => (j === i ? { ...it, kg: e.target.value } : it)))
              }
              {...invalid(`feed-kg-${i}`, fields[`feed_items.${i}.quantity_kg`])}
            />
          </FormField>
        </div>
      ))}
      <div>
        <Button type="submit" disabled={feed.isPending || items.length === 0}>
          {t('biofloc.postFeeding')}
        </Button>
      </div>
    </FormCard>
  );
}
