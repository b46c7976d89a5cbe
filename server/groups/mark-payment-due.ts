// A won group's charge for a member was refused for good (a hold's capture, a saved card's off-session
// charge, or a hold Stripe canceled after close): the member owes the payment instead of failing at once.
// Decisions in server/groups/RECOVERY.md. Edit when what a payment due plans changes.
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, groups, members, merchants } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { addJob } from '@/server/jobs/add-job';
import { recoveryLapseJobKey, recoveryRetryJobKey } from '@/server/jobs/job-keys';
import { planNotifications, type PlannedNotification } from '@/server/notifications/plan-notifications';
import type { PaymentFailure } from '@/server/payments/port';
import { amountDue } from '@/server/recovery/amount-due';
import { failureReasonKey, isSoftDecline } from '@/server/recovery/decline-codes';
import { finishCloseIfSettled } from './finish-close';
import { moveMember } from './move-member';
import type { GroupRef } from './settle-member';

const DAY_MS = 24 * 3600 * 1000;

/**
 * A won group's charge for this member was refused for good: moves the member authorized → payment_due
 * (chargeDue) with a fix window, plans the "fix your payment" message and the lapse (and, for a soft
 * decline of a saved card, one automatic retry a day later), then finishes the close if it was the last.
 */
export async function markPaymentDue(
  deps: Deps,
  memberId: string,
  g: GroupRef,
  failure: PaymentFailure,
): Promise<'payment_due'> {
  const due = await deps.db.transaction((tx) => markPaymentDueTx(tx, memberId, failure, deps.now()));
  await finishCloseIfSettled(deps, g.id);
  if (due) await releaseLeftoverHold(deps, memberId);
  return 'payment_due';
}

/**
 * markPaymentDue inside the caller's transaction (the payment webhooks); the caller finishes the close
 * after commit. Returns false when the member was no longer authorized in a settling group (nothing written).
 */
export async function markPaymentDueTx(
  tx: Tx,
  memberId: string,
  failure: PaymentFailure,
  now: Date,
): Promise<boolean> {
  const [shop] = await tx
    .select({ days: merchants.paymentFixDays })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .innerJoin(merchants, eq(merchants.id, deals.merchantId))
    .where(eq(members.id, memberId));
  const dueUntil = new Date(now.getTime() + (shop?.days ?? 7) * DAY_MS);
  const moved = await moveMember(tx, memberId, ['chargeDue'], {
    now,
    set: { failureReason: failure.message, dueUntil, fixPaymentIntentId: null },
    payload: { code: failure.code, declineCode: failure.declineCode, reason: failure.message, dueUntil },
  });
  if (!moved) return false;
  const m = moved.member;

  const base = { userId: m.userId, locale: m.locale, groupId: m.groupId, memberId: m.id };
  const due = moved.group.finalUnitPrice === null ? null : amountDue(moved.group.finalUnitPrice, m);
  const plans: PlannedNotification[] = [
    {
      ...base,
      moment: 'paymentDue',
      subject: 'due',
      payload: { reason: failureReasonKey(failure), amountDue: due },
    },
  ];
  // Reminders are nudges planned ahead: dropped when no longer true (still-true.ts), held through quiet hours.
  const firstReminder = new Date(now.getTime() + DAY_MS);
  const lastReminder = new Date(dueUntil.getTime() - DAY_MS);
  if (firstReminder < dueUntil)
    plans.push({
      ...base,
      moment: 'paymentDueReminder',
      subject: 'day1',
      sendAfter: firstReminder,
      payload: { amountDue: due },
    });
  if (lastReminder.getTime() - firstReminder.getTime() >= 12 * 3600 * 1000)
    plans.push({
      ...base,
      moment: 'paymentDueReminder',
      subject: 'last',
      sendAfter: lastReminder,
      payload: { amountDue: due },
    });
  await planNotifications(tx, plans, now);

  await addJob(
    tx,
    'recovery-lapse',
    { memberId },
    { jobKey: recoveryLapseJobKey(memberId), runAt: dueUntil },
  );
  // One automatic retry, only when the card can be charged again without the buyer.
  if (isSoftDecline(failure) && m.paymentKind === 'saved_card' && m.stripeCustomerId && m.paymentMethodId)
    await addJob(
      tx,
      'recovery-retry',
      { memberId },
      { jobKey: recoveryRetryJobKey(memberId), runAt: new Date(now.getTime() + DAY_MS) },
    );
  return true;
}

/**
 * A hold whose capture was refused may still hold the buyer's money (Stripe keeps it until it expires):
 * it is released so the buyer is not held and asked to pay at once. Best effort; it lapses on its own.
 */
async function releaseLeftoverHold(deps: Deps, memberId: string): Promise<void> {
  const [m] = await deps.db
    .select({ kind: members.paymentKind, pi: members.paymentIntentId })
    .from(members)
    .where(eq(members.id, memberId));
  if (!m?.pi || m.kind !== 'hold') return;
  try {
    const hold = await deps.payments.retrieve(m.pi);
    if (hold.status === 'authorized')
      await deps.payments.release({ memberId, paymentIntentId: m.pi, reason: 'abandoned' });
  } catch {
    // The processor is unreachable: the hold expires by itself within days.
  }
}
