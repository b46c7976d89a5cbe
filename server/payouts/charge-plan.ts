// What a member is charged at close and how the charge is split (issue 18): the opener's reward comes off
// the opener's goods, the platform's fee and a helper-seller's commission go into Stripe's application fee,
// the rest is transferred to the shop. Recorded on the member row and, for a commission, as a commissions
// row with the job that pays it after the refund window, in one transaction.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { commissions, deals, members, merchants, type groups } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { addJob } from '@/server/jobs/add-job';
import { settleCommissionJobKey } from '@/server/jobs/job-keys';
import type { Destination } from '@/server/payments/port';
import { openerRewardAmount, splitCapture, type FeeSplit } from '@/server/pricing';
import { feeSchedule } from './fee-schedule';

type M = typeof members.$inferSelect;
type G = typeof groups.$inferSelect;

/** Who earns a commission on a buyer: the member whose invite link brought them. */
export type Earner = { userId: string; memberId: string };

export type ChargePlan = {
  /** What the member is charged: goods − reward + shipping. */
  amount: number;
  /** The opener's reward taken off the goods (0 for anyone else). */
  reward: number;
  split: FeeSplit;
  earner: Earner | null;
  /** The destination charge's parameters, or null when the group's payments stay with the platform. */
  destination: Destination | null;
};

// How far up an invite chain a loop is looked for (a chain is one group's joins, so it is short).
const MAX_CHAIN = 50;

/**
 * The helper-seller a buyer's commission goes to, or null: nobody for a buyer who came by the plain link,
 * for a self-referral (the inviter is the buyer), for the shop's own people, and for an invite loop (the
 * buyer brought the inviter in, directly or through others).
 */
export async function commissionEarner(
  db: Deps['db'] | Tx,
  m: Pick<M, 'userId' | 'invitedByMemberId'>,
  g: Pick<G, 'commissionBps' | 'dealId'>,
): Promise<Earner | null> {
  if (g.commissionBps <= 0 || !m.invitedByMemberId) return null;
  // The inviter and who brought them in, up the chain (short: one group's joins).
  const chain = await db.execute<{ id: string; user_id: string }>(sql`
    with recursive up as (
      select id, user_id, invited_by_member_id, 0 as depth from members where id = ${m.invitedByMemberId}
      union all
      select p.id, p.user_id, p.invited_by_member_id, up.depth + 1
      from members p join up on p.id = up.invited_by_member_id
      where up.depth < ${MAX_CHAIN}
    )
    select id, user_id from up order by depth`);
  const [inviter, ...above] = chain.rows;
  if (!inviter || inviter.user_id === m.userId) return null;
  const [shop] = await db
    .select({ userId: merchants.userId })
    .from(deals)
    .innerJoin(merchants, eq(merchants.id, deals.merchantId))
    .where(eq(deals.id, g.dealId));
  if (shop?.userId === inviter.user_id) return null;
  if (above.some((r) => r.user_id === m.userId)) return null;
  return { userId: inviter.user_id, memberId: inviter.id };
}

/** The opener's own membership is the one rewarded: a shopper opened the group and this is their row. */
export function isRewardedOpener(
  m: Pick<M, 'userId'>,
  g: Pick<G, 'openedByUserId' | 'openedByMerchant'>,
): boolean {
  return g.openedByMerchant === 0 && g.openedByUserId !== null && g.openedByUserId === m.userId;
}

/**
 * Plans the charge of a member whose goods cost `goods` and shipping `shipping` at the group's price. The
 * reward never raises anyone's charge: it only lowers the opener's.
 */
export async function planCharge(
  deps: Deps,
  m: M,
  g: G,
  goods: number,
  shipping: number,
): Promise<ChargePlan> {
  const reward = isRewardedOpener(m, g) ? openerRewardAmount(g.openerReward, goods, g.confirmedCount) : 0;
  const amount = goods - reward + shipping;
  const account = m.destinationAccountId;
  const earner = account ? await commissionEarner(deps.db, m, g) : null;
  const split = account
    ? splitCapture(amount, g.currency, {
        schedule: feeSchedule(deps),
        commissionBps: earner ? g.commissionBps : 0,
      })
    : { platformFee: 0, commission: 0, applicationFee: 0, merchantNet: amount };
  return {
    amount,
    reward,
    split,
    earner: split.commission > 0 ? earner : null,
    destination: account ? { account, transferGroup: g.id, applicationFee: split.applicationFee } : null,
  };
}

