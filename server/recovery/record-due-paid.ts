// A payment due was paid (the buyer's fix, the automatic retry, or Stripe's webhook saying so): the
// member is charged (duePaid) with what Stripe received on that PaymentIntent, and the lapse and retry
// jobs are removed. Guarded by the member's status: a second report changes nothing.
import type { Tx } from '@/db/client';
import { addJob, removeJob } from '@/server/jobs/add-job';
import { recoveryLapseJobKey, recoveryRetryJobKey, settleMemberJobKey } from '@/server/jobs/job-keys';
import { moveMember } from '@/server/groups/move-member';
import type { HoldState } from '@/server/payments/port';
import { recordDueCommission } from '@/server/payouts/charge-plan';

/** Moves member `memberId` payment_due → captured for `hold`; false when it was not due any more. */
export async function recordDuePaid(
  tx: Tx,
  memberId: string,
  hold: Pick<HoldState, 'paymentIntentId' | 'amountReceived'>,
  currency: string,
  now: Date,
  source: 'fix' | 'retry' | 'webhook' | 'lapse',
): Promise<boolean> {
  const moved = await moveMember(tx, memberId, ['duePaid'], {
    now,
    set: {
      chargeAmount: hold.amountReceived,
      paymentIntentId: hold.paymentIntentId,
      fixPaymentIntentId: hold.paymentIntentId,
      failureReason: null,
    },
    payload: {
      amount: hold.amountReceived,
      currency,
      paymentIntentId: hold.paymentIntentId,
      source,
    },
  });
  if (!moved) return false;
  await recordDueCommission(tx, moved.member, moved.group, now);
  await removeJob(tx, recoveryLapseJobKey(memberId));
  await removeJob(tx, recoveryRetryJobKey(memberId));
  await forgetSavedCardLater(tx, moved.member);
  return true;
}

/**
 * A card saved for this group only is removed once the payment due has ended, paid or lapsed: the settle
 * job detaches it (settle-saved-card.ts), outside this transaction.
 */
export async function forgetSavedCardLater(
  tx: Tx,
  m: { id: string; paymentKind: string; paymentMethodId: string | null },
): Promise<void> {
  if (m.paymentKind !== 'saved_card' || !m.paymentMethodId) return;
  await addJob(tx, 'settle-member', { memberId: m.id }, { jobKey: settleMemberJobKey(m.id) });
}
