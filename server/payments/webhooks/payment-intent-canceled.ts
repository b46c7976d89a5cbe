// payment_intent.canceled: a hold was canceled, by us (release) or by Stripe (expired: reason automatic).
// A live member loses their place (open group) or fails (won group); a failed/canceled group's member is released.
import { eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { groups } from '@/db/schema';
import { recordEvent } from '../../events/record-event';
import { closeOutcome } from '../../groups/close-outcome';
import { moveMember } from '../../groups/move-member';
import { findMemberForIntent } from './find-member';
import type { WebhookHandler } from './types';

const EXPIRED = 'Your card hold expired or was canceled by the bank before the group closed.';

/** Applies payment_intent.canceled. */
export const onPaymentIntentCanceled: WebhookHandler = async (tx, event, now) => {
  const pi = event.data.object as Stripe.PaymentIntent;
  const found = await findMemberForIntent(tx, pi.id, pi.metadata['member_id']);
  if (!found) return { applied: false, note: 'no member holds this PaymentIntent' };
  const { m, g } = found;
  if (m.status !== 'authorized') return { applied: false, note: `member is ${m.status}` };
  const base = { memberId: m.id, groupId: g.id, dealId: g.dealId, from: ['authorized' as const], at: now };
  const failed = {
    code: 'hold_canceled',
    cancellationReason: pi.cancellation_reason ?? null,
    reason: EXPIRED,
    source: 'webhook',
  };

  if (g.status === 'open') {
    // The member no longer counts toward the price: lock the group before touching its counters.
    await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, g.id)).for('update');
    const moved = await moveMember(tx, {
      ...base,
      to: 'failed',
      failureReason: EXPIRED,
      event: { type: 'member.failed', payload: failed },
    });
    if (!moved) return { applied: false, note: 'member changed meanwhile' };
    await tx
      .update(groups)
      .set({
        confirmedCount: sql`greatest(${groups.confirmedCount} - 1, 0)`,
        seatsTaken: sql`greatest(${groups.seatsTaken} - 1, 0)`,
        updatedAt: now,
      })
      .where(eq(groups.id, g.id));
    const [after] = await tx
      .select({ confirmedCount: groups.confirmedCount })
      .from(groups)
      .where(eq(groups.id, g.id));
    await recordEvent(tx, {
      type: 'group.member_lost',
      dealId: g.dealId,
      groupId: g.id,
      payload: { confirmedCount: after?.confirmedCount ?? null },
    });
    return { applied: true, note: 'member failed: hold canceled while open' };
  }
  const outcome = closeOutcome(g);
  const moved =
    outcome === 'won'
      ? await moveMember(tx, {
          ...base,
          to: 'failed',
          failureReason: EXPIRED,
          event: { type: 'member.failed', payload: failed },
        })
      : await moveMember(tx, {
          ...base,
          to: 'released',
          event: {
            type: 'member.released',
            payload: { outcome, amount: m.holdAmount, currency: g.currency, source: 'webhook' },
          },
        });
  return {
    applied: moved,
    note: moved ? `member ${outcome === 'won' ? 'failed' : 'released'}` : 'member changed meanwhile',
    groupId: g.id,
  };
};
