'use client';
// Deal insights: key figures, charts (channels, joins over time) and every figure again as a table.
import type { DealInsights } from '@/server/insights/get-deal-insights';
import { money } from '@/app/merchant/_lib/format';
import { BarChart } from './bar-chart';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-3">
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className="text-lg font-bold tabular-nums">{value}</dd>
    </div>
  );
}

/** The insights section of a deal page. */
export function InsightsPanel({ i }: { i: DealInsights }) {
  const m = i.money;
  return (
    <section aria-labelledby="insights-h" className="space-y-4">
      <h2 id="insights-h" className="text-xl font-bold">
        Insights
      </h2>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Stat label="Groups opened" value={String(i.groups.opened)} />
        <Stat label="Won" value={String(i.groups.won)} />
        <Stat label="Did not go ahead" value={String(i.groups.failed)} />
        <Stat
          label="Average group size"
          value={i.averageGroupSize === null ? '—' : String(i.averageGroupSize)}
        />
        {m.map((r) => (
          <Stat
            key={`rev-${r.currency}`}
            label={`Revenue captured (${r.currency})`}
            value={money(r.revenueCaptured, r.currency)}
          />
        ))}
        {m.map((r) => (
          <Stat
            key={`sav-${r.currency}`}
            label={`Savings given (${r.currency})`}
            value={money(r.savingsGiven, r.currency)}
          />
        ))}
      </dl>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm font-semibold">Visits and joins by share channel</h3>
          {i.channels.length ? (
            <BarChart
              series={['Visits', 'Joins']}
              bars={i.channels.map((c) => ({ label: c.channel, values: [c.visits, c.joins] }))}
              description={`Visits and joins by channel: ${i.channels.map((c) => `${c.channel} ${c.visits} visits, ${c.joins} joins`).join('; ')}`}
            />
          ) : (
            <p className="text-sm text-stone-500">No visits yet.</p>
          )}
        </div>
        <div>
          <h3 className="mb-1 text-sm font-semibold">Joins per day</h3>
          {i.joinsByDay.length ? (
            <BarChart
              series={['Joins']}
              bars={i.joinsByDay.map((d) => ({ label: d.day, values: [d.joins] }))}
              description={`Joins per day: ${i.joinsByDay.map((d) => `${d.day} ${d.joins}`).join('; ')}`}
            />
          ) : (
            <p className="text-sm text-stone-500">No joins yet.</p>
          )}
        </div>
      </div>
      <details className="rounded-lg border border-stone-200 bg-white p-3" open>
        <summary className="cursor-pointer text-sm font-semibold">All figures as a table</summary>
        <table className="mt-2 w-full text-left text-sm" data-testid="insights-table">
          <caption className="sr-only">Deal insights</caption>
          <tbody>
            {[
              ['Groups opened', i.groups.opened],
              ['Groups live now', i.groups.open],
              ['Groups won', i.groups.won],
              ['Groups that did not go ahead', i.groups.failed],
              ['Groups canceled', i.groups.canceled],
              ['Average group size (closed groups)', i.averageGroupSize ?? '—'],
              ...m.flatMap((r) => [
                [`Revenue captured (${r.currency})`, money(r.revenueCaptured, r.currency)],
                [`Refunded (${r.currency})`, money(r.refunded, r.currency)],
                [`Net revenue (${r.currency})`, money(r.netRevenue, r.currency)],
                [`Savings given to buyers (${r.currency})`, money(r.savingsGiven, r.currency)],
              ]),
            ].map(([k, v]) => (
              <tr key={String(k)} className="border-t border-stone-100">
                <th scope="row" className="py-1 font-normal text-stone-600">
                  {k}
                </th>
                <td className="py-1 text-right font-semibold tabular-nums">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="mt-4 w-full text-left text-sm">
          <caption className="text-left text-xs font-semibold text-stone-500">By share channel</caption>
          <thead className="text-xs text-stone-500">
            <tr>
              <th scope="col">Channel</th>
              <th scope="col" className="text-right">
                Visits
              </th>
              <th scope="col" className="text-right">
                Joins
              </th>
              <th scope="col" className="text-right">
                Conversion
              </th>
            </tr>
          </thead>
          <tbody>
            {i.channels.map((c) => (
              <tr key={c.channel} className="border-t border-stone-100">
                <th scope="row" className="py-1 font-normal">
                  {c.channel}
                </th>
                <td className="text-right tabular-nums">{c.visits}</td>
                <td className="text-right tabular-nums">{c.joins}</td>
                <td className="text-right tabular-nums">
                  {c.conversionPercent === null ? '—' : `${c.conversionPercent}%`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="mt-4 w-full text-left text-sm">
          <caption className="text-left text-xs font-semibold text-stone-500">Joins per day (UTC)</caption>
          <tbody>
            {i.joinsByDay.map((d) => (
              <tr key={d.day} className="border-t border-stone-100">
                <th scope="row" className="py-1 font-normal">
                  {d.day}
                </th>
                <td className="text-right tabular-nums">{d.joins}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
