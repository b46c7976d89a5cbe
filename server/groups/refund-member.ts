import { and, eq } from 'drizzle-orm';
import { deals, groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError, type Refusal } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { notifyMember } from '@/server/notifications/notify-member';
import { voidRefundedOrder } from '@/server/orders/order-rows';
import { settlementPayments } from '@/server/payments/pacer';
import { recheckCommissionAfterRefund } from '@/server/payouts/charge-plan';

/**
 * Refunds part or all of a captured member's charge (merchant console). At most captured − already
 * refunded. The member row stays locked across the Stripe call so two refunds cannot both pass the check;
 * the key (member, refunded so far, amount) makes a retried request refund once. Undone by: nothing (money went back).
 */
export async function refundMember(
  deps: Deps,
  input: { merchantId: string; memberId: string; amount: number },
): Promise<{ refundedAmount: number; refundable: number }> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new DomainError('INVALID_INPUT', 'refund.aboveZero', undefined, {
      amount: { key: 'refund.aboveZeroField' },
    });
  const payments = settlementPayments(deps.payments, deps.db);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ m: members, currency: groups.currency, dealId: groups.dealId })
      .from(members)
      .innerJoin(groups, eq(groups.id, members.groupId))
      .innerJoin(deals, eq(deals.id, groups.dealId))
      .where(and(eq(members.id, input.memberId), eq(deals.merchantId, input.merchantId)))
      .for('update', { of: members });
    if (!row) throw new DomainError('NOT_FOUND', 'refund.memberNotFound');
    const { m, currency } = row;
    if (m.status !== 'captured' || !m.paymentIntentId || m.chargeAmount === null) {
      throw new DomainError('CONFLICT', 'refund.notCharged');
    }
    const refundable = m.chargeAmount - m.refundedAmount;
    if (input.amount > refundable) {
      const msg: Refusal =
        refundable === 0
          ? { key: 'refund.alreadyFull' }
          : { key: 'refund.atMost', values: { amount: { money: refundable, currency } } };
      throw new DomainError('INVALID_INPUT', msg.key, msg.values, { amount: msg });
    }
    const r = await payments.refund({
      key: `${m.id}:${m.refundedAmount}:${input.amount}`,
      paymentIntentId: m.paymentIntentId,
      amount: input.amount,
      // A destination charge takes back the shop's transfer and the fee in proportion (issue 18).
      connected: Boolean(m.destinationAccountId),
    });
    if (!r.ok) throw new DomainError('PAYMENT_UNAVAILABLE', 'refund.failed', { reason: r.failure.message });
    const refundedAmount = m.refundedAmount + r.amount;
    await tx
      .update(members)
      .set({
        refundedAmount,
        ...(r.feeRefundedTotal !== null ? { feeRefunded: r.feeRefundedTotal } : {}),
        updatedAt: deps.now(),
      })
      .where(eq(members.id, m.id));
    // A commission on this buyer is owed only on what they kept: taken back if it was paid.
    await recheckCommissionAfterRefund(tx, m.id);
    await recordEvent(tx, {
      type: 'member.refunded',
      dealId: row.dealId,
      groupId: m.groupId,
      memberId: m.id,
      payload: { amount: r.amount, refundedAmount, currency, refundId: r.refundId, source: 'merchant' },
    });
    await notifyMember(tx, m.id, 'refundIssued', r.refundId, deps.now(), { amount: r.amount });
    // Refunded in full (goods and shipping): nothing is left to fulfil.
    if (refundedAmount >= m.chargeAmount) {
      await voidRefundedOrder(tx, { id: m.groupId, dealId: row.dealId }, m.id, deps.now());
    }
    return { refundedAmount, refundable: m.chargeAmount - refundedAmount };
  });
}
