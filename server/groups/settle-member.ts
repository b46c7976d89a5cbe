import { eq } from 'drizzle-orm';
import { groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';
import { settlementPayments } from '@/server/payments/pacer';
import type { PaymentFailure, PaymentsPort } from '@/server/payments/port';
import {
  notePlannedSplit,
  planCharge,
  recordChargeSplit,
  type ChargePlan,
} from '@/server/payouts/charge-plan';
import { chargeWithShipping } from '@/server/pricing';
import type { MoveFields } from './apply-moves';
import { closeOutcome } from './close-outcome';
import { finishCloseIfSettled } from './finish-close';
import { markPaymentDue } from './mark-payment-due';
import { moveMember } from './move-member';
import { chargeSavedMember, forgetSavedCard } from './settle-saved-card';
import { settlePaidNow } from './settle-paid-now';

export type SettleMemberResult =
  'captured' | 'released' | 'failed' | 'payment_due' | 'hold_released' | 'nothing_to_do';

/** A failure worth retrying later (rate limit, conflict, 5xx, network); the job runner retries with backoff. */
export class RetryableSettleError extends Error {
  constructor(readonly failure: PaymentFailure) {
    super(`Stripe is not answering for now (${failure.code}): ${failure.message}`);
    this.name = 'RetryableSettleError';
  }
}

/**
 * Captures (won group) or releases (failed / canceled group) one member's hold, exactly once: the
 * payments port uses capture:/release:<memberId> keys and treats "already done" as success, and the row
 * only moves out of `authorized` once. Expired reservations and members no longer live just get their hold
 * canceled. Throws RetryableSettleError when Stripe should be asked again later.
 */
export async function settleMember(
  deps: Deps,
  memberId: string,
  opts: { payments?: PaymentsPort } = {},
): Promise<SettleMemberResult> {
  const payments = opts.payments ?? settlementPayments(deps.payments, deps.db);
  const [row] = await deps.db
    .select({ m: members, g: groups })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(eq(members.id, memberId));
  if (!row) return 'nothing_to_do';
  const { m, g } = row;

  // A member who paid at join (a wallet) or saved a card settles by refunds or an off-session charge.
  if (m.paymentKind === 'paid_now') return settlePaidNow(deps, payments, m, g);
  if (m.paymentKind === 'saved_card') {
    if (m.status !== 'authorized' || g.status === 'open') return forgetSavedCard(deps, payments, m, g);
    return chargeSavedMember(deps, payments, m, g);
  }

  if (m.status !== 'authorized' || g.status === 'open') {
    // Not a member to settle: only make sure a hold left on a dead membership does not keep the buyer's money.
    const dead = m.status === 'expired' || m.status === 'left' || m.status === 'failed';
    if (!dead || !m.paymentIntentId) return 'nothing_to_do';
    const r = await payments.release({
      memberId: m.id,
      paymentIntentId: m.paymentIntentId,
      reason: 'abandoned',
    });
    if (!r.ok && r.retryable) throw new RetryableSettleError(r.failure);
    if (r.ok) {
      await recordEvent(deps.db, {
        type: 'member.hold_released',
        dealId: g.dealId,
        groupId: g.id,
        memberId: m.id,
        payload: { status: m.status },
      });
    }
    return r.ok ? 'hold_released' : 'nothing_to_do';
  }
  if (!m.paymentIntentId) {
    // An authorized member always has a PaymentIntent; a row without one cannot be charged.
    return markPaymentDue(deps, m.id, g, {
      code: 'no_payment_intent',
      declineCode: null,
      message: 'No card hold was found for this member.',
    });
  }

  const outcome = closeOutcome(g);
  if (outcome === 'won') {
    if (g.finalUnitPrice === null) throw new Error(`group ${g.id} is won but has no final price`);
    // Goods at min(final, joined) plus the shipping fixed at join, never above the hold (DESIGN rule 4);
    // the opener's reward off their goods; the platform's fee and any commission split off (issue 18).
    const plan = await planMemberCharge(deps, m, g);
    if (plan.amount === 0) {
      // A free opener's order with nothing to pay: the hold is released and the member still gets the goods.
      const r = await payments.release({
        memberId: m.id,
        paymentIntentId: m.paymentIntentId,
        reason: 'abandoned',
      });
      if (!r.ok) {
        if (r.retryable) throw new RetryableSettleError(r.failure);
        return markPaymentDue(deps, m.id, g, r.failure);
      }
      await captureWithSplit(deps, m, g, plan, 'capture', 0);
      await finishCloseIfSettled(deps, g.id);
      return 'captured';
    }
    const r = await payments.capture({
      memberId: m.id,
      paymentIntentId: m.paymentIntentId,
      amount: plan.amount,
      ...(plan.destination ? { applicationFee: plan.split.applicationFee } : {}),
    });
    if (!r.ok) {
      if (r.retryable) throw new RetryableSettleError(r.failure);
      // The group's price stands: the member is asked to pay it another way (server/groups/RECOVERY.md),
      // by a payment split the same way.
      await notePlannedSplit(deps, m.id, plan);
      return markPaymentDue(deps, m.id, g, r.failure);
    }
    await captureWithSplit(deps, m, g, plan, 'capture', r.hold.amountReceived);
    await finishCloseIfSettled(deps, g.id);
    return 'captured';
  }

  const r = await payments.release({
    memberId: m.id,
    paymentIntentId: m.paymentIntentId,
    reason: outcome === 'canceled' ? 'requested_by_customer' : 'abandoned',
  });
  if (!r.ok) {
    if (r.retryable) throw new RetryableSettleError(r.failure);
    return markFailed(deps, m.id, g, r.failure);
  }
  await moveOnce(deps, m.id, 'release', {
    payload: { outcome, amount: m.holdAmount, currency: g.currency },
  });
  await finishCloseIfSettled(deps, g.id);
  return 'released';
}

export type GroupRef = { id: string; dealId: string };

type MemberRow = typeof members.$inferSelect;
type GroupRow = typeof groups.$inferSelect;

/** A won group's charge for one member: goods at min(final, joined), the opener's reward, shipping, the split. */
export async function planMemberCharge(deps: Deps, m: MemberRow, g: GroupRow): Promise<ChargePlan> {
  if (g.finalUnitPrice === null) throw new Error(`group ${g.id} is won but has no final price`);
  const full = Math.min(
    chargeWithShipping(g.finalUnitPrice, m.unitPriceAtJoin, m.quantity, m.shippingAmount),
    m.holdAmount,
  );
  const shipping = Math.min(m.shippingAmount, full);
  return planCharge(deps, m, g, full - shipping, shipping);
}

/**
 * Records a charge that went through, in one transaction: the capture move (none when a webhook moved the
 * member first: it wrote the event) and the charge's split with any commission, which are written either way.
 */
export async function captureWithSplit(
  deps: Deps,
  m: MemberRow,
  g: GroupRow,
  plan: ChargePlan,
  name: 'capture',
  amountReceived: number,
  extra: { set?: MoveFields; payload?: Record<string, unknown> } = {},
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await moveMember(tx, m.id, [name], {
      now,
      set: { chargeAmount: amountReceived, failureReason: null, ...extra.set },
      payload: {
        amount: amountReceived,
        unitPrice: Math.min(g.finalUnitPrice ?? m.unitPriceAtJoin, m.unitPriceAtJoin),
        quantity: m.quantity,
        shipping: m.shippingAmount,
        currency: g.currency,
        ...(plan.reward > 0 ? { reward: plan.reward } : {}),
        ...extra.payload,
      },
    });
    await recordChargeSplit(tx, m, g, plan, now);
  });
}

/** Moves an authorized member once; nothing moves when a webhook got there first (it wrote the event). */
export async function moveOnce(
  deps: Deps,
  memberId: string,
  name: 'capture' | 'release' | 'captureFailed' | 'chargeDue',
  rest: { set?: MoveFields; payload: Record<string, unknown> },
): Promise<void> {
  await deps.db.transaction((tx) => moveMember(tx, memberId, [name], { now: deps.now(), ...rest }));
}

/** A release refused for good: the member is failed with the processor's reason. */
export async function markFailed(
  deps: Deps,
  memberId: string,
  g: GroupRef,
  failure: PaymentFailure,
): Promise<'failed'> {
  await moveOnce(deps, memberId, 'captureFailed', {
    set: { failureReason: failure.message },
    payload: { code: failure.code, declineCode: failure.declineCode, reason: failure.message },
  });
  await finishCloseIfSettled(deps, g.id);
  return 'failed';
}
