'use client';
// Members and money of one group: who joined (by alias), quantity, hold, charge, status and refunds,
// with full or partial refunds of captured members. Live: re-fetches on every change.
import { useQuery } from '@tanstack/react-query';
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
import { errorMessage } from '@/app/merchant/_lib/errors';
import { GROUP_STATUS_LABEL, MEMBER_STATUS_LABEL, money, when } from '@/app/merchant/_lib/format';
import { memberMoneyLabel } from '@/server/share/group-words';

/** The group page body. */
export function GroupMembers({ groupId }: { groupId: string }) {
  const trpc = useTRPC();
  useConsoleLive();
  const q = useQuery(trpc.console.group.queryOptions({ groupId }));
  const [refunding, setRefunding] = useState<MerchantMember | null>(null);
  if (q.error) return <p role="alert">{errorMessage(q.error)}</p>;
  if (!q.data) return <p className="text-stone-500">Loading…</p>;
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
            Group <span className="font-mono">{g.code}</span>
          </h1>
          <StatusBadge status={g.status} label={GROUP_STATUS_LABEL[g.status] ?? g.status} />
          {g.status === 'open' ? (
            <Countdown deadline={new Date(g.deadline).toISOString()} className="text-sm" />
          ) : null}
        </div>
        <p className="text-sm text-stone-700" data-testid="group-summary">
          {g.status === 'won'
            ? `Won with ${g.members.captured} charged at ${money(g.unitPrice, c)} each.`
            : g.status === 'failed'
              ? 'Did not reach the minimum: every hold was released.'
              : g.status === 'canceled'
                ? 'Canceled: every hold was released.'
                : `${g.confirmedCount} of ${g.maxMembers} joined. ${tierLine(g)}.`}
        </p>
        <dl className="flex flex-wrap gap-4 text-sm">
          <div>
            <dt className="text-xs text-stone-500">Held on cards</dt>
            <dd className="font-semibold tabular-nums">{money(g.money.held, c)}</dd>
          </div>
          <div>
            <dt className="text-xs text-stone-500">Captured</dt>
            <dd className="font-semibold tabular-nums" data-testid="group-captured">
              {money(g.money.captured, c)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-stone-500">Refunded</dt>
            <dd className="font-semibold tabular-nums" data-testid="group-refunded">
              {money(g.money.refunded, c)}
            </dd>
          </div>
        </dl>
        <div className="flex flex-wrap gap-2">
          <GroupActions group={g} />
          <a href={`/api/merchant/deals/${deal.id}/members.csv`} download className={buttonClass.secondary}>
            Export members (CSV)
          </a>
        </div>
      </header>

      <section aria-labelledby="members-h">
        <h2 id="members-h" className="mb-2 text-xl font-bold">
          Members
        </h2>
        {members.length === 0 ? <p className="text-sm text-stone-500">Nobody has joined yet.</p> : null}
        {members.length > 0 ? (
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="w-full min-w-[640px] text-left text-sm">
              <caption className="sr-only">Members of group {g.code}</caption>
              <thead className="bg-stone-100 text-xs text-stone-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Alias
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Qty
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Hold
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Charge
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Refunded
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Joined
                  </th>
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id} className="border-t border-stone-100" data-testid={`member-${m.alias}`}>
                    <th scope="row" className="px-3 py-2 font-semibold">
                      {m.alias}
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
                        label={memberMoneyLabel(m, c) ?? MEMBER_STATUS_LABEL[m.status] ?? m.status}
                      />
                      {m.failureReason ? (
                        <span className="block text-xs text-red-700">{m.failureReason}</span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2 text-xs text-stone-600">
                      {when(m.joinedAt)}
                      {m.channel ? ` · ${m.channel}` : ''}
                    </td>
                    <td className="px-3 py-2 text-right">
                      {m.refundable > 0 ? (
                        <button
                          type="button"
                          onClick={() => setRefunding(m)}
                          className="text-sm font-semibold text-brand-700 underline"
                          aria-label={`Refund ${m.alias}`}
                        >
                          Refund
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
      <RefundDialog member={refunding} currency={c} onClose={() => setRefunding(null)} />
    </div>
  );
}