/** The member columns that record a charge's split. */
function splitColumns(plan: Pick<ChargePlan, 'reward' | 'split' | 'earner'>) {
  return {
    applicationFee: plan.split.applicationFee,
    commissionAmount: plan.split.commission,
    commissionUserId: plan.earner?.userId ?? null,
    rewardAmount: plan.reward,
  };
}

/**
 * Records a charge that went through: the split on the member row and, when a helper-seller earned a
 * commission, its row and the job that pays it once the refund window has passed. Idempotent (a settle
 * retried after a crash records the same values, and the commission once).
 */
export async function recordChargeSplit(
  tx: Tx,
  m: Pick<M, 'id' | 'groupId'>,
  g: Pick<G, 'id' | 'dealId' | 'currency' | 'commissionHoldDays'>,
  plan: Pick<ChargePlan, 'reward' | 'split' | 'earner'>,
  now: Date,
): Promise<void> {
  await tx
    .update(members)
    .set({ ...splitColumns(plan), updatedAt: now })
    .where(eq(members.id, m.id));
  if (!plan.earner || plan.split.commission <= 0) return;
  const payableAt = new Date(now.getTime() + g.commissionHoldDays * 86_400_000);
  const [row] = await tx
    .insert(commissions)
    .values({
      memberId: m.id,
      groupId: g.id,
      dealId: g.dealId,
      sharerUserId: plan.earner.userId,
      sharerMemberId: plan.earner.memberId,
      currency: g.currency,
      amount: plan.split.commission,
      payableAt,
    })
    .onConflictDoNothing()
    .returning({ id: commissions.id });
  if (row) {
    await addJob(
      tx,
      'settle-commission',
      { commissionId: row.id },
      { jobKey: settleCommissionJobKey(row.id), runAt: payableAt },
    );
  }
}

/** After a refund of a member with a commission: re-check what the commission's transfers should be. */
export async function recheckCommissionAfterRefund(tx: Tx, memberId: string): Promise<void> {
  const rows = await tx
    .select({ id: commissions.id })
    .from(commissions)
    .where(and(eq(commissions.memberId, memberId), inArray(commissions.status, ['pending', 'paid'])));
  for (const r of rows) {
    await addJob(tx, 'settle-commission', { commissionId: r.id }, { jobKey: settleCommissionJobKey(r.id) });
  }
}

/**
 * A won group's charge that failed (the member now has a payment due): the planned split is noted on the
 * row, so the payment that fixes it is the same destination charge with the same fee, reward and commission.
 */
export async function notePlannedSplit(deps: Deps, memberId: string, plan: ChargePlan): Promise<void> {
  await deps.db.update(members).set(splitColumns(plan)).where(eq(members.id, memberId));
}

/** A payment due was paid: its commission (planned at close) is recorded like one paid at close. */
export async function recordDueCommission(
  tx: Tx,
  m: M,
  g: Pick<G, 'id' | 'dealId' | 'currency' | 'commissionHoldDays' | 'commissionBps'>,
  now: Date,
): Promise<void> {
  if (m.commissionAmount <= 0 || !m.commissionUserId) return;
  const earner = await commissionEarner(tx, m, g);
  if (!earner) return;
  await recordChargeSplit(
    tx,
    m,
    g,
    {
      reward: m.rewardAmount,
      earner,
      split: {
        platformFee: m.applicationFee - m.commissionAmount,
        commission: m.commissionAmount,
        applicationFee: m.applicationFee,
        merchantNet: (m.chargeAmount ?? 0) - m.applicationFee,
      },
    },
    now,
  );
}
