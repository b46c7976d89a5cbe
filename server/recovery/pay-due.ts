// The buyer pays a payment due through the signed link, on-session with a card of their choice (3-D Secure
// handled by the client). Under the member's recovery lock: the link and the member are checked, the fix's
// PaymentIntent is created once (key pay:<memberId>:fix) and confirmed again with each new card, and a
// captured payment moves the member to captured at once. Attempts are rate-limited per member.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { events, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';
import type { HoldState } from '@/server/payments/port';
import { dueDestination } from './amount-due';
import { failureReasonKey, type FailureReasonKey } from './decline-codes';
import { loadDue, type DuePage } from './get-due-page';
import { withRecoveryLock } from './recovery-lock';
import { recordDuePaid } from './record-due-paid';

/** Card attempts one member may make per hour (a card-testing brake; a person needs a handful). */
export const FIX_ATTEMPTS_PER_HOUR = 10;

export type PayDueResult =
  | { status: 'paid'; amount: number }
  /** Stripe.js must confirm (a real key) or the bank asks the buyer to authenticate (3-D Secure). */
  | {
      status: 'requires_action' | 'requires_confirmation';
      clientSecret: string | null;
      paymentIntentId: string;
    }
  | { status: 'declined'; reason: FailureReasonKey }
  | { status: 'processing' }
  | { status: 'rate_limited' }
  | { status: 'unavailable' }
  | { status: 'closed'; page: Exclude<DuePage['state'], 'due'> };

/** Pays the payment due the link `token` names, with `paymentMethod` (demo test cards) or by Stripe.js. */
export async function payDue(
  deps: Deps,
  input: { token: string; paymentMethod?: string },
): Promise<PayDueResult> {
  const now = deps.now();
  const page = await loadDue(deps.db, input.token, now, 'en');
  if (page.state !== 'due') return { status: 'closed', page: page.state };
  const memberId = page.facts.memberId;
  const result = await withRecoveryLock(deps, memberId, async (tx): Promise<PayDueResult> => {
    // Checked again under the lock: a lapse or another tab may have ended it meanwhile.
    const again = await loadDue(tx, input.token, deps.now(), 'en');
    if (again.state !== 'due') return { status: 'closed', page: again.state };
    const [m] = await tx.select().from(members).where(eq(members.id, memberId));
    if (!m) return { status: 'closed', page: 'invalid' };
    // Counted on the database's clock, the one that stamps the attempts.
    const [tries] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(events)
      .where(
        and(
          eq(events.memberId, memberId),
          eq(events.type, 'member.fix_attempt'),
          sql`${events.createdAt} > now() - interval '1 hour'`,
        ),
      );
    if ((tries?.n ?? 0) >= FIX_ATTEMPTS_PER_HOUR) return { status: 'rate_limited' };

    const r = await deps.payments.pay({
      key: `${memberId}:fix`,
      memberId,
      amount: again.facts.amountDue,
      currency: again.facts.currency,
      method: 'card',
      paymentMethod: input.paymentMethod,
      description: `Flock: ${again.facts.title}`,
      metadata: { group_code: again.facts.groupCode, purpose: 'fix_payment' },
      paymentIntentId: m.fixPaymentIntentId,
      destination: dueDestination(m),
    });
    const piId = r.ok ? r.hold.paymentIntentId : r.paymentIntentId;
    if (piId && piId !== m.fixPaymentIntentId)
      await tx
        .update(members)
        .set({ fixPaymentIntentId: piId, updatedAt: now })
        .where(eq(members.id, memberId));
    await recordEvent(tx, {
      type: 'member.fix_attempt',
      groupId: m.groupId,
      memberId,
      payload: r.ok
        ? { status: r.hold.status, paymentIntentId: piId }
        : { code: r.failure.code, declineCode: r.failure.declineCode, paymentIntentId: piId },
    });
    if (!r.ok) {
      if (['rate_limit', 'api_error', 'api_connection_error', 'lock_timeout'].includes(r.failure.code))
        return { status: 'unavailable' };
      return { status: 'declined', reason: failureReasonKey(r.failure) };
    }
    return afterPayment(tx, memberId, r.hold, again.facts.currency, deps.now());
  });
  return result;
}

/** What a fix PaymentIntent's state means for the member: paid (moved), still to confirm, or refused. */
export async function afterPayment(
  tx: Tx,
  memberId: string,
  hold: HoldState,
  currency: string,
  now: Date,
): Promise<PayDueResult> {
  switch (hold.status) {
    case 'captured':
      await recordDuePaid(tx, memberId, hold, currency, now, 'fix');
      return { status: 'paid', amount: hold.amountReceived };
    case 'requires_action':
      return {
        status: 'requires_action',
        clientSecret: hold.clientSecret,
        paymentIntentId: hold.paymentIntentId,
      };
    case 'requires_payment_method':
      // Created without a card (Stripe.js confirms it in the browser), or the last card was refused.
      return {
        status: 'requires_confirmation',
        clientSecret: hold.clientSecret,
        paymentIntentId: hold.paymentIntentId,
      };
    case 'processing':
      return { status: 'processing' };
    default:
      return { status: 'declined', reason: 'declined' };
  }
}
