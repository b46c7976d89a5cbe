// Applies Stripe Connect webhook news inside the transaction that records the delivery: an account's
// state, a payout, a commission transfer taken back.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { commissions, payouts } from '@/db/schema';
import type { ConnectEvent, HoldEventResult } from '@/server/payments/hold-event';
import { recordAccountState } from './account-state';

export async function applyConnectEvent(tx: Tx, event: ConnectEvent, now: Date): Promise<HoldEventResult> {
  switch (event.kind) {
    case 'account_updated': {
      const after = await recordAccountState(tx, event.account, now);
      return after
        ? { applied: true, note: 'account updated' }
        : { applied: false, note: 'not one of our accounts' };
    }
    case 'payout': {
      const p = event.payout;
      await tx
        .insert(payouts)
        .values({
          id: p.id,
          accountId: p.accountId,
          amount: p.amount,
          currency: p.currency,
          status: p.status,
          arrivalDate: p.arrivalDate,
          createdAt: p.created,
        })
        .onConflictDoUpdate({
          target: payouts.id,
          set: { status: p.status, arrivalDate: p.arrivalDate, amount: p.amount, updatedAt: now },
        });
      return { applied: true, note: `payout ${p.status}` };
    }
    case 'transfer_reversed': {
      // Only grows to Stripe's total, so order and repeats do not matter.
      const r = await tx
        .update(commissions)
        .set({
          reversedAmount: sql`greatest(${commissions.reversedAmount}, ${event.amountReversed})`,
          updatedAt: now,
        })
        .where(eq(commissions.transferId, event.transferId))
        .returning({ id: commissions.id });
      return {
        applied: r.length > 0,
        note: r.length ? 'commission reversal recorded' : 'not a commission transfer',
      };
    }
  }
}
