// A shopper's earnings on /me (issue 18): commissions on the friends their invite links brought, with
// where each stands, and the opener rewards they were given. Aliases only (DESIGN rule 7).
import { desc, eq, and, gt } from 'drizzle-orm';
import { commissions, deals, groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { accountView, canReceiveTransfers, findAccount, type AccountView } from './accounts';
import { owedOn } from './settle-commission';

export type EarningState =
  /** In the shop's refund window: paid from `payableAt`. */
  | 'waiting'
  /** Ready to pay, but the sharer has no account that can receive it yet. */
  | 'needs_account'
  /** Being sent now. */
  | 'paying'
  | 'paid'
  /** The buyer was refunded in full before it was paid: nothing is owed. */
  | 'void';

export type Earning = {
  id: string;
  dealTitle: string;
  groupCode: string;
  buyerAlias: string;
  currency: string;
  /** What is owed now (waiting, needs_account, paying) or what was paid and kept (paid). */
  amount: number;
  /** Taken back after the buyer's refund (paid commissions). */
  reversed: number;
  state: EarningState;
  payableAt: Date;
  paidAt: Date | null;
};

export type MyEarnings = {
  account: AccountView;
  earnings: Earning[];
  rewards: { groupCode: string; dealTitle: string; currency: string; amount: number }[];
};

/** The signed-in shopper's commissions and opener rewards. */
export async function getMyEarnings(deps: Deps, userId: string): Promise<MyEarnings> {
  const row = await findAccount(deps.db, { kind: 'sharer', userId });
  const rows = await deps.db
    .select({ c: commissions, m: members, code: groups.code, title: deals.title })
    .from(commissions)
    .innerJoin(members, eq(members.id, commissions.memberId))
    .innerJoin(groups, eq(groups.id, commissions.groupId))
    .innerJoin(deals, eq(deals.id, commissions.dealId))
    .where(eq(commissions.sharerUserId, userId))
    .orderBy(desc(commissions.createdAt))
    .limit(100);
  const now = deps.now();
  const earnings = rows.map(({ c, m, code, title }): Earning => {
    const owed = m.status === 'captured' ? owedOn(c, m) : 0;
    const state: EarningState =
      c.status === 'void'
        ? 'void'
        : c.status === 'paid'
          ? 'paid'
          : now < c.payableAt
            ? 'waiting'
            : canReceiveTransfers(row)
              ? 'paying'
              : 'needs_account';
    return {
      id: c.id,
      dealTitle: title,
      groupCode: code,
      buyerAlias: m.alias,
      currency: c.currency,
      amount: c.status === 'paid' ? c.paidAmount - c.reversedAmount : c.status === 'void' ? 0 : owed,
      reversed: c.reversedAmount,
      state,
      payableAt: c.payableAt,
      paidAt: c.paidAt,
    };
  });
  const rewardRows = await deps.db
    .select({
      code: groups.code,
      title: deals.title,
      currency: groups.currency,
      amount: members.rewardAmount,
    })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(and(eq(members.userId, userId), eq(members.status, 'captured'), gt(members.rewardAmount, 0)))
    .orderBy(desc(members.settledAt))
    .limit(50);
  return {
    account: accountView(row),
    earnings,
    rewards: rewardRows.map((r) => ({
      groupCode: r.code,
      dealTitle: r.title,
      currency: r.currency,
      amount: r.amount,
    })),
  };
}
