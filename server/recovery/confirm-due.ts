// After the browser confirmed the fix (Stripe.js, or the bank's 3-D Secure check): the server reads the
// fix's PaymentIntent from Stripe and moves the member when it was paid. Never trusts the browser's word.
import { eq } from 'drizzle-orm';
import { members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { loadDue } from './get-due-page';
import { afterPayment, type PayDueResult } from './pay-due';
import { withRecoveryLock } from './recovery-lock';

/** Verifies the fix payment of the link `token` and records it when Stripe says it was paid. */
export async function confirmDue(deps: Deps, input: { token: string }): Promise<PayDueResult> {
  const page = await loadDue(deps.db, input.token, deps.now(), 'en');
  if (page.state === 'paid') return { status: 'paid', amount: page.amount };
  if (page.state !== 'due') return { status: 'closed', page: page.state };
  const memberId = page.facts.memberId;
  return withRecoveryLock(deps, memberId, async (tx) => {
    // Read again under the lock: Stripe's webhook (which takes no recovery lock) may have recorded this
    // very payment meanwhile, and a lapse may have ended the window.
    const again = await loadDue(tx, input.token, deps.now(), 'en');
    if (again.state === 'paid') return { status: 'paid', amount: again.amount };
    if (again.state !== 'due') return { status: 'closed', page: again.state };
    const [m] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
    if (m?.status === 'captured') return { status: 'paid', amount: m.chargeAmount ?? 0 };
    if (!m || m.status !== 'payment_due' || !m.fixPaymentIntentId)
      return { status: 'declined', reason: 'declined' };
    const hold = await deps.payments.retrieve(m.fixPaymentIntentId);
    return afterPayment(tx, memberId, hold, page.facts.currency, deps.now());
  });
}
