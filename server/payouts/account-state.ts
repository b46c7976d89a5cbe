// Stripe's view of a connected account, copied onto its row (on return from onboarding and on every
// account.updated webhook); a helper-seller whose account can now receive transfers gets their waiting
// commissions paid.
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { connectedAccounts, type ConnectedAccountRow } from '@/db/schema';
import type { AccountState } from '@/server/payments/port';
import { canReceiveTransfers } from './account-rules';
import { enqueueSharerCommissions } from './settle-commission';

/** Copies Stripe's view of an account onto its row; answers the row before and after (null when unknown to us). */
export async function applyAccountState(
  db: Tx,
  state: AccountState,
  now: Date,
): Promise<{ before: ConnectedAccountRow; after: ConnectedAccountRow } | null> {
  const [before] = await db.select().from(connectedAccounts).where(eq(connectedAccounts.id, state.accountId));
  if (!before) return null;
  const [after] = await db
    .update(connectedAccounts)
    .set({
      chargesEnabled: state.chargesEnabled,
      payoutsEnabled: state.payoutsEnabled,
      detailsSubmitted: state.detailsSubmitted,
      transfersActive: state.transfersActive,
      requirementsDue: state.requirementsDue,
      updatedAt: now,
    })
    .where(eq(connectedAccounts.id, state.accountId))
    .returning();
  return after ? { before, after } : null;
}

/** Records Stripe's view of an account and pays a helper-seller's waiting commissions once it can receive them. */
export async function recordAccountState(
  tx: Tx,
  state: AccountState,
  now: Date,
): Promise<ConnectedAccountRow | null> {
  const changed = await applyAccountState(tx, state, now);
  if (!changed) return null;
  const { before, after } = changed;
  if (after.userId && canReceiveTransfers(after) && !canReceiveTransfers(before)) {
    await enqueueSharerCommissions(tx, after.userId, now);
  }
  return after;
}
