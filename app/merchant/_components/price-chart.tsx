'use client';
// The deal editor's live preview, drawn with recharts: unit price against group size (a step chart) and
// the merchant's revenue against group size, plus the same ladder as a table. Each chart's accessible
// name reads its figures out.
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { revenueAt, savings, unitPriceAt, type Tier } from '@/server/pricing';
import { useConsoleWords } from './use-console-words';

const HEIGHT = 170;
const AXIS_TICK = { fontSize: 10, fill: '#57534e' };

type Props = { tiers: Tier[]; currency: string; listPrice: number | null; maxMembers: number | null };

/** Rounds a scale's top up to a "nice" number so ticks read well. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  const steps = [1, 2, 2.5, 5, 10];
  const m = steps.find((s) => s * p >= v) ?? 10;
  return m * p;
}

/** Price and revenue charts for the brackets being edited. */
export function PriceChart({ tiers, currency, listPrice, maxMembers }: Props) {
  const { t, money, people, list } = useConsoleWords();
  const sorted = [...tiers].sort((a, b) => a.minMembers - b.minMembers);
  const first = sorted[0];
  if (!first) {
    return (
      <p className="rounded-lg border border-dashed border-stone-300 p-6 text-center text-sm text-stone-500">
        {t('chart.empty')}
      </p>
    );
  }
  const last = sorted.at(-1) ?? first;
  const cap = maxMembers && maxMembers >= 1 ? maxMembers : last.minMembers * 2;
  const xMax = Math.max(last.minMembers, Math.min(cap, Math.max(Math.ceil(last.minMembers * 1.25) + 1, 10)));
  const ns = Array.from({ length: xMax + 1 }, (_, n) => n);
  const fmt = (v: number) => money(v, currency);
  const priceMax = niceMax(Math.max(listPrice ?? 0, ...sorted.map((t) => t.unitPrice)));

  // An absurd price × size can pass Number's safe range; the engine then refuses, and the chart shows 0.
  const rev = (n: number) => {
    try {
      return revenueAt(sorted, n);
    } catch {
      return 0;
    }
  };
  // Below the first bracket the group does not go ahead: no price is drawn there.
  const data = ns.map((n) => ({
    n,
    price: n >= first.minMembers ? unitPriceAt(sorted, n) : null,
    revenue: rev(n),
  }));
  const revMax = niceMax(Math.max(...data.map((d) => d.revenue)));
  const xTicks = Array.from(new Set([0, ...sorted.map((t) => t.minMembers).filter((n) => n <= xMax), xMax]));
  const xAxis = (
    <XAxis
      dataKey="n"
      type="number"
      domain={[0, xMax]}
      ticks={xTicks}
      tick={AXIS_TICK}
      label={{
        value: t('chart.axis'),
        position: 'insideBottom',
        offset: -2,
        fontSize: 10,
        fill: '#57534e',
      }}
    />
  );
  const tooltip = (
    <Tooltip
      formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))}
      labelFormatter={(n) => people(Number(n))}
    />
  );

  const priceLabel = t('chart.priceLabel', {
    ladder: list(sorted.map((s) => t('chart.priceItem', { count: s.minMembers, price: fmt(s.unitPrice) }))),
    count: first.minMembers,
  });
  const revLabel = t('chart.revenueLabel', {
    items: list(
      sorted.map((s) => t('chart.revenueItem', { revenue: fmt(rev(s.minMembers)), count: s.minMembers })),
    ),
  });
  const priceEach = t('chart.priceEach');

  return (
    <div className="space-y-4">
      <figure>
        <figcaption className="mb-1 text-sm font-semibold">{priceEach}</figcaption>
        <div role="img" aria-label={priceLabel} data-testid="price-chart">
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <LineChart data={data} margin={{ top: 10, right: 12, bottom: 12, left: 0 }}>
              <CartesianGrid vertical={false} stroke="#e7e5e4" />
              <ReferenceArea x1={0} x2={first.minMembers} fill="#f5f5f4" fillOpacity={1} />
              {xAxis}
              <YAxis domain={[0, priceMax]} tickFormatter={fmt} tick={AXIS_TICK} width={64} />
              {listPrice ? (
                <ReferenceLine
                  y={listPrice}
                  stroke="#a8a29e"
                  strokeDasharray="4 3"
                  label={{
                    value: t('chart.listPrice'),
                    position: 'insideTopRight',
                    fontSize: 10,
                    fill: '#57534e',
                  }}
                />
              ) : null}
              {tooltip}
              <Line
                type="stepAfter"
                dataKey="price"
                stroke="#c2410c"
                strokeWidth={2.5}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
                name={priceEach}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure>
        <figcaption className="mb-1 text-sm font-semibold">{t('chart.revenueTitle')}</figcaption>
        <div role="img" aria-label={revLabel} data-testid="revenue-chart">
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <LineChart data={data} margin={{ top: 10, right: 12, bottom: 12, left: 0 }}>
              <CartesianGrid vertical={false} stroke="#e7e5e4" />
              {xAxis}
              <YAxis domain={[0, revMax]} tickFormatter={fmt} tick={AXIS_TICK} width={64} />
              {tooltip}
              {/* Group sizes are whole people: revenue stays 0 until the minimum, then steps at each size. */}
              <Line
                type="stepAfter"
                dataKey="revenue"
                stroke="#0f766e"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
                name={t('chart.revenue')}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t('chart.ladder')}</caption>
        <thead className="text-xs text-stone-500">
          <tr>
            <th scope="col" className="py-1 font-medium">
              {t('chart.groupSize')}
            </th>
            <th scope="col" className="py-1 font-medium">
              {t('chart.eachPays')}
            </th>
            <th scope="col" className="py-1 font-medium">
              {t('chart.saves')}
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              {t('chart.revenue')}
            </th>
          </tr>
        </thead>
        <tbody data-testid="ladder-table">
          {sorted.map((s, i) => (
            <tr key={i} className="border-t border-stone-200">
              <td className="py-1">{t('chart.sizeFrom', { count: s.minMembers })}</td>
              <td className="py-1 tabular-nums">{fmt(s.unitPrice)}</td>
              <td className="py-1 tabular-nums">
                {listPrice && listPrice > 0 ? `${savings(listPrice, s.unitPrice).percent}%` : '—'}
              </td>
              <td className="py-1 text-right tabular-nums">{fmt(rev(s.minMembers))}+</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
