'use client';
// A won group's money, every cent accounted for (issue 18): per charged member what was charged and
// refunded, the opener's reward, Flock's fee, the helper-seller's commission (who earned it, waiting, paid
// or void) and the shop's net, a totals row, and the check that the parts add up. Live with the console.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/app/_trpc/client';
import { useConsoleLive } from '@/app/merchant/_components/use-console-live';
import { useConsoleWords } from '@/app/merchant/_components/use-console-words';
import { errorMessage } from '@/app/merchant/_lib/errors';

const STATE_TONE = {
  waiting: 'bg-amber-100 text-amber-900',
  paid: 'bg-green-100 text-green-800',
  void: 'bg-stone-200 text-stone-800',
} as const;

const num = 'px-3 py-2 text-right tabular-nums';

/** The money table of one won group. */
export function GroupMoney({ groupId }: { groupId: string }) {
  const { t, money } = useConsoleWords();
  const trpc = useTRPC();
  useConsoleLive();
  const q = useQuery(trpc.payouts.groupMoney.queryOptions({ groupId }));
  if (q.error) return <p role="alert">{errorMessage(q.error, t('words.genericError'))}</p>;
  if (!q.data) return <p className="text-stone-500">{t('words.loading')}</p>;
  const { currency: c, lines, totals, transferred } = q.data;
  return (
    <div className="space-y-3" data-testid="group-money">
      {!transferred ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="not-transferred">
          {t('money.notTransferred')}
        </p>
      ) : null}
      {lines.length === 0 ? (
        <p className="text-sm text-stone-600">{t('money.empty')}</p>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="w-full min-w-[760px] text-left text-sm">
              <caption className="sr-only">{t('money.caption')}</caption>
              <thead className="bg-stone-100 text-xs text-stone-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t('money.cols.buyer')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('money.cols.charged')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('money.cols.refunded')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('money.cols.reward')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('money.cols.fee')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('money.cols.commission')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('money.cols.net')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l) => (
                  <tr key={l.memberId} className="border-t border-stone-100" data-testid={`money-${l.alias}`}>
                    <th scope="row" className="px-3 py-2 font-semibold">
                      {l.alias}
                    </th>
                    <td className={num}>{money(l.captured, c)}</td>
                    <td className={num}>{l.refunded > 0 ? money(l.refunded, c) : '—'}</td>
                    <td className={num}>{l.reward > 0 ? money(l.reward, c) : '—'}</td>
                    <td className={num}>{money(l.platformFee, c)}</td>
                    <td className={num}>
                      {l.commissionState ? (
                        <>
                          {money(l.commission, c)}
                          <span className="block text-xs text-stone-600">
                            {l.sharerAlias
                              ? t('money.earnedBy', { alias: l.sharerAlias })
                              : t('money.earnedByGone')}{' '}
                            <span
                              className={`rounded-full px-1.5 py-0.5 font-semibold ${STATE_TONE[l.commissionState]}`}
                            >
                              {t('money.state', { state: l.commissionState })}
                            </span>
                          </span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className={`${num} font-semibold`}>{money(l.net, c)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr
                  className="border-t-2 border-stone-300 bg-stone-50 font-semibold"
                  data-testid="money-totals"
                >
                  <th scope="row" className="px-3 py-2">
                    {t('money.total')}
                  </th>
                  <td className={num}>{money(totals.captured, c)}</td>
                  <td className={num}>{money(totals.refunded, c)}</td>
                  <td className={num}>{money(totals.reward, c)}</td>
                  <td className={num}>{money(totals.platformFee, c)}</td>
                  <td className={num}>{money(totals.commission, c)}</td>
                  <td className={num}>{money(totals.net, c)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="text-sm text-stone-700" data-testid="money-check">
            {t('money.check', {
              fee: money(totals.platformFee, c),
              commission: money(totals.commission, c),
              net: money(totals.net, c),
              charged: money(totals.captured, c),
              refunded: money(totals.refunded, c),
            })}
          </p>
          {totals.reward > 0 ? <p className="text-xs text-stone-600">{t('money.rewardNote')}</p> : null}
        </>
      )}
    </div>
  );
}
