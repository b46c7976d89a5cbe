// payment_intent.payment_failed: an authorization attempt was declined. The reservation stays (the buyer
// may retry with another card until it expires); its failure reason is recorded for the buyer to see.
import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { members } from '@/db/schema';
import { recordEvent } from '../../events/record-event';
import { findMemberForIntent } from './find-member';
import type { WebhookHandler } from './types';

/** Applies payment_intent.payment_failed. */
export const onPaymentFailed: WebhookHandler = async (tx, event, now) => {
  const pi = event.data.object as Stripe.PaymentIntent;
  const found = await findMemberForIntent(tx, pi.id, pi.metadata['member_id']);
  if (!found || found.m.status !== 'reserved')
    return { applied: false, note: 'no reserved member for this PaymentIntent' };
  const reason = pi.last_payment_error?.message ?? 'Your card was declined.';
  await tx
    .update(members)
    .set({ failureReason: reason, updatedAt: now })
    .where(and(eq(members.id, found.m.id), eq(members.status, 'reserved')));
  await recordEvent(tx, {
    type: 'member.payment_failed',
    dealId: found.g.dealId,
    groupId: found.g.id,
    memberId: found.m.id,
    payload: {
      code: pi.last_payment_error?.code ?? null,
      declineCode: pi.last_payment_error?.decline_code ?? null,
      reason,
    },
  });
  return { applied: true, note: 'failure recorded' };
};
