'use client';
// Horizontal bars for insights, drawn with recharts. The same numbers are always also in a table, and the
// chart's accessible name reads them out.
import {
  Bar,
  BarChart as Bars,
  CartesianGrid,
  LabelList,
  Legend,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';

type Row = { label: string; values: number[] };

// Two series: grey for the larger context (visits), brand for the outcome (joins); one series: brand.
const TWO = ['#a8a29e', '#c2410c'];
const ONE = ['#c2410c'];

/** Horizontal bars, one row per label, one bar per series; `description` is the chart's accessible name. */
export function BarChart({
  bars,
  series,
  description,
}: {
  bars: Row[];
  series: string[];
  description: string;
}) {
  const colors = series.length === 1 ? ONE : TWO;
  const data = bars.map((b) =>
    Object.fromEntries([['label', b.label], ...series.map((name, s) => [name, b.values[s] ?? 0])]),
  );
  const height = bars.length * (12 * series.length + 14) + 48;
  return (
    <figure role="img" aria-label={description}>
      <ResponsiveContainer width="100%" height={height}>
        <Bars data={data} layout="vertical" margin={{ top: 4, right: 32, bottom: 4, left: 4 }} barGap={2}>
          <CartesianGrid horizontal={false} stroke="#e7e5e4" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 10, fill: '#57534e' }} />
          <YAxis type="category" dataKey="label" width={90} tick={{ fontSize: 11, fill: '#44403c' }} />
          <Legend iconSize={8} wrapperStyle={{ fontSize: 11 }} />
          {series.map((name, s) => (
            <Bar
              key={name}
              dataKey={name}
              fill={colors[s % colors.length]}
              radius={2}
              isAnimationActive={false}
            >
              <LabelList dataKey={name} position="right" style={{ fontSize: 10, fill: '#57534e' }} />
            </Bar>
          ))}
        </Bars>
      </ResponsiveContainer>
    </figure>
  );
}
