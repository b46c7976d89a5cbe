// Hold and confirm: the card hold is placed OUTSIDE any transaction (a slow processor never holds a row
// lock), then its outcome is applied in a short transaction. Compensation sits beside each side effect:
// a hold that can no longer count (member expired, group closed) is released at once.
import { and, eq, isNull } from 'drizzle-orm';
import { members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { declineKey } from './decline-refusal';
import { recordEvent } from '@/server/events/record-event';
import type { HoldState, PaymentFailure } from '@/server/payments/port';
import { confirmAuthorized, type HoldContext, type Member } from './group-ledger';
import type { GroupProgress } from './group-progress';
import { moveMember } from './move-member';

/** What the client does next: 3-D Secure, enter a card with Stripe.js, or show a wallet's QR code to scan (pay-now.ts). */
export type NextAction = 'authenticate' | 'confirm_payment' | 'scan_qr' | null;

/** The member after the hold, and the group's progress when the ledger answered (null when it was not asked). */
export type HoldOutcome = {
  member: Member;
  nextAction: NextAction;
  clientSecret: string | null;
  progress: GroupProgress | null;
  /** A wallet's QR code to scan (nextAction 'scan_qr'). */
  walletQr?: HoldState['walletQr'];
};

const UNAVAILABLE = 'payment.unavailable';

// Failures that say nothing about the card: the outcome is unknown or the processor is busy. The
// reservation stays (it expires on its own) and a retry with the same idempotency key resumes it.
const TRANSIENT = new Set([
  'network_error',
  'api_error',
  'rate_limit',
  'lock_timeout',
  'idempotency_key_in_use',
  'StripeConnectionError',
  'StripeAPIError',
  'StripeRateLimitError',
]);

export function isTransient(f: PaymentFailure): boolean {
  return TRANSIENT.has(f.code);
}

/** A failure that says nothing about the card (saving a card, paying now): the reservation stays. */
export const isTransientFailure = isTransient;

// In-process de-duplication: concurrent retries of one join share one hold attempt (across processes the
// processor's idempotency key hold:<memberId> does the same).
const inflight = new Map<string, Promise<HoldOutcome>>();

/** Places (or resumes) the card hold of a reserved member and applies its outcome. */
export function placeHold(
  deps: Deps,
  member: Member,
  ctx: HoldContext,
  paymentMethod?: string,
): Promise<HoldOutcome> {
  const running = inflight.get(member.id);
  if (running) return running;
  const p = placeAndApply(deps, member, ctx, paymentMethod).finally(() => inflight.delete(member.id));
  inflight.set(member.id, p);
  return p;
}

async function placeAndApply(
  deps: Deps,
  member: Member,
  ctx: HoldContext,
  paymentMethod?: string,
): Promise<HoldOutcome> {
  if (member.paymentIntentId) {
    return applyHoldState(deps, member, await retrieveOrThrow(deps, member.paymentIntentId), 'join');
  }
  const r = await deps.payments.authorize({
    memberId: member.id,
    amount: member.holdAmount,
    currency: ctx.currency,
    paymentMethod,
    description: `${ctx.title} (group ${ctx.code})`,
    metadata: { group_id: member.groupId, member_id: member.id, deal_id: ctx.dealId },
    // The application fee is set at capture, once the group's price (and any reward) is known.
    destination: member.destinationAccountId
      ? { account: member.destinationAccountId, transferGroup: member.groupId }
      : null,
  });
  if (r.ok) return applyHoldState(deps, member, r.hold, 'join');
  if (isTransient(r.failure)) {
    if (r.paymentIntentId) await rememberPaymentIntent(deps, member, r.paymentIntentId);
    throw new DomainError('PAYMENT_UNAVAILABLE', UNAVAILABLE);
  }
  await declineMember(deps, member.id, r.failure.message);
  throw new DomainError('PAYMENT_DECLINED', declineKey(r.failure));
}

export async function retrieveOrThrow(deps: Deps, paymentIntentId: string): Promise<HoldState> {
  try {
    return await deps.payments.retrieve(paymentIntentId);
  } catch {
    throw new DomainError('PAYMENT_UNAVAILABLE', UNAVAILABLE);
  }
}

/**
 * Applies what the processor says about a member's hold: authorized → confirmed (counts toward the tier);
 * authentication or card entry pending → stays reserved with the client secret; canceled, or (when verifying
 * after the buyer's client-side attempt) still without a payment method → declined, seat freed.
 */
export async function applyHoldState(
  deps: Deps,
  member: Member,
  hold: HoldState,
  mode: 'join' | 'verify',
): Promise<HoldOutcome> {
  switch (hold.status) {
    case 'authorized': {
      const c = await confirmAuthorized(
        deps,
        member.groupId,
        member.id,
        hold.paymentIntentId,
        hold.captureBefore,
      );
      if (c.kind === 'authorized')
        return { member: c.member, nextAction: null, clientSecret: null, progress: c.progress };
      // Too late to count: give the money back before telling the buyer.
      await releaseHold(deps, member.id, hold.paymentIntentId);
      await deps.db.transaction((tx) =>
        moveMember(tx, member.id, ['expire'], {
          now: deps.now(),
          set: { failureReason: 'The group closed before the card hold was confirmed.' },
          payload: { reason: 'The group closed before the card hold was confirmed.' },
        }),
      );
      throw new DomainError(
        'GROUP_CLOSED',
        c.kind === 'group_closed' ? 'group.closedBeforeHold' : 'group.seatReleasedBeforeHold',
      );
    }
    case 'requires_action':
    case 'processing':
      await rememberPaymentIntent(deps, member, hold.paymentIntentId);
      return {
        member: { ...member, paymentIntentId: hold.paymentIntentId },
        nextAction: hold.status === 'requires_action' ? 'authenticate' : null,
        clientSecret: hold.clientSecret,
        progress: null,
      };
    case 'requires_payment_method':
      if (mode === 'join') {
        await rememberPaymentIntent(deps, member, hold.paymentIntentId);
        return {
          member: { ...member, paymentIntentId: hold.paymentIntentId },
          nextAction: 'confirm_payment',
          clientSecret: hold.clientSecret,
          progress: null,
        };
      }
      await declineMember(deps, member.id, 'Your card could not be authorized. Try another card.');
      throw new DomainError('PAYMENT_DECLINED', 'payment.notAuthorized');
    case 'canceled':
      await declineMember(deps, member.id, 'The card hold was canceled. Please join again.');
      throw new DomainError('PAYMENT_DECLINED', 'payment.holdCanceled');
    case 'captured':
      throw new DomainError('CONFLICT', 'payment.alreadyTaken');
  }
}

/** Cancels a hold; "already canceled" counts as success. Throws PAYMENT_UNAVAILABLE when the processor cannot be reached. */
export async function releaseHold(deps: Deps, memberId: string, paymentIntentId: string): Promise<void> {
  const r = await deps.payments.release({ memberId, paymentIntentId, reason: 'abandoned' });
  if (!r.ok && r.retryable) throw new DomainError('PAYMENT_UNAVAILABLE', UNAVAILABLE);
}

export async function rememberPaymentIntent(
  deps: Deps,
  member: Member,
  paymentIntentId: string,
): Promise<void> {
  if (member.paymentIntentId === paymentIntentId) return;
  await deps.db.transaction(async (tx) => {
    const [m] = await tx
      .update(members)
      .set({ paymentIntentId, updatedAt: deps.now() })
      .where(and(eq(members.id, member.id), isNull(members.paymentIntentId)))
      .returning({ id: members.id });
    if (m) {
      await recordEvent(tx, {
        type: 'member.hold_pending',
        dealId: null,
        groupId: member.groupId,
        memberId: member.id,
        payload: { alias: member.alias },
      });
    }
  });
}

export async function declineMember(deps: Deps, memberId: string, reason: string): Promise<void> {
  await deps.db.transaction((tx) =>
    moveMember(tx, memberId, ['decline'], {
      now: deps.now(),
      set: { failureReason: reason },
      payload: { reason },
    }),
  );
}
