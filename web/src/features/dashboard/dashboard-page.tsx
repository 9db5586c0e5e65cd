import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, unwrap } from '../../api/client';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';

/** The day's picture: stock value by warehouse, expiring lots, low stock, today's movements. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const dashboard = useQuery({
    queryKey: ['dashboard'],
    queryFn: async () => unwrap(await api.GET('/api/v1/reports/dashboard')),
  });
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const d = dashboard.data;
  const tiles = d
    ? [
        { label: t('dashboard.stockValue'), value: number.format(d.stock_value) },
        { label: t('dashboard.skus'), value: number.format(d.distinct_skus) },
        { label: t('dashboard.lowStock'), value: number.format(d.low_stock_count) },
        { label: t('dashboard.expiring7'), value: number.format(d.expiring_7_days) },
        { label: t('dashboard.expired'), value: number.format(d.expired_lots) },
        { label: t('dashboard.receiptsToday'), value: number.format(d.receipts_today) },
        { label: t('dashboard.issuesToday'), value: number.format(d.issues_today) },
        { label: t('dashboard.openTransfers'), value: number.format(d.open_transfers) },
      ]
    : [];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('dashboard.title')}</h1>
      <ul className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {tiles.map((tile) => (
          <li key={tile.label}>
            <Card>
              <CardContent className="pt-4">
                <p className="text-sm text-muted-foreground">{tile.label}</p>
                <p className="text-2xl font-bold">{tile.value}</p>
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>
      <Card>
        <CardHeader>
          <CardTitle>{t('dashboard.valueByWarehouse')}</CardTitle>
        </CardHeader>
        <CardContent>
          <div className="h-72 w-full">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={d?.warehouses ?? []}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="warehouse_code" />
                <YAxis tickFormatter={(v: number) => number.format(v)} />
                <Tooltip formatter={(v) => number.format(Number(v))} />
                <Bar dataKey="stock_value" name={t('dashboard.stockValue')} fill="#1e3a8a" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </CardContent>
      </Card>
    </div>
  );
}
