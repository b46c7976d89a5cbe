// payment_intent.amount_capturable_updated: a hold was authorized. Repairs a join whose synchronous
// confirmation was lost (reserved → authorized); a hold on a membership that is no longer live is released.
import { and, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { groups, members } from '@/db/schema';
import { recordEvent } from '../../events/record-event';
import { addJob } from '../../jobs/add-job';
import { closeJobKey } from '../../groups/close-group';
import { guardDeadline } from '../../groups/hold-expiry-guard';
import { toHoldState } from '../stripe-payments';
import { findMemberForIntent } from './find-member';
import type { WebhookHandler } from './types';

/** Applies payment_intent.amount_capturable_updated. */
export const onAmountCapturableUpdated: WebhookHandler = async (tx, event, now) => {
  const pi = event.data.object as Stripe.PaymentIntent;
  const found = await findMemberForIntent(tx, pi.id, pi.metadata['member_id']);
  if (!found) return { applied: false, note: 'no member holds this PaymentIntent' };
  const { m, g } = found;
  if (m.status === 'reserved' && g.status === 'open') {
    const [locked] = await tx.select().from(groups).where(eq(groups.id, g.id)).for('update');
    if (!locked || locked.status !== 'open')
      return { applied: false, note: 'group closed meanwhile', settleMemberId: m.id };
    await tx
      .update(members)
      .set({
        status: 'authorized',
        paymentIntentId: pi.id,
        authorizedAt: now,
        updatedAt: now,
        failureReason: null,
      })
      .where(and(eq(members.id, m.id), eq(members.status, 'reserved')));
    const [after] = await tx
      .update(groups)
      .set({ confirmedCount: sql`${groups.confirmedCount} + 1`, updatedAt: now })
      .where(eq(groups.id, g.id))
      .returning({ confirmedCount: groups.confirmedCount, maxMembers: groups.maxMembers });
    await recordEvent(tx, {
      type: 'member.authorized',
      dealId: g.dealId,
      groupId: g.id,
      memberId: m.id,
      payload: { source: 'webhook', amount: pi.amount_capturable },
    });
    await guardDeadline(tx, g.id, toHoldState(pi).captureBefore);
    if (after && after.confirmedCount >= after.maxMembers) {
      await addJob(
        tx,
        'close-group',
        { groupId: g.id, reason: 'full' },
        { jobKey: closeJobKey(g.id), runAt: now },
      );
    }
    return { applied: true, note: 'member authorized' };
  }
  if (m.status === 'expired' || m.status === 'left' || m.status === 'failed' || m.status === 'released') {
    return { applied: false, note: `member is ${m.status}: hold to release`, settleMemberId: m.id };
  }
  return { applied: false, note: `member already ${m.status}` };
};
