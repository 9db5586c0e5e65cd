import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { Pager } from '../../components/data-table';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { NativeSelect } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';

type AlertItem = ResponseOf<'/api/v1/alerts', 'get'>['items'][number];
const PAGE_SIZE = 10;
const KINDS = ['lot_expiring', 'lot_expired', 'low_stock', 'water_quality', 'water_test_overdue'] as const;

/** What one alert says, in the user's language, from its kind and figures. */
function useDescribe() {
  const { t } = useTranslation();
  const format = useFormat();
  return (alert: AlertItem) =>
    // A low-stock alert without a warehouse is about the stock of every warehouse together.
    t(`alerts.text.${alert.kind === 'low_stock' && !alert.warehouse_code ? 'low_stock_total' : alert.kind}`, {
      sku: alert.sku ?? '—',
      product: alert.product_name ?? '',
      lot: alert.lot_number ?? '—',
      expiry: format.date(alert.expiry_date),
      days: alert.days_to_expiry ?? 0,
      warehouse: alert.warehouse_code ?? '—',
      onHand: format.quantity(alert.on_hand),
      reorderPoint: format.quantity(alert.reorder_point),
      subject: alert.subject_label ?? '—',
      parameter: alert.parameter ?? '',
      value: format.number(alert.value),
      threshold: format.number(alert.threshold),
    });
}

/** The alerts not yet acknowledged, newest first; acknowledging one takes it off the list. */
export function AlertsPanel() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const describe = useDescribe();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<'' | AlertItem['kind']>('');
  const alerts = useQuery({
    queryKey: ['alerts', kind, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/alerts', {
          params: { query: { acknowledged: false, page, page_size: PAGE_SIZE, ...(kind ? { kind } : {}) } },
        }),
      ),
  });
  const acknowledge = useMutation({
    // One key per alert: a double click or a resend acknowledges it once.
    mutationFn: async (id: string) =>
      unwrap(
        await api.POST('/api/v1/alerts/{id}/acknowledge', {
          params: { path: { id } },
          headers: { 'Idempotency-Key': `ack-${id}` },
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['alerts'] }),
  });
  const canAcknowledge = can('POST /api/v1/alerts/{id}/acknowledge');
  const items = alerts.data?.items ?? [];
  return (
    <Card>
      <CardHeader>
        <CardTitle id="alerts-title">
          {t('alerts.title')}
          {alerts.data ? ` (${format.number(alerts.data.total)})` : ''}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="flex max-w-xs flex-col gap-1.5">
          <Label htmlFor="alert-kind">{t('alerts.kind')}</Label>
          <NativeSelect
            id="alert-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as '' | AlertItem['kind']);
              setPage(1);
            }}
          >
            <option value="">{t('alerts.allKinds')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`alerts.kinds.${k}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        {alerts.error ? <Alert variant="destructive">{formErrorOf(alerts.error, t)}</Alert> : null}
        {acknowledge.error ? <Alert variant="destructive">{formErrorOf(acknowledge.error, t)}</Alert> : null}
        {alerts.data && items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('alerts.none')}</p>
        ) : null}
        <ul aria-labelledby="alerts-title" className="flex flex-col divide-y divide-border">
          {items.map((alert) => (
            <li key={alert.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2">
              <span className="rounded bg-muted px-2 py-0.5 text-xs font-semibold">
                {t(`alerts.kinds.${alert.kind}`)}
              </span>
              <span className="min-w-0 flex-1 text-sm">{describe(alert)}</span>
              <span className="text-xs text-muted-foreground">{format.dateTime(alert.created_at)}</span>
              {canAcknowledge ? (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={acknowledge.isPending}
                  onClick={() => acknowledge.mutate(alert.id)}
                >
                  {t('alerts.acknowledge')}
                  <span className="sr-only"> {alert.sku ?? alert.subject_label}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
        {alerts.data && alerts.data.pages > 1 ? (
          <Pager paging={{ page, pages: alerts.data.pages, total: alerts.data.total }} onPage={setPage} />
        ) : null}
      </CardContent>
    </Card>
  );
}
