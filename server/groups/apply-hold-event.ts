// Applies what the processor says about a member's hold (a neutral HoldEvent from the payment webhooks)
// through the membership table's moves, so a webhook moves members exactly as a join, a leave or a
// settlement does. Order and repeats do not matter: every move is guarded by the member's current status.
import { eq, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';
import { addJob } from '@/server/jobs/add-job';
import { settleMemberJobKey } from '@/server/jobs/job-keys';
import {
  isConnectEvent,
  type HoldEvent,
  type HoldEventResult,
  type HoldEventSink,
} from '@/server/payments/hold-event';
import { applyConnectEvent } from '@/server/payouts/apply-connect-event';
import { recheckCommissionAfterRefund } from '@/server/payouts/charge-plan';
import { handleStripeWebhook, type WebhookResponse } from '@/server/payments/webhooks/handle';
import type { LockedGroup, Member } from './apply-moves';
import { closeOutcome } from './close-outcome';
import { recordDuePaid } from '@/server/recovery/record-due-paid';
import { finishCloseIfSettled } from './finish-close';
import { markPaymentDueTx } from './mark-payment-due';
import { lockMemberWithGroup, moveMember } from './move-member';

const EXPIRED = 'Your card hold expired or was canceled by the bank before the group closed.';
// The cancellation reasons Flock's payments port sends when it releases a hold itself (server/payments/port.ts).
const OUR_RELEASES = new Set(['abandoned', 'requested_by_customer']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The sink the payment webhooks hand their hold events to. */
export function applyHoldEvent(deps: Deps): HoldEventSink {
  return async (tx, event, now) => {
    if (isConnectEvent(event)) return applyConnectEvent(tx, event, now);
    const found = await findHolder(tx, event);
    if (!found) return { applied: false, note: 'no member holds this PaymentIntent' };
    const result = await apply(tx, event, found, now);
    const groupId = found.group.id;
    // A move may have settled the last member of a closing group: finish it once this commits.
    return { ...result, afterCommit: () => finishCloseIfSettled(deps, groupId).then(() => undefined) };
  };
}

/** Verifies and applies one Stripe webhook delivery (the route and the tests call this). */
export function handleHoldWebhook(
  deps: Deps,
  rawBody: string,
  signatureHeader: string | null,
  secret: string,
): Promise<WebhookResponse> {
  return handleStripeWebhook(deps, rawBody, signatureHeader, secret, applyHoldEvent(deps));
}

/** The member holding the event's PaymentIntent (or named by its metadata), locked after its group. */
async function findHolder(tx: Tx, event: HoldEvent): Promise<{ member: Member; group: LockedGroup } | null> {
  // A saved card's SetupIntent (save-card.ts) names its member the same way a hold's PaymentIntent does.
  if ('setupIntentId' in event) return findSaver(tx, event.setupIntentId, event.metadataMemberId);
  // The hold (or charge), or the PaymentIntent a payment_due member pays with (RECOVERY.md).
  const [byPi] = await tx
    .select({ id: members.id })
    .from(members)
    .where(
      or(
        eq(members.paymentIntentId, event.paymentIntentId),
        eq(members.fixPaymentIntentId, event.paymentIntentId),
      ),
    )
    .limit(1);
  // The synchronous path may have died before it stored the PaymentIntent id: the hold's metadata names the member.
  const id =
    byPi?.id ?? (event.metadataMemberId && UUID.test(event.metadataMemberId) ? event.metadataMemberId : null);
  if (!id) return null;
  const found = await lockMemberWithGroup(tx, id);
  if (!found) return null;
  const { paymentIntentId, fixPaymentIntentId } = found.member;
  if (
    paymentIntentId &&
    paymentIntentId !== event.paymentIntentId &&
    fixPaymentIntentId !== event.paymentIntentId
  )
    return null;
  return found;
}

/** The member whose card the SetupIntent saves (or named by its metadata), locked after its group. */
async function findSaver(
  tx: Tx,
  setupIntentId: string,
  metadataMemberId: string | null,
): Promise<{ member: Member; group: LockedGroup } | null> {
  const [bySi] = await tx
    .select({ id: members.id })
    .from(members)
    .where(eq(members.setupIntentId, setupIntentId))
    .limit(1);
  const id = bySi?.id ?? (metadataMemberId && UUID.test(metadataMemberId) ? metadataMemberId : null);
  if (!id) return null;
  const found = await lockMemberWithGroup(tx, id);
  if (!found || found.member.paymentKind !== 'saved_card') return null;
  if (found.member.setupIntentId && found.member.setupIntentId !== setupIntentId) return null;
  return found;
}

async function apply(
  tx: Tx,
  event: HoldEvent,
  { member: m, group: g }: { member: Member; group: LockedGroup },
  now: Date,
): Promise<HoldEventResult> {
  switch (event.kind) {
    case 'authorized': {
      if (m.status === 'reserved' && g.status === 'open') {
        await moveMember(tx, m.id, ['authorize'], {
          now,
          set: { paymentIntentId: event.paymentIntentId, failureReason: null },
          payload: { source: 'webhook', amount: event.amount },
          captureBefore: event.captureBefore,
        });
        return { applied: true, note: 'member authorized' };
      }
      if (['reserved', 'expired', 'left', 'failed', 'released'].includes(m.status)) {
        // A hold on a membership that can no longer count: the settle job releases it, outside this request.
        await addJob(tx, 'settle-member', { memberId: m.id }, { jobKey: settleMemberJobKey(m.id) });
        return { applied: false, note: `member is ${m.status} in a ${g.status} group: hold to release` };
      }
      return { applied: false, note: `member already ${m.status}` };
    }
    case 'canceled': {
      if (m.status !== 'authorized') return { applied: false, note: `member is ${m.status}` };
      const failed = {
        code: 'hold_canceled',
        cancellationReason: event.cancellationReason,
        reason: EXPIRED,
        source: 'webhook',
      };
      // Flock's own release (a member leaving) races its webhook: the leave records that move, so the
      // webhook must not call it a lost hold. Only a cancellation Flock did not ask for loses the seat.
      if (g.status === 'open' && OUR_RELEASES.has(event.cancellationReason ?? '')) {
        return { applied: false, note: 'released by Flock; the leave records the move' };
      }
      if (g.status === 'open') {
        const moved = await moveMember(tx, m.id, ['holdLost'], {
          now,
          set: { failureReason: EXPIRED },
          payload: failed,
        });
        if (!moved) return { applied: false, note: 'member changed meanwhile' };
        await recordEvent(tx, {
          type: 'group.member_lost',
          dealId: g.dealId,
          groupId: g.id,
          payload: { confirmedCount: moved.group.confirmedCount },
        });
        return { applied: true, note: 'member failed: hold canceled while open' };
      }
      const outcome = closeOutcome(g);
      if (outcome === 'won') {
        // The hold is gone but the group's price stands: the member is asked to pay it (RECOVERY.md).
        const due = await markPaymentDueTx(
          tx,
          m.id,
          { code: 'hold_canceled', declineCode: null, message: EXPIRED },
          now,
        );
        return { applied: due, note: due ? 'member payment due' : 'member changed meanwhile' };
      }
      const moved = await moveMember(tx, m.id, ['release'], {
        now,
        payload: { outcome, amount: m.holdAmount, currency: g.currency, source: 'webhook' },
      });
      return { applied: moved !== null, note: moved ? 'member released' : 'member changed meanwhile' };
    }
    case 'captured': {
      // A wallet paid now (pay-now.ts): paid while reserved in an open group counts as a confirmation; a
      // payment that can no longer count is refunded by the settle job. Never a capture move: the price's
      // difference is refunded at close (settle-paid-now.ts).
      if (m.paymentKind === 'paid_now') {
        if (m.status === 'reserved' && g.status === 'open') {
          const moved = await moveMember(tx, m.id, ['authorize'], {
            now,
            set: { paymentIntentId: event.paymentIntentId, failureReason: null },
            payload: { source: 'webhook', amount: event.amountReceived, paymentKind: 'paid_now' },
          });
          return { applied: moved !== null, note: moved ? 'member paid' : 'member changed meanwhile' };
        }
        if (['reserved', 'expired', 'left', 'failed'].includes(m.status)) {
          await addJob(tx, 'settle-member', { memberId: m.id }, { jobKey: settleMemberJobKey(m.id) });
          return { applied: false, note: `member is ${m.status} in a ${g.status} group: payment to refund` };
        }
        return { applied: false, note: `member already ${m.status}` };
      }
      // A payment_due member whose hold, charge or fix payment Stripe reports paid has paid (duePaid).
      if (m.status === 'payment_due') {
        const paid = await recordDuePaid(tx, m.id, event, g.currency, now, 'webhook');
        return { applied: paid, note: paid ? 'payment due paid' : 'member changed meanwhile' };
      }
      // Stripe is the truth about money: a member we marked failed whose capture did go through is captured.
      // (A saved card's off-session charge is a new PaymentIntent: it is stored with the capture.)
      const moved = await moveMember(tx, m.id, ['capture', 'captureConfirmed'], {
        now,
        set: {
          chargeAmount: event.amountReceived,
          failureReason: null,
          paymentIntentId: event.paymentIntentId,
        },
        payload: { amount: event.amountReceived, currency: g.currency, source: 'webhook' },
      });
      return { applied: moved !== null, note: moved ? 'member captured' : `member already ${m.status}` };
    }
    case 'payment_failed': {
      // Not a move: the reservation stays (the buyer may retry with another card until it expires).
      if (m.status !== 'reserved')
        return { applied: false, note: 'no reserved member for this PaymentIntent' };
      return recordReservedFailure(tx, m, g, event.failure, now, {});
    }
    case 'setup_succeeded': {
      // The buyer saved the card (3-D Secure done) even if they closed the page: confirmed while open.
      if (m.status === 'reserved' && g.status === 'open') {
        const moved = await moveMember(tx, m.id, ['authorize'], {
          now,
          set: {
            setupIntentId: event.setupIntentId,
            ...(event.customerId ? { stripeCustomerId: event.customerId } : {}),
            ...(event.paymentMethodId ? { paymentMethodId: event.paymentMethodId } : {}),
            failureReason: null,
          },
          payload: { source: 'webhook', paymentKind: 'saved_card' },
        });
        return {
          applied: moved !== null,
          note: moved ? 'member confirmed: card saved' : 'member changed meanwhile',
        };
      }
      if (['reserved', 'expired', 'left', 'failed'].includes(m.status)) {
        // A card saved on a membership that can no longer count: the settle job removes it.
        if (event.paymentMethodId && !m.paymentMethodId) {
          await tx
            .update(members)
            .set({ paymentMethodId: event.paymentMethodId, updatedAt: now })
            .where(eq(members.id, m.id));
        }
        await addJob(tx, 'settle-member', { memberId: m.id }, { jobKey: settleMemberJobKey(m.id) });
        return { applied: false, note: `member is ${m.status} in a ${g.status} group: card to remove` };
      }
      return { applied: false, note: `member already ${m.status}` };
    }
    case 'setup_failed': {
      // Not a move: the reservation stays (the buyer may retry with another card until it expires).
      if (m.status !== 'reserved') return { applied: false, note: 'no reserved member for this SetupIntent' };
      return recordReservedFailure(tx, m, g, event.failure, now, { paymentKind: 'saved_card' });
    }
    case 'refunded': {
      // Not a move: refundedAmount only ever grows to Stripe's total, so order and repeats do not matter.
      if (m.status !== 'captured') return { applied: false, note: 'no captured member for this charge' };
      if (event.refundedTotal <= m.refundedAmount) return { applied: false, note: 'refund already recorded' };
      await tx
        .update(members)
        .set({ refundedAmount: event.refundedTotal, updatedAt: now })
        .where(eq(members.id, m.id));
      await recheckCommissionAfterRefund(tx, m.id);
      await recordEvent(tx, {
        type: 'member.refunded',
        dealId: g.dealId,
        groupId: g.id,
        memberId: m.id,
        payload: {
          amount: event.refundedTotal - m.refundedAmount,
          refundedAmount: event.refundedTotal,
          currency: g.currency,
          source: 'webhook',
        },
      });
      return { applied: true, note: 'refund recorded' };
    }
  }
}

/** A reserved member's failed attempt (card or card save): noted on the row and as an event, no move. */
async function recordReservedFailure(
  tx: Tx,
  m: Member,
  g: LockedGroup,
  failure: { code: string | null; declineCode: string | null; message: string },
  now: Date,
  extra: Record<string, unknown>,
): Promise<HoldEventResult> {
  await tx
    .update(members)
    .set({ failureReason: failure.message, updatedAt: now })
    .where(eq(members.id, m.id));
  await recordEvent(tx, {
    type: 'member.payment_failed',
    dealId: g.dealId,
    groupId: g.id,
    memberId: m.id,
    payload: { code: failure.code, declineCode: failure.declineCode, reason: failure.message, ...extra },
  });
  return { applied: true, note: 'failure recorded' };
}
