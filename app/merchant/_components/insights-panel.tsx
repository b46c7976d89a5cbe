'use client';
// Deal insights: key figures, charts (channels, joins over time) and every figure again as a table.
import type { DealInsights } from '@/server/insights/get-deal-insights';
import { BarChart } from './bar-chart';
import { useConsoleWords } from './use-console-words';

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
  const { t, money, list, locale } = useConsoleWords();
  const m = i.money;
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  const average = i.averageGroupSize === null ? '—' : number(i.averageGroupSize);
  const channelName = (channel: string) => t('insights.channelName', { channel });
  const visits = t('insights.visits');
  const joins = t('insights.joins');
  return (
    <section aria-labelledby="insights-h" className="space-y-4">
      <h2 id="insights-h" className="text-xl font-bold">
        {t('insights.title')}
      </h2>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Stat label={t('insights.groupsOpened')} value={number(i.groups.opened)} />
        <Stat label={t('insights.won')} value={number(i.groups.won)} />
        <Stat label={t('insights.failed')} value={number(i.groups.failed)} />
        <Stat label={t('insights.averageSize')} value={average} />
        {m.map((r) => (
          <Stat
            key={`rev-${r.currency}`}
            label={t('insights.revenueCaptured', { currency: r.currency })}
            value={money(r.revenueCaptured, r.currency)}
          />
        ))}
        {m.map((r) => (
          <Stat
            key={`sav-${r.currency}`}
            label={t('insights.savingsGiven', { currency: r.currency })}
            value={money(r.savingsGiven, r.currency)}
          />
        ))}
      </dl>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm font-semibold">{t('insights.byChannelTitle')}</h3>
          {i.channels.length ? (
            <BarChart
              series={[visits, joins]}
              bars={i.channels.map((c) => ({ label: channelName(c.channel), values: [c.visits, c.joins] }))}
              description={t('insights.byChannelLabel', {
                items: list(
                  i.channels.map((c) =>
                    t('insights.byChannelItem', {
                      channel: channelName(c.channel),
                      visits: c.visits,
                      joins: c.joins,
                    }),
                  ),
                ),
              })}
            />
          ) : (
            <p className="text-sm text-stone-500">{t('insights.noVisits')}</p>
          )}
        </div>
        <div>
          <h3 className="mb-1 text-sm font-semibold">{t('insights.perDayTitle')}</h3>
          {i.joinsByDay.length ? (
            <BarChart
              series={[joins]}
              bars={i.joinsByDay.map((d) => ({ label: d.day, values: [d.joins] }))}
              description={t('insights.perDayLabel', {
                items: list(
                  i.joinsByDay.map((d) => t('insights.perDayItem', { day: d.day, joins: d.joins })),
                ),
              })}
            />
          ) : (
            <p className="text-sm text-stone-500">{t('insights.noJoins')}</p>
          )}
        </div>
      </div>
      {i.commissions.length > 0 ? (
        <div className="space-y-2" data-testid="insights-commissions">
          <h3 className="text-sm font-semibold">{t('insights.commissionsTitle')}</h3>
          {i.commissions.map((c) => (
            <div key={c.currency} className="rounded-lg border border-stone-200 bg-white p-3">
              <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                <Stat
                  label={t('insights.commissionEarned', { currency: c.currency })}
                  value={money(c.earned, c.currency)}
                />
                <Stat
                  label={t('insights.commissionPaid', { currency: c.currency })}
                  value={money(c.paid, c.currency)}
                />
                <Stat
                  label={t('insights.commissionWaiting', { currency: c.currency })}
                  value={money(c.waiting, c.currency)}
                />
                <Stat label={t('insights.sharersEarned')} value={number(c.sharers.length)} />
              </dl>
              {c.sharers.length > 0 ? (
                <table className="mt-3 w-full text-left text-sm">
                  <caption className="text-left text-xs font-semibold text-stone-500">
                    {t('insights.sharersCaption', { currency: c.currency })}
                  </caption>
                  <thead className="text-xs text-stone-500">
                    <tr>
                      <th scope="col">{t('insights.sharer')}</th>
                      <th scope="col" className="text-right">
                        {t('insights.buyersBrought')}
                      </th>
                      <th scope="col" className="text-right">
                        {t('insights.earned')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.sharers.map((s, n) => (
                      <tr key={`${s.alias}-${n}`} className="border-t border-stone-100">
                        <th scope="row" className="py-1 font-normal">
                          {s.alias}
                        </th>
                        <td className="text-right tabular-nums">{number(s.buyers)}</td>
                        <td className="text-right tabular-nums">{money(s.earned, c.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
      <details className="rounded-lg border border-stone-200 bg-white p-3" open>
        <summary className="cursor-pointer text-sm font-semibold">{t('insights.allFigures')}</summary>
        <table className="mt-2 w-full text-left text-sm" data-testid="insights-table">
          <caption className="sr-only">{t('insights.tableCaption')}</caption>
          <tbody>
            {[
              [t('insights.groupsOpened'), number(i.groups.opened)],
              [t('insights.groupsLive'), number(i.groups.open)],
              [t('insights.groupsWon'), number(i.groups.won)],
              [t('insights.groupsFailed'), number(i.groups.failed)],
              [t('insights.groupsCanceled'), number(i.groups.canceled)],
              [t('insights.averageSizeClosed'), average],
              ...m.flatMap((r) => [
                [
                  t('insights.revenueCaptured', { currency: r.currency }),
                  money(r.revenueCaptured, r.currency),
                ],
                [t('insights.refunded', { currency: r.currency }), money(r.refunded, r.currency)],
                [t('insights.netRevenue', { currency: r.currency }), money(r.netRevenue, r.currency)],
                [t('insights.savingsToBuyers', { currency: r.currency }), money(r.savingsGiven, r.currency)],
              ]),
            ].map(([k, v]) => (
              <tr key={k} className="border-t border-stone-100">
                <th scope="row" className="py-1 font-normal text-stone-600">
                  {k}
                </th>
                <td className="py-1 text-right font-semibold tabular-nums">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="mt-4 w-full text-left text-sm">
          <caption className="text-left text-xs font-semibold text-stone-500">
            {t('insights.byChannel')}
          </caption>
          <thead className="text-xs text-stone-500">
            <tr>
              <th scope="col">{t('insights.channel')}</th>
              <th scope="col" className="text-right">
                {visits}
              </th>
              <th scope="col" className="text-right">
                {joins}
              </th>
              <th scope="col" className="text-right">
                {t('insights.conversion')}
              </th>
            </tr>
          </thead>
          <tbody>
            {i.channels.map((c) => (
              <tr key={c.channel} className="border-t border-stone-100">
                <th scope="row" className="py-1 font-normal">
                  {channelName(c.channel)}
                </th>
                <td className="text-right tabular-nums">{number(c.visits)}</td>
                <td className="text-right tabular-nums">{number(c.joins)}</td>
                <td className="text-right tabular-nums">
                  {c.conversionPercent === null ? '—' : `${c.conversionPercent}%`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="mt-4 w-full text-left text-sm">
          <caption className="text-left text-xs font-semibold text-stone-500">
            {t('insights.perDayUtc')}
          </caption>
          <tbody>
            {i.joinsByDay.map((d) => (
              <tr key={d.day} className="border-t border-stone-100">
                <th scope="row" className="py-1 font-normal">
                  {d.day}
                </th>
                <td className="text-right tabular-nums">{number(d.joins)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
