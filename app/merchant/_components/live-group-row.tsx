'use client';
// One live group as the merchant watches it: members, bracket, time left, money held, and actions.
import Link from 'next/link';
import { Countdown } from '@/app/_components/countdown';
import type { GroupSummary } from '@/server/merchant-console/group-summary';
import { GROUP_STATUS_LABEL, groupName, money, people } from '@/app/merchant/_lib/format';
import { GroupActions } from './group-actions';
import { StatusBadge } from './status-badge';

/** What the group's size means for its price, in words. */
export function tierLine(
  g: Pick<
    GroupSummary,
    'tierIndex' | 'tiers' | 'unitPrice' | 'currency' | 'next' | 'confirmedCount' | 'minMembers'
  >,
): string {
  if (g.tierIndex < 0) {
    const need = g.minMembers - g.confirmedCount;
    return `Needs ${people(need)} more to go ahead at ${money(g.unitPrice, g.currency)} each`;
  }
  const now = `Bracket ${g.tierIndex + 1} of ${g.tiers.length}: ${money(g.unitPrice, g.currency)} each`;
  return g.next
    ? `${now} · ${g.next.membersNeeded} more for ${money(g.next.unitPrice, g.currency)}`
    : `${now} (best price)`;
}

/** A row in the dashboard's list of live groups. */
export function LiveGroupRow({ g }: { g: GroupSummary }) {
  return (
    <li className="rounded-lg border border-stone-200 bg-white p-3" data-testid={`live-group-${g.code}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link href={`/merchant/groups/${g.id}`} className="text-sm font-semibold text-brand-700 underline">
          {groupName(g)}
        </Link>
        <StatusBadge status={g.status} label={GROUP_STATUS_LABEL[g.status] ?? g.status} />
        {g.openedByMerchant ? <span className="text-xs text-stone-500">opened by you</span> : null}
        <span className="text-sm font-semibold tabular-nums" data-testid="group-members">
          {g.confirmedCount} of {g.maxMembers} joined
        </span>
        <Countdown deadline={new Date(g.deadline).toISOString()} className="ml-auto text-sm" />
      </div>
      <p className="mt-1 text-sm text-stone-700">{tierLine(g)}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <span className="text-xs text-stone-500">Held on cards: {money(g.money.held, g.currency)}</span>
        <span className="ml-auto flex flex-wrap gap-2">
          <GroupActions group={g} />
        </span>
      </div>
    </li>
  );
}
