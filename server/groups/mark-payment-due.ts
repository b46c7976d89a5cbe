// Owned by the fix-your-payment work (issue 16): replaced by the real implementation.
import type { Deps } from '@/server/deps';
import type { PaymentFailure } from '@/server/payments/port';
import type { GroupRef } from './settle-member';

/**
 * A won group's charge for this member was refused for good: moves the member authorized → payment_due
 * (chargeDue) with a fix window, plans the "fix your payment" message and the lapse (and, for a soft
 * decline of a saved card, one automatic retry a day later).
 */
export async function markPaymentDue(
  deps: Deps,
  memberId: string,
  g: GroupRef,
  failure: PaymentFailure,
): Promise<'payment_due'> {
  void deps;
  void memberId;
  void g;
  void failure;
  throw new Error('markPaymentDue: not built yet');
}
