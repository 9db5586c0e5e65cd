import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ResponseOf } from '../../api/client';
import { useFormat } from '../../lib/format';

type Point = ResponseOf<'/api/v1/biofloc/batches/{id}/performance', 'get'>['biomass_curve'][number];

/** A batch's biomass (kg, left axis) and average weight (g, right axis) at each weighing. */
export function BiomassChart({ points }: { points: Point[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const data = points.map((p) => ({ ...p, label: format.date(p.date) }));
  return (
    <figure className="h-72 w-full" aria-label={t('farm.batch.curve')} data-testid="biomass-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis yAxisId="kg" tickFormatter={(v: number) => format.number(v)} />
          <YAxis yAxisId="g" orientation="right" tickFormatter={(v: number) => format.number(v)} />
          <Tooltip formatter={(v) => format.number(Number(v))} />
          <Legend formatter={(value) => <span className="text-foreground">{value}</span>} />
          <Line
            yAxisId="kg"
            type="monotone"
            dataKey="biomass_kg"
            name={t('farm.batch.biomass')}
            stroke="#1e3a8a"
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            yAxisId="g"
            type="monotone"
            dataKey="avg_weight_g"
            name={t('farm.sampling.avg')}
            stroke="#b45309"
            strokeWidth={2}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
