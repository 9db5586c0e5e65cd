import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../lib/format';
import { Card, CardContent, CardHeader, CardTitle } from './ui/card';

/** Dark enough for AA contrast against white, and told apart without colour by the legend's order. */
export const CHART_COLOURS = ['#1e3a8a', '#b45309', '#047857', '#9f1239', '#5b21b6'];

/** A titled bar chart; `bars` are the data keys, labelled by `label`. */
export function BarsCard({
  title,
  data,
  x,
  bars,
  label,
  stacked = false,
  money = false,
  counts = false,
}: {
  title: string;
  data: Record<string, unknown>[];
  x: string;
  bars: readonly string[];
  label: (key: string) => string;
  stacked?: boolean;
  money?: boolean;
  /** Whole numbers only (lots, products): no fractional ticks. */
  counts?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const show = (v: unknown) => (money ? format.money(Number(v)) : format.number(Number(v)));
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        {data.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('reports.noData')}</p>
        ) : (
          <figure className="h-72 w-full" aria-label={title}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey={x} />
                <YAxis allowDecimals={!counts} tickFormatter={(v: number) => format.number(v)} width={80} />
                <Tooltip formatter={(v) => show(v)} />
                {bars.length > 1 ? <Legend /> : null}
                {bars.map((bar, i) => (
                  <Bar
                    key={bar}
                    dataKey={bar}
                    name={label(bar)}
                    fill={CHART_COLOURS[i % CHART_COLOURS.length]}
                    {...(stacked ? { stackId: 'stack' } : {})}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </figure>
        )}
      </CardContent>
    </Card>
  );
}
