// At the end of a member's fix window: a fix paid meanwhile is recorded; otherwise the fix's PaymentIntent
// is canceled (nothing can be charged after this) and the member fails (dueLapsed, units back to stock),
// and the buyer (receipt) and the shop (notice, with the reason) are told. Exactly once: the job key, the
// recovery lock and the move's status guard.
import { and, desc, eq } from 'drizzle-orm';
import { deals, events, groups, members, merchants, notificationSettings } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { moveMember } from '@/server/groups/move-member';
import { planNotifications } from '@/server/notifications/plan-notifications';
import { RetryableSettleError } from '@/server/groups/settle-member';
import { amountDue } from './amount-due';
import { failureReasonKey } from './decline-codes';
import { withRecoveryLock } from './recovery-lock';
import { forgetSavedCardLater, recordDuePaid } from './record-due-paid';

export type LapseResult = 'paid' | 'lapsed' | 'not_yet' | 'nothing_to_do';

/** Ends member `memberId`'s payment due if its window is over. */
export async function lapseDue(deps: Deps, memberId: string): Promise<LapseResult> {
  return withRecoveryLock(deps, memberId, async (tx) => {
    const [row] = await tx
      .select({
        m: members,
        g: { currency: groups.currency, dealId: groups.dealId, finalUnitPrice: groups.finalUnitPrice },
      })
      .from(members)
      .innerJoin(groups, eq(groups.id, members.groupId))
      .where(eq(members.id, memberId));
    if (!row || row.m.status !== 'payment_due') return 'nothing_to_do';
    const { m, g } = row;
    const now = deps.now();
    if (m.dueUntil && m.dueUntil.getTime() > now.getTime() + 1000) return 'not_yet';
    if (m.fixPaymentIntentId) {
      const hold = await deps.payments.retrieve(m.fixPaymentIntentId);
      if (hold.status === 'captured') {
        await recordDuePaid(tx, memberId, hold, g.currency, now, 'lapse');
        return 'paid';
      }
      const c = await deps.payments.cancelPayment(m.fixPaymentIntentId);
      if (!c.ok) {
        // Paid at the last moment (the cancel found it succeeded): Stripe is the truth.
        const after = await deps.payments.retrieve(m.fixPaymentIntentId);
        if (after.status === 'captured') {
          await recordDuePaid(tx, memberId, after, g.currency, now, 'lapse');
          return 'paid';
        }
        if (c.retryable) throw new RetryableSettleError(c.failure);
      }
    }
    const moved = await moveMember(tx, memberId, ['dueLapsed'], {
      now,
      set: { dueUntil: m.dueUntil },
      payload: { code: 'payment_due_lapsed', reason: m.failureReason, dueUntil: m.dueUntil },
    });
    if (!moved) return 'nothing_to_do';
    await forgetSavedCardLater(tx, moved.member);
    const owed = g.finalUnitPrice === null ? null : amountDue(g.finalUnitPrice, m);
    const [due] = await tx
      .select({ payload: events.payload })
      .from(events)
      .where(and(eq(events.memberId, memberId), eq(events.type, 'member.payment_due')))
      .orderBy(desc(events.id))
      .limit(1);
    const reasonKey = failureReasonKey({
      code: typeof due?.payload['code'] === 'string' ? due.payload['code'] : null,
      declineCode: typeof due?.payload['declineCode'] === 'string' ? due.payload['declineCode'] : null,
    });
    const [shop] = await tx
      .select({ merchantId: merchants.id, userId: merchants.userId, locale: notificationSettings.locale })
      .from(deals)
      .innerJoin(merchants, eq(merchants.id, deals.merchantId))
      .leftJoin(notificationSettings, eq(notificationSettings.userId, merchants.userId))
      .where(eq(deals.id, g.dealId));
    await planNotifications(
      tx,
      [
        {
          userId: m.userId,
          locale: m.locale,
          moment: 'paymentLapsed',
          groupId: m.groupId,
          memberId,
          subject: 'lapsed',
          payload: { amountDue: owed },
        },
        ...(shop
          ? [
              {
                userId: shop.userId,
                locale: shop.locale ?? 'en',
                moment: 'merchantPaymentLapsed' as const,
                groupId: m.groupId,
                memberId,
                merchantId: shop.merchantId,
                subject: memberId,
                payload: { reason: reasonKey, amountDue: owed, alias: m.alias },
              },
            ]
          : []),
      ],
      now,
    );
    return 'lapsed';
  });
}
