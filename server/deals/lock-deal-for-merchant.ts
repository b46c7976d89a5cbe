import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals } from '@/db/schema';
import { DomainError } from '@/server/errors';

export type DealRow = typeof deals.$inferSelect;

/**
 * Loads and row-locks a merchant's deal inside a transaction, or throws NOT_FOUND. Another merchant's
 * deal is "not found" too, so a stranger cannot learn that it exists.
 */
export async function lockDealForMerchantOrThrow(
  tx: Tx,
  merchantId: string,
  dealId: string,
): Promise<DealRow> {
  // FOR UPDATE also makes a concurrent group insert wait (its foreign-key check takes KEY SHARE on this
  // row), so "no group is open" holds until commit. openGroup's own read of the deal takes no lock: it can
  // still see the terms from before our change (server/deals/README.md, Concurrency).
  const [deal] = await tx
    .select()
    .from(deals)
    .where(and(eq(deals.id, dealId), eq(deals.merchantId, merchantId)))
    .for('update');
  if (!deal) throw new DomainError('NOT_FOUND', 'deal.notFoundMerchant');
  return deal;
}
