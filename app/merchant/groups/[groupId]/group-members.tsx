'use client';
// Members and money of one group: who joined (by alias), quantity, hold, charge, status and refunds,
// with full or partial refunds of captured members. Live: re-fetches on every change.
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { Countdown } from '@/app/_components/countdown';
import { useTRPC } from '@/app/_trpc/client';
import type { MerchantMember } from '@/server/merchant-console/get-group-for-merchant';
import { buttonClass } from '@/app/merchant/_components/field';
import { GroupActions } from '@/app/merchant/_components/group-actions';
import { tierLine } from '@/app/merchant/_components/live-group-row';
import { RefundDialog } from '@/app/merchant/_components/refund-dialog';
import { StatusBadge } from '@/app/merchant/_components/status-badge';
import { useConsoleLive } from '@/app/merchant/_components/use-console-live';
import { useConsoleWords } from '@/app/merchant/_components/use-console-words';
import { errorMessage } from '@/app/merchant/_lib/errors';
import { PaymentsDueTable } from '@/app/merchant/payments/payments-due-table';
import { GroupMoney } from './group-money';
import { englishErrors } from '@/server/errors';
import { storedDeclineKey } from '@/server/groups/decline-refusal';
import { memberMoneyLabel } from '@/server/share/group-words';
import { useWords } from '@/app/_components/use-words';

