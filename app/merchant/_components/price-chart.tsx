// The deal editor's live preview, drawn as plain SVG (no chart library): unit price against group size
// (a step chart) and the merchant's revenue against group size, plus the same ladder as a table.
import { revenueAt, savings, unitPriceAt, type Tier } from '@/server/pricing';
import { money, people } from '../_lib/format';

const W = 420;
const H = 170;
const PAD = { l: 56, r: 12, t: 12, b: 30 };

type Props = { tiers: Tier[]; currency: string; listPrice: number | null; maxMembers: number | null };

/** Rounds a scale's top up to a "nice" number so ticks read well. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  const steps = [1, 2, 2.5, 5, 10];
  const m = steps.find((s) => s * p >= v) ?? 10;
  return m * p;
}

function Axes({ xMax, yMax, yLabel, xTicks }: { xMax: number; yMax: number; yLabel: (v: number) => string; xTicks: number[] }) {
  const x = (n: number) => PAD.l + (n / xMax) * (W - PAD.l - PAD.r);
  const y = (v: number) => H - PAD.b - (v / yMax) * (H - PAD.t - PAD.b);
  return (
    <g className="text-[10px]" fill="currentColor">
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line x1={PAD.l} x2={W - PAD.r} y1={y(yMax * f)} y2={y(yMax * f)} stroke="#e7e5e4" />
          <text x={PAD.l - 4} y={y(yMax * f) + 3} textAnchor="end" className="fill-stone-500">
            {yLabel(Math.round(yMax * f))}
          </text>
        </g>
      ))}
      {xTicks.map((n) => (
        <text key={n} x={x(n)} y={H - PAD.b + 14} textAnchor="middle" className="fill-stone-500">
          {n}
        </text>
      ))}
      <text x={(W + PAD.l) / 2} y={H - 2} textAnchor="middle" className="fill-stone-600">
        people in the group
      </text>
    </g>
  );
}

/** Price and revenue charts for the brackets being edited. */
export function PriceChart({ tiers, currency, listPrice, maxMembers }: Props) {
  const sorted = [...tiers].sort((a, b) => a.minMembers - b.minMembers);
  const first = sorted[0];
  if (!first) {
    return <p className="rounded-lg border border-dashed border-stone-300 p-6 text-center text-sm text-stone-500">Fill in a price bracket to see the preview.</p>;
  }
  const last = sorted.at(-1) ?? first;
  const cap = maxMembers && maxMembers >= 1 ? maxMembers : last.minMembers * 2;
  const xMax = Math.max(last.minMembers, Math.min(cap, Math.max(Math.ceil(last.minMembers * 1.25) + 1, 10)));
  const ns = Array.from({ length: xMax + 1 }, (_, n) => n);
  const x = (n: number) => PAD.l + (n / xMax) * (W - PAD.l - PAD.r);
  const fmt = (v: number) => money(v, currency);

  const priceMax = niceMax(Math.max(listPrice ?? 0, ...sorted.map((t) => t.unitPrice)));
  const yP = (v: number) => H - PAD.b - (v / priceMax) * (H - PAD.t - PAD.b);
  // Step path: flat at each bracket's price from its start to the next bracket's start.
  let pricePath = '';
  sorted.forEach((t, i) => {
    const start = Math.min(t.minMembers, xMax);
    const end = Math.min(sorted[i + 1]?.minMembers ?? xMax, xMax);
    const p = unitPriceAt(sorted, start);
    pricePath += `${i === 0 ? 'M' : 'L'}${x(start)},${yP(p)} L${x(end)},${yP(p)} `;
  });

  // An absurd price × size can pass Number's safe range; the engine then refuses, and the chart shows 0.
  const rev = (n: number) => {
    try {
      return revenueAt(sorted, n);
    } catch {
      return 0;
    }
  };
  const revenues = ns.map(rev);
  const revMax = niceMax(Math.max(...revenues));
  const yR = (v: number) => H - PAD.b - (v / revMax) * (H - PAD.t - PAD.b);
  const revPath = ns.map((n, i) => `${i === 0 ? 'M' : 'L'}${x(n)},${yR(revenues[i] ?? 0)}`).join(' ');
  const xTicks = Array.from(new Set([0, ...sorted.map((t) => t.minMembers).filter((n) => n <= xMax), xMax]));

  const priceLabel = `Price each by group size: ${sorted.map((t) => `from ${people(t.minMembers)} ${fmt(t.unitPrice)}`).join('; ')}. Below ${people(first.minMembers)} the group does not go ahead.`;
  const revLabel = `Your revenue by group size, one item each: ${sorted.map((t) => `${fmt(rev(t.minMembers))} at ${people(t.minMembers)}`).join('; ')}.`;

  return (
    <div className="space-y-4">
      <figure>
        <figcaption className="mb-1 text-sm font-semibold">Price each</figcaption>
        <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={priceLabel} data-testid="price-chart">
          <rect x={PAD.l} y={PAD.t} width={Math.max(0, x(first.minMembers) - PAD.l)} height={H - PAD.t - PAD.b} fill="#f5f5f4" />
          <Axes xMax={xMax} yMax={priceMax} yLabel={fmt} xTicks={xTicks} />
          {listPrice ? (
            <g>
              <line x1={PAD.l} x2={W - PAD.r} y1={yP(listPrice)} y2={yP(listPrice)} stroke="#a8a29e" strokeDasharray="4 3" />
              <text x={W - PAD.r} y={yP(listPrice) - 3} textAnchor="end" className="fill-stone-500 text-[10px]">
                list price
              </text>
            </g>
          ) : null}
          <path d={pricePath} fill="none" stroke="#c2410c" strokeWidth={2.5} />
          {sorted.map((t, i) =>
            t.minMembers <= xMax ? <circle key={i} cx={x(t.minMembers)} cy={yP(t.unitPrice)} r={3.5} fill="#c2410c" /> : null,
          )}
        </svg>
      </figure>
      <figure>
        <figcaption className="mb-1 text-sm font-semibold">Your revenue (one item each)</figcaption>
        <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={revLabel} data-testid="revenue-chart">
          <Axes xMax={xMax} yMax={revMax} yLabel={fmt} xTicks={xTicks} />
          <path d={revPath} fill="none" stroke="#0f766e" strokeWidth={2} />
        </svg>
      </figure>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Price ladder</caption>
        <thead className="text-xs text-stone-500">
          <tr>
            <th scope="col" className="py-1 font-medium">Group size</th>
            <th scope="col" className="py-1 font-medium">Each pays</th>
            <th scope="col" className="py-1 font-medium">Saves</th>
            <th scope="col" className="py-1 text-right font-medium">Revenue</th>
          </tr>
        </thead>
        <tbody data-testid="ladder-table">
          {sorted.map((t, i) => (
            <tr key={i} className="border-t border-stone-200">
              <td className="py-1">{people(t.minMembers)}+</td>
              <td className="py-1 tabular-nums">{fmt(t.unitPrice)}</td>
              <td className="py-1 tabular-nums">{listPrice && listPrice > 0 ? `${savings(listPrice, t.unitPrice).percent}%` : '—'}</td>
              <td className="py-1 text-right tabular-nums">{fmt(rev(t.minMembers))}+</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
