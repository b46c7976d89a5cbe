// Settles a member who paid at join with a wallet that cannot be held (pay-now.ts): the money is already
// taken, so a won group refunds the difference to its price and a failed or canceled one refunds it all.
// Every refund has a key of its own (difference:<memberId>, refund-all:<memberId>): a retried settle
// replays the same refund instead of refunding twice, and the member row moves out of `authorized` once.
import { eq } from 'drizzle-orm';
import { members, type groups } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';
import type { PaymentsPort } from '@/server/payments/port';
import { chargeWithShipping } from '@/server/pricing';
import { closeOutcome } from './close-outcome';
import { finishCloseIfSettled } from './finish-close';
import { giveBackPayment } from './pay-now';
import {
  captureWithSplit,
  markFailed,
  moveOnce,
  RetryableSettleError,
  type SettleMemberResult,
} from './settle-member';
import { commissionEarner, isRewardedOpener } from '@/server/payouts/charge-plan';
import { openerRewardAmount } from '@/server/pricing';

type M = typeof members.$inferSelect;
type G = typeof groups.$inferSelect;

/** What a paid_now member is charged when the group wins: min(final, joined) × quantity + shipping, never above what they paid. */
export function paidNowCharge(
  m: Pick<M, 'unitPriceAtJoin' | 'quantity' | 'shippingAmount' | 'holdAmount'>,
  finalUnitPrice: number,
): number {
  return Math.min(
    chargeWithShipping(finalUnitPrice, m.unitPriceAtJoin, m.quantity, m.shippingAmount),
    m.holdAmount,
  );
}

/** Settles a member who paid at join: refund the difference (won), everything (failed, canceled, left, expired). */
export async function settlePaidNow(
  deps: Deps,
  payments: PaymentsPort,
  m: M,
  g: G,
): Promise<SettleMemberResult> {
  const dead = m.status === 'expired' || m.status === 'left' || m.status === 'failed';
  if (dead) return giveBackDead(deps, payments, m, g);
  // Still paying while open, paid while the group is open (nothing to settle yet), or settled already.
  if (m.status !== 'authorized' || g.status === 'open' || !m.paymentIntentId) return 'nothing_to_do';

  const outcome = closeOutcome(g);
  if (outcome === 'won') {
    if (g.finalUnitPrice === null) throw new Error(`group ${g.id} is won but has no final price`);
    const full = paidNowCharge(m, g.finalUnitPrice);
    const goods = full - Math.min(m.shippingAmount, full);
    // The opener's reward (issue 18) goes back with the difference to the group's price.
    const reward = isRewardedOpener(m, g) ? openerRewardAmount(g.openerReward, goods, g.confirmedCount) : 0;
    const difference = m.holdAmount - (full - reward);
    let refunded = 0;
    let feeRefunded = 0;
    if (difference > 0) {
      const r = await payments.refund({
        key: `difference:${m.id}`,
        paymentIntentId: m.paymentIntentId,
        amount: difference,
        connected: Boolean(m.destinationAccountId),
      });
      if (!r.ok) {
        if (r.retryable) throw new RetryableSettleError(r.failure);
        // Refused for good: the member keeps the group's goods at what they paid; the shop sees the full
        // amount as charged and can refund the difference from its console.
        await recordEvent(deps.db, {
          type: 'member.refund_failed',
          dealId: g.dealId,
          groupId: g.id,
          memberId: m.id,
          payload: {
            amount: difference,
            currency: g.currency,
            code: r.failure.code,
            reason: r.failure.message,
          },
        });
      } else {
        refunded = r.amount;
        feeRefunded = r.feeRefundedTotal ?? 0;
      }
    }
    // The fee and commission were set on what was paid at join (pay-now.ts); the refund took back their share.
    const earner = m.commissionAmount > 0 ? await commissionEarner(deps.db, m, g) : null;
    await captureWithSplit(
      deps,
      m,
      g,
      {
        reward,
        earner,
        split: {
          applicationFee: m.applicationFee,
          commission: earner ? m.commissionAmount : 0,
          platformFee: m.applicationFee - (earner ? m.commissionAmount : 0),
          merchantNet: m.holdAmount - m.applicationFee,
        },
        amount: m.holdAmount,
        destination: null,
      },
      'capture',
      m.holdAmount,
      {
        set: { refundedAmount: refunded },
        payload: { amount: m.holdAmount - refunded, paid: m.holdAmount, refunded, paymentKind: 'paid_now' },
      },
    );
    if (feeRefunded > 0) {
      await deps.db.update(members).set({ feeRefunded }).where(eq(members.id, m.id));
    }
    await finishCloseIfSettled(deps, g.id);
    return 'captured';
  }

  const back = await giveBackPayment(deps, payments, m.id, m.paymentIntentId);
  if (back.kind === 'failed') {
    if (back.retryable) throw new RetryableSettleError(back.failure);
    return markFailed(deps, m.id, g, back.failure);
  }
  const refunded = back.kind === 'refunded' ? back.amount : 0;
  await moveOnce(deps, m.id, 'release', {
    set: { refundedAmount: refunded },
    payload: { outcome, amount: m.holdAmount, refunded, currency: g.currency, paymentKind: 'paid_now' },
  });
  await finishCloseIfSettled(deps, g.id);
  return 'released';
}

/** A member no longer in the group (left, expired, failed): an unpaid QR is canceled, a payment refunded in full. */
async function giveBackDead(deps: Deps, payments: PaymentsPort, m: M, g: G): Promise<SettleMemberResult> {
  if (!m.paymentIntentId) return 'nothing_to_do';
  const back = await giveBackPayment(deps, payments, m.id, m.paymentIntentId);
  if (back.kind === 'failed') {
    if (back.retryable) throw new RetryableSettleError(back.failure);
    return 'nothing_to_do';
  }
  if (back.kind === 'nothing') return 'nothing_to_do';
  if (back.kind === 'refunded' && m.refundedAmount < back.amount) {
    // No move (the member is in a final status): the refund is recorded on the row and as an event.
    await deps.db
      .update(members)
      .set({ refundedAmount: back.amount, updatedAt: deps.now() })
      .where(eq(members.id, m.id));
    await recordEvent(deps.db, {
      type: 'member.refunded',
      dealId: g.dealId,
      groupId: g.id,
      memberId: m.id,
      payload: {
        amount: back.amount,
        refundedAmount: back.amount,
        currency: g.currency,
        refundId: back.refundId,
        source: 'paid_now',
        status: m.status,
      },
    });
  }
  return back.kind === 'refunded' ? 'released' : 'hold_released';
}
