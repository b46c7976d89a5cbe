'use client';
// One live group as the merchant watches it: members, bracket, time left, money held, and actions.
import Link from 'next/link';
import { Countdown } from '@/app/_components/countdown';
import type { GroupSummary } from '@/server/merchant-console/group-summary';
import type { ConsoleWords } from '@/app/merchant/_lib/format';
import { GroupActions } from './group-actions';
import { StatusBadge } from './status-badge';
import { useConsoleWords } from './use-console-words';

/** What the group's size means for its price, in words. */
export function tierLine(
  w: ConsoleWords,
  g: Pick<
    GroupSummary,
    'tierIndex' | 'tiers' | 'unitPrice' | 'currency' | 'next' | 'confirmedCount' | 'minMembers'
  >,
): string {
  if (g.tierIndex < 0) {
    const need = g.minMembers - g.confirmedCount;
    return w.t('tier.needs', { count: need, price: w.money(g.unitPrice, g.currency) });
  }
  const now = w.t('tier.bracket', {
    number: g.tierIndex + 1,
    total: g.tiers.length,
    price: w.money(g.unitPrice, g.currency),
  });
  return g.next
    ? w.t('tier.next', { now, count: g.next.membersNeeded, price: w.money(g.next.unitPrice, g.currency) })
    : w.t('tier.best', { now });
}

/** A row in the dashboard's list of live groups. */
export function LiveGroupRow({ g }: { g: GroupSummary }) {
  const w = useConsoleWords();
  const { t } = w;
  return (
    <li className="rounded-lg border border-stone-200 bg-white p-3" data-testid={`live-group-${g.code}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link href={`/merchant/groups/${g.id}`} className="text-sm font-semibold text-brand-700 underline">
          {w.groupName(g)}
        </Link>
        <StatusBadge status={g.status} label={w.groupStatus(g.status)} />
        {g.openedByMerchant ? (
          <span className="text-xs text-stone-500">{t('liveGroup.openedByYou')}</span>
        ) : null}
        <span className="text-sm font-semibold tabular-nums" data-testid="group-members">
          {t('words.joinedOfMax', { joined: g.confirmedCount, max: g.maxMembers })}
        </span>
        <Countdown deadline={new Date(g.deadline).toISOString()} className="ml-auto text-sm" />
      </div>
      <p className="mt-1 text-sm text-stone-700">{tierLine(w, g)}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <span className="text-xs text-stone-500">
          {t('liveGroup.heldOnCards', { amount: w.money(g.money.held, g.currency) })}
        </span>
        <span className="ml-auto flex flex-wrap gap-2">
          <GroupActions group={g} />
        </span>
      </div>
    </li>
  );
}
