// Settling a saved card (long windows, issue 16): nothing was held at join, so a won group charges each
// member's saved card off-session at close, exactly once (the processor's key charge:<memberId> replays
// the first attempt: a retry after a crash or a lost answer never charges twice). A group that failed or
// was canceled, and a membership that ended, only remove the card: nothing is charged.
import { and, eq } from 'drizzle-orm';
import { events, type groups, type members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';
import type { PaymentsPort } from '@/server/payments/port';
import { notePlannedSplit } from '@/server/payouts/charge-plan';
import { closeOutcome } from './close-outcome';
import { finishCloseIfSettled } from './finish-close';
import { markPaymentDue } from './mark-payment-due';
import {
  captureWithSplit,
  moveOnce,
  planMemberCharge,
  RetryableSettleError,
  type SettleMemberResult,
} from './settle-member';

type M = typeof members.$inferSelect;
type G = typeof groups.$inferSelect;

// Memberships whose saved card will never be charged again (a captured one was charged: at close, or
// after a payment due was fixed).
const DEAD = new Set(['expired', 'left', 'failed', 'released', 'captured']);

/** Settles an authorized saved-card member of a closed group: charge off-session (won) or forget the card. */
export async function chargeSavedMember(
  deps: Deps,
  payments: PaymentsPort,
  m: M,
  g: G,
): Promise<SettleMemberResult> {
  const outcome = closeOutcome(g);
  if (outcome !== 'won') {
    // Nothing is charged: the card is removed, then the member is released (their seat was never charged).
    await forget(deps, payments, m, g);
    await moveOnce(deps, m.id, 'release', {
      payload: { outcome, amount: 0, currency: g.currency, paymentKind: 'saved_card' },
    });
    await finishCloseIfSettled(deps, g.id);
    return 'released';
  }
  if (g.finalUnitPrice === null) throw new Error(`group ${g.id} is won but has no final price`);
  if (!m.stripeCustomerId || !m.paymentMethodId) {
    // A confirmed saved-card member always has a customer and a card; a row without them cannot be charged.
    return markPaymentDue(deps, m.id, g, {
      code: 'no_saved_card',
      declineCode: null,
      message: 'No saved card was found for this member.',
    });
  }
  // Goods at min(final, joined) plus the shipping fixed at join, never above what the buyer was told at
  // join (holdAmount: the most they can be charged, DESIGN rule 4); the opener's reward; the split.
  const plan = await planMemberCharge(deps, m, g);
  if (plan.amount === 0) {
    // A free opener's order with nothing to pay: no charge, the card forgotten, the goods still theirs.
    await captureWithSplit(deps, m, g, plan, 'capture', 0, { payload: { paymentKind: 'saved_card' } });
    await forget(deps, payments, m, g).catch(() => false);
    await finishCloseIfSettled(deps, g.id);
    return 'captured';
  }
  const r = await payments.chargeSaved({
    key: m.id,
    memberId: m.id,
    customerId: m.stripeCustomerId,
    paymentMethodId: m.paymentMethodId,
    amount: plan.amount,
    currency: g.currency,
    description: `Group ${g.code}`,
    metadata: { group_id: g.id, member_id: m.id, deal_id: g.dealId },
    destination: plan.destination,
  });
  if (!r.ok) {
    if (r.retryable) throw new RetryableSettleError(r.failure);
    // authentication_required or a decline: the group's price stands and the buyer is asked to pay it
    // another way (server/groups/RECOVERY.md), by a payment split the same way.
    await notePlannedSplit(deps, m.id, plan);
    return markPaymentDue(deps, m.id, g, r.failure);
  }
  if (r.hold.status !== 'captured') {
    // Off-session charges are captured at once; anything else (processing) is asked again later.
    throw new RetryableSettleError({
      code: `charge_${r.hold.status}`,
      declineCode: null,
      message: `The off-session charge is ${r.hold.status}.`,
    });
  }
  await captureWithSplit(deps, m, g, plan, 'capture', r.hold.amountReceived, {
    set: { paymentIntentId: r.hold.paymentIntentId },
    payload: { paymentKind: 'saved_card' },
  });
  // The card was saved for this group only: once charged it is removed (best effort; a refund needs no card).
  await forget(deps, payments, m, g).catch(() => false);
  await finishCloseIfSettled(deps, g.id);
  return 'captured';
}

/** A saved card on a membership that will not be charged (left, expired, failed, lapsed, charged): detach it. */
export async function forgetSavedCard(
  deps: Deps,
  payments: PaymentsPort,
  m: M,
  g: G,
): Promise<SettleMemberResult> {
  if (!DEAD.has(m.status)) return 'nothing_to_do';
  const forgotten = await forget(deps, payments, m, g);
  return forgotten ? 'hold_released' : 'nothing_to_do';
}

/** Detaches the member's card (the one saved, or the one its SetupIntent saved since); true when there was one. */
async function forget(deps: Deps, payments: PaymentsPort, m: M, g: G): Promise<boolean> {
  let paymentMethodId = m.paymentMethodId;
  if (!paymentMethodId && m.setupIntentId) {
    // The setup may have succeeded after the membership ended (3-D Secure finished late).
    try {
      paymentMethodId = (await payments.retrieveSetup(m.setupIntentId)).paymentMethodId;
    } catch (err) {
      throw new RetryableSettleError({
        code: 'network_error',
        declineCode: null,
        message: err instanceof Error ? err.message : 'The SetupIntent could not be read.',
      });
    }
  }
  if (!paymentMethodId) return false;
  // Once is enough: a settle run again (or after a payment due ended) finds the card already removed.
  const [done] = await deps.db
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.memberId, m.id), eq(events.type, 'member.card_forgotten')))
    .limit(1);
  if (done) return false;
  const r = await payments.forgetCard({ paymentMethodId });
  if (!r.ok) {
    if (r.retryable) throw new RetryableSettleError(r.failure);
    return false;
  }
  await recordEvent(deps.db, {
    type: 'member.card_forgotten',
    dealId: g.dealId,
    groupId: g.id,
    memberId: m.id,
    payload: { status: m.status },
  });
  return true;
}
