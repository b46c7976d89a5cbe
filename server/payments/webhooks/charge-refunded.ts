// charge.refunded: money went back to a captured member (from the console, or from Stripe's dashboard).
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { members } from '@/db/schema';
import { recordEvent } from '../../events/record-event';
import { findMemberForIntent } from './find-member';
import type { WebhookHandler } from './types';

/** Applies charge.refunded: refundedAmount only ever grows to Stripe's total, so order and repeats do not matter. */
export const onChargeRefunded: WebhookHandler = async (tx, event, now) => {
  const charge = event.data.object as Stripe.Charge;
  const piId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
  if (!piId) return { applied: false, note: 'charge without PaymentIntent' };
  const found = await findMemberForIntent(tx, piId, charge.metadata['member_id']);
  if (!found || found.m.status !== 'captured')
    return { applied: false, note: 'no captured member for this charge' };
  if (charge.amount_refunded <= found.m.refundedAmount)
    return { applied: false, note: 'refund already recorded' };
  await tx
    .update(members)
    .set({ refundedAmount: charge.amount_refunded, updatedAt: now })
    .where(eq(members.id, found.m.id));
  await recordEvent(tx, {
    type: 'member.refunded',
    dealId: found.g.dealId,
    groupId: found.g.id,
    memberId: found.m.id,
    payload: {
      amount: charge.amount_refunded - found.m.refundedAmount,
      refundedAmount: charge.amount_refunded,
      currency: found.g.currency,
      source: 'webhook',
    },
  });
  return { applied: true, note: 'refund recorded' };
};
