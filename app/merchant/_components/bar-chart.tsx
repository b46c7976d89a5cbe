// A small horizontal bar chart in plain SVG, for insights. The same numbers are always also in a table.

type Bar = { label: string; values: number[] };

// Two series: grey for the larger context (visits), brand for the outcome (joins); one series: brand.
const TWO = ['#a8a29e', '#c2410c'];
const ONE = ['#c2410c'];

/** Horizontal bars, one row per label, one bar per series; `description` is the chart's accessible name. */
export function BarChart({ bars, series, description }: { bars: Bar[]; series: string[]; description: string }) {
  const COLORS = series.length === 1 ? ONE : TWO;
  const max = Math.max(1, ...bars.flatMap((b) => b.values));
  const rowH = 10 * series.length + 10;
  const W = 400;
  const L = 90;
  const H = bars.length * rowH + 20;
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={description}>
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0, ${i * rowH})`}>
            <text x={L - 6} y={rowH / 2 + 3} textAnchor="end" className="fill-stone-700 text-[11px]">
              {b.label}
            </text>
            {b.values.map((v, s) => (
              <g key={s}>
                <rect x={L} y={4 + s * 10} width={((W - L - 40) * v) / max} height={8} rx={2} fill={COLORS[s % COLORS.length]} />
                <text x={L + ((W - L - 40) * v) / max + 4} y={11 + s * 10} className="fill-stone-600 text-[9px]">
                  {v}
                </text>
              </g>
            ))}
          </g>
        ))}
        <g transform={`translate(${L}, ${H - 8})`}>
          {series.map((name, s) => (
            <g key={name} transform={`translate(${s * 90}, 0)`}>
              <rect width={8} height={8} y={-7} fill={COLORS[s % COLORS.length]} />
              <text x={12} className="fill-stone-600 text-[10px]">
                {name}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
