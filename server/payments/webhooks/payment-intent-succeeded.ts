// payment_intent.succeeded: a hold was captured. Records the capture if the settle job's own write was lost.
import type Stripe from 'stripe';
import { moveMember } from '../../groups/move-member';
import { findMemberForIntent } from './find-member';
import type { WebhookHandler } from './types';

/** Applies payment_intent.succeeded. */
export const onPaymentIntentSucceeded: WebhookHandler = async (tx, event, now) => {
  const pi = event.data.object as Stripe.PaymentIntent;
  const found = await findMemberForIntent(tx, pi.id, pi.metadata['member_id']);
  if (!found) return { applied: false, note: 'no member holds this PaymentIntent' };
  const { m, g } = found;
  // Stripe is the truth about money: a member we marked failed whose capture did go through is captured.
  const moved = await moveMember(tx, {
    memberId: m.id,
    groupId: g.id,
    dealId: g.dealId,
    from: ['authorized', 'failed'],
    to: 'captured',
    at: now,
    chargeAmount: pi.amount_received,
    failureReason: null,
    event: {
      type: 'member.captured',
      payload: { amount: pi.amount_received, currency: g.currency, source: 'webhook' },
    },
  });
  return { applied: moved, note: moved ? 'member captured' : `member already ${m.status}`, groupId: g.id };
};
