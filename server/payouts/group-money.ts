// One group's money, every cent accounted for (issue 18): per charged member what was captured and
// refunded, the opener's reward, the platform's fee, the helper-seller's commission and the shop's net,
// with totals that add up: fee + commission + net = captured − refunded.
import { and, eq, inArray } from 'drizzle-orm';
import { commissions, deals, groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { moneyLine } from '@/server/pricing';

export type CommissionState = 'waiting' | 'paid' | 'void' | null;

export type GroupMoneyLine = {
  memberId: string;
  alias: string;
  captured: number;
  refunded: number;
  reward: number;
  platformFee: number;
  commission: number;
  /** The alias of the member whose invite link earned the commission. */
  sharerAlias: string | null;
  commissionState: CommissionState;
  net: number;
};

export type GroupMoney = {
  currency: string;
  /** The group's payments go to the shop's Stripe account (false: a group opened before the shop connected). */
  transferred: boolean;
  lines: GroupMoneyLine[];
  totals: Omit<GroupMoneyLine, 'memberId' | 'alias' | 'sharerAlias' | 'commissionState'>;
};

/** The money table of one of the merchant's groups (NOT_FOUND for another shop's). */
export async function getGroupMoney(deps: Deps, merchantId: string, groupId: string): Promise<GroupMoney> {
  const [g] = await deps.db
    .select({ id: groups.id, currency: groups.currency, payeeAccountId: groups.payeeAccountId })
    .from(groups)
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(and(eq(groups.id, groupId), eq(deals.merchantId, merchantId)));
  // Another shop's group does not exist for you.
  if (!g) throw new DomainError('NOT_FOUND', 'group.notAmongYours');
  const rows = await deps.db
    .select()
    .from(members)
    .where(and(eq(members.groupId, g.id), inArray(members.status, ['captured'])))
    .orderBy(members.reservedAt);
  const all = await deps.db
    .select({ id: members.id, alias: members.alias })
    .from(members)
    .where(eq(members.groupId, g.id));
  const aliasOf = new Map(all.map((r) => [r.id, r.alias]));
  const owed = await deps.db.select().from(commissions).where(eq(commissions.groupId, g.id));
  const commissionOf = new Map(owed.map((c) => [c.memberId, c]));

  const lines = rows.map((m): GroupMoneyLine => {
    const captured = m.chargeAmount ?? 0;
    const line =
      captured > 0
        ? moneyLine({
            captured,
            refunded: Math.min(m.refundedAmount, captured),
            applicationFee: m.applicationFee,
            feeRefunded: Math.min(m.feeRefunded, m.applicationFee),
            commission: m.commissionAmount,
          })
        : { captured: 0, refunded: 0, platformFee: 0, commission: 0, merchantNet: 0 };
    const c = commissionOf.get(m.id);
    return {
      memberId: m.id,
      alias: m.alias,
      captured,
      refunded: line.refunded,
      reward: m.rewardAmount,
      platformFee: line.platformFee,
      commission: line.commission,
      sharerAlias: c ? (aliasOf.get(c.sharerMemberId) ?? null) : null,
      commissionState: c ? (c.status === 'pending' ? 'waiting' : c.status) : null,
      net: line.merchantNet,
    };
  });
  const sum = (k: keyof GroupMoney['totals']) => lines.reduce((a, l) => a + l[k], 0);
  return {
    currency: g.currency,
    transferred: g.payeeAccountId !== null,
    lines,
    totals: {
      captured: sum('captured'),
      refunded: sum('refunded'),
      reward: sum('reward'),
      platformFee: sum('platformFee'),
      commission: sum('commission'),
      net: sum('net'),
    },
  };
}
