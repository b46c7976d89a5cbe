import { and, asc, eq } from 'drizzle-orm';
import { deals, groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { summarizeGroups, type GroupSummary } from './group-summary';
import type { MemberMoney, MemberRow } from '@/db/schema';

/** One member as the merchant sees it: alias, quantity and money; never the buyer's user id or e-mail. */
export type MerchantMember = MemberMoney &
  Pick<MemberRow, 'id' | 'status' | 'channel' | 'authorizedAt' | 'rewardAmount'> & {
    /** What can still be refunded: the captured charge less refunds so far. */
    refundable: number;
    joinedAt: Date;
    settledAt: Date | null;
    failureReason: string | null;
  };

export type MerchantGroupDetail = {
  deal: { id: string; title: string; slug: string };
  group: GroupSummary;
  members: MerchantMember[];
};

/** A group of one of the merchant's deals with every member; NOT_FOUND for any other group. */
export async function getGroupForMerchantOrThrow(
  deps: Deps,
  merchantId: string,
  groupId: string,
): Promise<MerchantGroupDetail> {
  const [found] = await deps.db
    .select({ group: groups, deal: { id: deals.id, title: deals.title, slug: deals.slug } })
    .from(groups)
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(and(eq(groups.id, groupId), eq(deals.merchantId, merchantId)));
  if (!found) throw new DomainError('NOT_FOUND', 'group.notFoundMerchant');
  const [summary] = await summarizeGroups(deps.db, [found.group], deps.appUrl);
  if (!summary) throw new Error('group summary missing');
  const rows = await deps.db
    .select()
    .from(members)
    .where(eq(members.groupId, groupId))
    .orderBy(asc(members.reservedAt), asc(members.id));
  return {
    deal: found.deal,
    group: summary,
    members: rows.map((m) => ({
      id: m.id,
      alias: m.alias,
      quantity: m.quantity,
      status: m.status,
      unitPriceAtJoin: m.unitPriceAtJoin,
      shippingAmount: m.shippingAmount,
      holdAmount: m.holdAmount,
      chargeAmount: m.chargeAmount,
      refundedAmount: m.refundedAmount,
      paymentKind: m.paymentKind,
      rewardAmount: m.rewardAmount,
      refundable: m.status === 'captured' ? Math.max(0, (m.chargeAmount ?? 0) - m.refundedAmount) : 0,
      channel: m.channel,
      joinedAt: m.reservedAt,
      authorizedAt: m.authorizedAt,
      settledAt: m.settledAt,
      failureReason: m.failureReason,
    })),
  };
}
