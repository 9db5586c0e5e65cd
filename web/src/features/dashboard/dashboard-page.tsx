import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { BarsCard } from '../../components/bars-card';
import { StatTiles } from '../../components/stat-tiles';
import { WarehousePicker } from '../../components/warehouse-picker';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { AlertsPanel } from './alerts-panel';

/** The day's picture: stock value by warehouse, expiring lots, low stock, today's movements, alerts. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const [warehouseId, setWarehouseId] = useState('');
  const dashboard = useQuery({
    queryKey: ['dashboard', warehouseId],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/reports/dashboard', {
          params: { query: warehouseId ? { warehouse_id: warehouseId } : {} },
        }),
      ),
  });
  const d = dashboard.data;
  const tiles = d
    ? [
        { label: t('dashboard.stockValue'), value: format.money(d.stock_value) },
        { label: t('dashboard.skus'), value: format.number(d.distinct_skus) },
        { label: t('dashboard.lowStock'), value: format.number(d.low_stock_count) },
        { label: t('dashboard.expiring7'), value: format.number(d.expiring_7_days) },
        { label: t('dashboard.expired'), value: format.number(d.expired_lots) },
        { label: t('dashboard.receiptsToday'), value: format.number(d.receipts_today) },
        { label: t('dashboard.issuesToday'), value: format.number(d.issues_today) },
        { label: t('dashboard.openTransfers'), value: format.number(d.open_transfers) },
      ]
    : [];
  const chart = (key: string) => t(`dashboardCharts.${key}`);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">{t('dashboard.title')}</h1>
        <div className="w-full max-w-xs">
          <WarehousePicker
            id="dashboard-warehouse"
            value={warehouseId}
            onChange={setWarehouseId}
            emptyLabel={t('reports.allWarehouses')}
          />
        </div>
      </div>
      <StatTiles tiles={tiles} />
      {can('GET /api/v1/alerts') ? <AlertsPanel /> : null}
      {d ? (
        <div className="grid gap-4 xl:grid-cols-2">
          <BarsCard
            title={t('dashboard.valueByWarehouse')}
            data={d.warehouses}
            x="warehouse_code"
            bars={['stock_value']}
            label={() => t('dashboard.stockValue')}
            money
          />
          <BarsCard
            title={chart('expiringLots')}
            data={[
              { label: chart('expired'), lots: d.expired_lots },
              { label: chart('within7'), lots: d.expiring_7_days },
              { label: chart('within30'), lots: d.expiring_30_days },
            ]}
            x="label"
            bars={['lots']}
            label={() => chart('lots')}
            counts
          />
          <BarsCard
            title={chart('lowStockByWarehouse')}
            data={d.warehouses}
            x="warehouse_code"
            bars={['low_stock_count']}
            label={() => chart('products')}
            counts
          />
          <BarsCard
            title={chart('movementsToday')}
            data={[
              { label: chart('receipts'), documents: d.receipts_today, quantity: d.received_quantity_today },
              { label: chart('issues'), documents: d.issues_today, quantity: d.issued_quantity_today },
            ]}
            x="label"
            bars={['documents', 'quantity']}
            label={(key) => chart(key)}
          />
        </div>
      ) : null}
    </div>
  );
}
