// Paying a helper-seller (issue 18). A commission is collected inside the buyer's application fee at
// capture and waits out the merchant's refund window; then one transfer (key commission:<id>) sends what is
// still owed to the sharer's connected account, tagged with the group's transfer_group. A refund after that
// takes back the part no longer owed (a transfer reversal keyed by the amount it brings the commission to).
// The commission row stays locked across the Stripe call, and every call is keyed, so a worker killed at any
// point pays each commission exactly once when the job runs again.
import { and, eq, inArray, lte } from 'drizzle-orm';
import { commissions, connectedAccounts, members, type CommissionRow } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';
import { addJob } from '@/server/jobs/add-job';
import { settleCommissionJobKey } from '@/server/jobs/job-keys';
import { settlementPayments } from '@/server/payments/pacer';
import type { PaymentFailure } from '@/server/payments/port';
import { moneyLine } from '@/server/pricing';
import { canReceiveTransfers } from './account-rules';

/** The commission's event, in the transaction that changed it. */
function commissionEvent(
  tx: Parameters<typeof recordEvent>[0],
  c: CommissionRow,
  type: 'commission.void' | 'commission.paid' | 'commission.reversed',
  payload: Record<string, unknown> = {},
) {
  return recordEvent(tx, {
    type,
    dealId: c.dealId,
    groupId: c.groupId,
    memberId: c.memberId,
    payload: { commissionId: c.id, currency: c.currency, ...payload },
  });
}

export type SettleCommissionResult = 'waiting' | 'no_account' | 'paid' | 'reversed' | 'void' | 'up_to_date';

/** A Stripe failure worth retrying later; the job runner retries with backoff. */
export class RetryableCommissionError extends Error {
  constructor(readonly failure: PaymentFailure) {
    super(`Stripe did not take the commission transfer (${failure.code}): ${failure.message}`);
    this.name = 'RetryableCommissionError';
  }
}

/** What is still owed on a commission after the buyer's refunds (pricing/payouts.ts moneyLine). */
export function owedOn(
  c: Pick<CommissionRow, 'amount'>,
  m: { chargeAmount: number | null; refundedAmount: number; applicationFee: number; feeRefunded: number },
): number {
  const captured = m.chargeAmount ?? 0;
  if (captured === 0) return 0;
  return moneyLine({
    captured,
    refunded: Math.min(m.refundedAmount, captured),
    applicationFee: m.applicationFee,
    feeRefunded: Math.min(m.feeRefunded, m.applicationFee),
    commission: c.amount,
  }).commission;
}

/** Brings one commission's transfers to what is owed now. */
export async function settleCommission(deps: Deps, commissionId: string): Promise<SettleCommissionResult> {
  const payments = settlementPayments(deps.payments, deps.db);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ c: commissions, m: members })
      .from(commissions)
      .innerJoin(members, eq(members.id, commissions.memberId))
      .where(eq(commissions.id, commissionId))
      .for('update', { of: commissions });
    if (!row) return 'up_to_date';
    const { c, m } = row;
    const now = deps.now();
    const owed = m.status === 'captured' ? owedOn(c, m) : 0;

    if (c.status === 'void') return 'void';
    if (c.status === 'pending') {
      if (owed === 0) {
        await tx.update(commissions).set({ status: 'void', updatedAt: now }).where(eq(commissions.id, c.id));
        await commissionEvent(tx, c, 'commission.void');
        return 'void';
      }
      if (now < c.payableAt) {
        await addJob(
          tx,
          'settle-commission',
          { commissionId: c.id },
          { jobKey: settleCommissionJobKey(c.id), runAt: c.payableAt },
        );
        return 'waiting';
      }
      const [account] = await tx
        .select()
        .from(connectedAccounts)
        .where(eq(connectedAccounts.userId, c.sharerUserId));
      // Waits for the sharer to connect an account; account.updated enqueues this job again.
      if (!account || !canReceiveTransfers(account)) return 'no_account';
      const t = await payments.transfer({
        key: `commission:${c.id}`,
        amount: owed,
        currency: c.currency,
        destination: account.id,
        transferGroup: c.groupId,
        metadata: { commission_id: c.id, member_id: c.memberId, group_id: c.groupId },
      });
      if (!t.ok) throw new RetryableCommissionError(t.failure);
      await tx
        .update(commissions)
        .set({ status: 'paid', transferId: t.transferId, paidAmount: t.amount, paidAt: now, updatedAt: now })
        .where(eq(commissions.id, c.id));
      await commissionEvent(tx, c, 'commission.paid', { amount: t.amount, transferId: t.transferId });
      return 'paid';
    }

    // Paid: a refund since may have made part of it no longer owed.
    const kept = c.paidAmount - c.reversedAmount;
    if (kept <= owed || !c.transferId) return 'up_to_date';
    const back = kept - owed;
    const r = await payments.reverseTransfer({
      key: `commission:${c.id}:to:${owed}`,
      transferId: c.transferId,
      amount: back,
    });
    if (!r.ok) throw new RetryableCommissionError(r.failure);
    await tx
      .update(commissions)
      .set({ reversedAmount: c.reversedAmount + r.amount, updatedAt: now })
      .where(eq(commissions.id, c.id));
    await commissionEvent(tx, c, 'commission.reversed', { amount: r.amount });
    return 'reversed';
  });
}

/** A sharer's account can now receive transfers: pay every commission of theirs whose window has passed. */
export async function enqueueSharerCommissions(tx: Parameters<typeof addJob>[0], userId: string, now: Date) {
  const due = await tx
    .select({ id: commissions.id })
    .from(commissions)
    .where(
      and(
        eq(commissions.sharerUserId, userId),
        inArray(commissions.status, ['pending']),
        lte(commissions.payableAt, now),
      ),
    );
  for (const c of due) {
    await addJob(tx, 'settle-commission', { commissionId: c.id }, { jobKey: settleCommissionJobKey(c.id) });
  }
}