/** The group page body. */
export function GroupMembers({ groupId }: { groupId: string }) {
  const cw = useConsoleWords();
  const { t, money } = cw;
  const errorT = useTranslations('errors');
  // A stored failure reason is Flock's English sentence (said again in the merchant's language) or the card
  // processor's own text (kept for English readers; the generic decline for the others).
  const failure = (reason: string) => {
    const key = storedDeclineKey(reason);
    return englishErrors.t(key) === reason || cw.locale !== 'en' ? errorT(key) : reason;
  };
  const trpc = useTRPC();
  const w = useWords();
  useConsoleLive();
  const q = useQuery(trpc.console.group.queryOptions({ groupId }));
  const [refunding, setRefunding] = useState<MerchantMember | null>(null);
  if (q.error) return <p role="alert">{errorMessage(q.error, t('words.genericError'))}</p>;
  if (!q.data) return <p className="text-stone-500">{t('words.loading')}</p>;
  const { deal, group: g, members } = q.data;
  const c = g.currency;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href={`/merchant/deals/${deal.id}`} className="text-brand-700 underline">
            ← {deal.title}
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold">
            {t.rich('group.title', {
              code: g.code,
              mono: (chunks) => <span className="font-mono">{chunks}</span>,
            })}
          </h1>
          <StatusBadge status={g.status} label={cw.groupStatus(g.status)} />
          {g.status === 'open' ? (
            <Countdown deadline={new Date(g.deadline).toISOString()} className="text-sm" />
          ) : null}
        </div>
        <p className="text-sm text-stone-700" data-testid="group-summary">
          {g.status === 'won'
            ? t('group.won', {
                count: g.members.captured,
                price: money(g.unitPrice, c),
                // The opener's reward is off their own charge: "each" is the group's price, not theirs.
                reward: members.some((m) => m.rewardAmount > 0) ? 'yes' : 'no',
              })
            : g.status === 'failed'
              ? t('group.failed')
              : g.status === 'canceled'
                ? t('group.canceled')
                : t('group.open', { joined: g.confirmedCount, max: g.maxMembers, tierLine: tierLine(cw, g) })}
        </p>
        <dl className="flex flex-wrap gap-4 text-sm">
          <div>
            <dt className="text-xs text-stone-500">{t('group.heldOnCards')}</dt>
            <dd className="font-semibold tabular-nums">{money(g.money.held, c)}</dd>
          </div>
          <div>
            <dt className="text-xs text-stone-500">{t('group.captured')}</dt>
            <dd className="font-semibold tabular-nums" data-testid="group-captured">
              {money(g.money.captured, c)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-stone-500">{t('group.refunded')}</dt>
            <dd className="font-semibold tabular-nums" data-testid="group-refunded">
              {money(g.money.refunded, c)}
            </dd>
          </div>
        </dl>
        <div className="flex flex-wrap gap-2">
          <GroupActions group={g} />
          <a href={`/api/merchant/deals/${deal.id}/members.csv`} download className={buttonClass.secondary}>
            {t('words.exportCsv')}
          </a>
        </div>
      </header>

      <section aria-labelledby="members-h">
        <h2 id="members-h" className="mb-2 text-xl font-bold">
          {t('group.members')}
        </h2>
        {members.length === 0 ? <p className="text-sm text-stone-500">{t('group.nobody')}</p> : null}
        {members.length > 0 ? (
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="w-full min-w-[640px] text-left text-sm">
              <caption className="sr-only">{t('group.caption', { code: g.code })}</caption>
              <thead className="bg-stone-100 text-xs text-stone-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t('group.alias')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('group.quantity')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('group.hold')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('group.charge')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('group.refunded')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('group.status')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('group.joined')}
                  </th>
                  {/* Relative: the hidden label stays inside the scrolling table, not beside the page. */}
                  <th scope="col" className="relative px-3 py-2">
                    <span className="sr-only">{t('group.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id} className="border-t border-stone-100" data-testid={`member-${m.alias}`}>
                    <th scope="row" className="px-3 py-2 font-semibold">
                      {m.alias}
                      {/* Paid at join with a wallet that cannot be held: the Hold column is what they paid. */}
                      {m.paymentKind === 'paid_now' ? (
                        <span className="block text-xs font-normal text-stone-600">
                          {t('group.payWechat')}
                        </span>
                      ) : null}
                      {/* A long window saved the card: the Hold column is the most it can be charged at close. */}
                      {m.paymentKind === 'saved_card' ? (
                        <span className="block text-xs font-normal text-stone-600">
                          {t('group.savedCard')}
                        </span>
                      ) : null}
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">{m.quantity}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{money(m.holdAmount, c)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {m.status === 'captured' ? money(m.chargeAmount, c) : '—'}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {m.refundedAmount > 0 ? money(m.refundedAmount, c) : '—'}
                    </td>
                    <td className="px-3 py-2">
                      <StatusBadge
                        status={m.status}
                        label={
                          memberMoneyLabel(w, m, c) ??
                          (m.paymentKind === 'saved_card'
                            ? cw.savedCardStatus(m.status)
                            : cw.memberStatus(m.status))
                        }
                      />
                      {m.failureReason ? (
                        <span className="block text-xs text-red-700">{failure(m.failureReason)}</span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2 text-xs text-stone-600">
                      {cw.when(m.joinedAt)}
                      {m.channel ? ` · ${t('insights.channelName', { channel: m.channel })}` : ''}
                    </td>
                    <td className="px-3 py-2 text-right">
                      {m.refundable > 0 ? (
                        <button
                          type="button"
                          onClick={() => setRefunding(m)}
                          className="text-sm font-semibold text-brand-700 underline"
                          aria-label={t('group.refundFor', { alias: m.alias })}
                        >
                          {t('group.refund')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {g.status === 'won' ? (
        <section aria-labelledby="money-h">
          <h2 id="money-h" className="mb-2 text-xl font-bold">
            {t('money.title')}
          </h2>
          <GroupMoney groupId={groupId} />
        </section>
      ) : null}
      {g.status !== 'open' && g.status !== 'failed' && g.status !== 'canceled' ? (
        // Members whose charge was refused at close, asked to pay (server/groups/RECOVERY.md).
        <section aria-labelledby="due-h">
          <h2 id="due-h" className="mb-2 text-xl font-bold">
            {t('payments.groupTitle')}
          </h2>
          <PaymentsDueTable groupId={groupId} />
        </section>
      ) : null}
      <RefundDialog member={refunding} currency={c} onClose={() => setRefunding(null)} />
    </div>
  );
}
