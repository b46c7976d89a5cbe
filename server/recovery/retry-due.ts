// The one automatic retry of a soft-declined saved card, a day after the refusal (RECOVERY.md): charged
// off-session once (key charge:<memberId>:retry). Paid: the member is charged and gets the usual receipt.
// Refused again: nothing changes, the member stays due and the reminders go on.
import { eq } from 'drizzle-orm';
import { groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { RetryableSettleError } from '@/server/groups/settle-member';
import { recordEvent } from '@/server/events/record-event';
import { amountDue, dueDestination } from './amount-due';
import { withRecoveryLock } from './recovery-lock';
import { recordDuePaid } from './record-due-paid';

export type RetryResult = 'paid' | 'still_due' | 'nothing_to_do';

/** Charges member `memberId`'s saved card again, once. */
export async function retryDue(deps: Deps, memberId: string): Promise<RetryResult> {
  return withRecoveryLock(deps, memberId, async (tx) => {
    const [row] = await tx
      .select({ m: members, g: groups })
      .from(members)
      .innerJoin(groups, eq(groups.id, members.groupId))
      .where(eq(members.id, memberId));
    if (!row || row.m.status !== 'payment_due') return 'nothing_to_do';
    const { m, g } = row;
    const now = deps.now();
    if (!m.stripeCustomerId || !m.paymentMethodId || g.finalUnitPrice === null) return 'nothing_to_do';
    if (m.dueUntil && m.dueUntil.getTime() <= now.getTime()) return 'nothing_to_do';
    const r = await deps.payments.chargeSaved({
      key: `${memberId}:retry`,
      memberId,
      customerId: m.stripeCustomerId,
      paymentMethodId: m.paymentMethodId,
      amount: amountDue(g.finalUnitPrice, m),
      currency: g.currency,
      description: 'Flock: automatic retry of a payment due',
      metadata: { group_id: g.id, purpose: 'retry_payment' },
      destination: dueDestination(m),
    });
    if (r.ok && r.hold.status === 'captured') {
      await recordDuePaid(tx, memberId, r.hold, g.currency, now, 'retry');
      return 'paid';
    }
    if (!r.ok && r.retryable) throw new RetryableSettleError(r.failure);
    await recordEvent(tx, {
      type: 'member.retry_failed',
      dealId: g.dealId,
      groupId: g.id,
      memberId,
      payload: r.ok
        ? { status: r.hold.status }
        : { code: r.failure.code, declineCode: r.failure.declineCode },
    });
    return 'still_due';
  });
}
