'use client';
// The payments due of the shop (or of one group): alias, amount, deadline, why the charge failed, and
// whether it was paid since or lapsed. Live: refetched on every console event.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/app/_trpc/client';
import { useConsoleLive } from '@/app/merchant/_components/use-console-live';
import { useConsoleWords } from '@/app/merchant/_components/use-console-words';
import { errorMessage } from '@/app/merchant/_lib/errors';

const TONE = {
  due: 'bg-amber-100 text-amber-900',
  paid: 'bg-green-100 text-green-800',
  lapsed: 'bg-stone-200 text-stone-800',
} as const;

/** The table; `groupId` narrows it to one group (the group page). */
export function PaymentsDueTable({ groupId }: { groupId?: string }) {
  const { t, money, when } = useConsoleWords();
  const trpc = useTRPC();
  useConsoleLive();
  const q = useQuery(trpc.recovery.paymentsDue.queryOptions(groupId ? { groupId } : undefined));
  if (q.error) return <p role="alert">{errorMessage(q.error, t('words.genericError'))}</p>;
  if (!q.data) return <p className="text-stone-500">{t('words.loading')}</p>;
  if (q.data.length === 0)
    return (
      <p className="text-sm text-stone-600" data-testid="payments-due-empty">
        {groupId ? t('payments.groupEmpty') : t('payments.empty')}
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white" data-testid="payments-due">
      <table className="w-full min-w-[560px] text-left text-sm">
        <thead className="bg-stone-100 text-xs text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t('payments.cols.alias')}
            </th>
            {!groupId && (
              <th scope="col" className="px-3 py-2">
                {t('payments.cols.group')}
              </th>
            )}
            <th scope="col" className="px-3 py-2 text-right">
              {t('payments.cols.amount')}
            </th>
            <th scope="col" className="px-3 py-2">
              {t('payments.cols.dueUntil')}
            </th>
            <th scope="col" className="px-3 py-2">
              {t('payments.cols.reason')}
            </th>
            <th scope="col" className="px-3 py-2">
              {t('payments.cols.status')}
            </th>
          </tr>
        </thead>
        <tbody>
          {q.data.map((p) => (
            <tr key={p.memberId} className="border-t border-stone-100" data-testid={`due-${p.alias}`}>
              <th scope="row" className="px-3 py-2 font-semibold">
                {p.alias}
              </th>
              {!groupId && (
                <td className="px-3 py-2">
                  <Link href={`/merchant/groups/${p.groupId}`} className="text-brand-700 underline">
                    {p.dealTitle} · <span className="font-mono">{p.groupCode}</span>
                  </Link>
                </td>
              )}
              <td className="px-3 py-2 text-right tabular-nums">{money(p.amount, p.currency)}</td>
              <td className="px-3 py-2 text-xs">{p.dueUntil ? when(p.dueUntil) : '—'}</td>
              <td className="px-3 py-2 text-xs">{t(`payments.reason.${p.reason}`)}</td>
              <td className="px-3 py-2">
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${TONE[p.status]}`}>
                  {t(`payments.status.${p.status}`)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
