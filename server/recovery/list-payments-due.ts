// The shop's payments due (the console's "Payments due"): every member of its groups whose charge was
// refused at close, still due, paid since, or lapsed; by alias only, with the amount, the deadline and why.
import { and, desc, eq, sql } from 'drizzle-orm';
import { deals, events, groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { amountDue } from './amount-due';
import { failureReasonKey, type FailureReasonKey } from './decline-codes';

export type PaymentDueRow = {
  memberId: string;
  alias: string;
  groupId: string;
  groupCode: string;
  dealTitle: string;
  currency: string;
  amount: number;
  dueUntil: Date | null;
  reason: FailureReasonKey;
  status: 'due' | 'paid' | 'lapsed';
  since: Date;
};

/** The shop's payments due, newest first; only group `groupId`'s when given. */
export async function listPaymentsDue(
  deps: Deps,
  merchantId: string,
  opts: { groupId?: string; limit?: number } = {},
): Promise<PaymentDueRow[]> {
  const rows = await deps.db
    .selectDistinctOn([members.id], {
      m: {
        id: members.id,
        alias: members.alias,
        status: members.status,
        unitPriceAtJoin: members.unitPriceAtJoin,
        quantity: members.quantity,
        shippingAmount: members.shippingAmount,
        holdAmount: members.holdAmount,
        chargeAmount: members.chargeAmount,
        dueUntil: members.dueUntil,
      },
      g: {
        id: groups.id,
        code: groups.code,
        currency: groups.currency,
        finalUnitPrice: groups.finalUnitPrice,
      },
      title: deals.title,
      payload: events.payload,
      at: events.createdAt,
    })
    .from(events)
    .innerJoin(members, eq(members.id, events.memberId))
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(
      and(
        eq(events.type, 'member.payment_due'),
        eq(deals.merchantId, merchantId),
        opts.groupId ? eq(groups.id, opts.groupId) : sql`true`,
      ),
    )
    .orderBy(members.id, desc(events.id));
  return rows
    .map(({ m, g, title, payload, at }) => ({
      memberId: m.id,
      alias: m.alias,
      groupId: g.id,
      groupCode: g.code,
      dealTitle: title,
      currency: g.currency,
      amount:
        m.status === 'captured' && m.chargeAmount !== null
          ? m.chargeAmount
          : g.finalUnitPrice === null
            ? m.holdAmount
            : amountDue(g.finalUnitPrice, m),
      dueUntil: m.dueUntil,
      reason: failureReasonKey({
        code: typeof payload['code'] === 'string' ? payload['code'] : null,
        declineCode: typeof payload['declineCode'] === 'string' ? payload['declineCode'] : null,
      }),
      status: (m.status === 'payment_due'
        ? 'due'
        : m.status === 'captured'
          ? 'paid'
          : 'lapsed') as PaymentDueRow['status'],
      since: at,
    }))
    .sort((a, b) => b.since.getTime() - a.since.getTime())
    .slice(0, opts.limit ?? 500);
}
