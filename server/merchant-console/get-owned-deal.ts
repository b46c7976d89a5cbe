import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals } from '@/db/schema';
import { DomainError } from '@/server/errors';

export type OwnedDeal = typeof deals.$inferSelect;

/** The merchant's own deal, or NOT_FOUND (also for another merchant's deal, so its existence is not revealed). */
export async function getOwnedDealOrThrow(db: Tx, merchantId: string, dealId: string): Promise<OwnedDeal> {
  const [deal] = await db
    .select()
    .from(deals)
    .where(and(eq(deals.id, dealId), eq(deals.merchantId, merchantId)));
  if (!deal) throw new DomainError('NOT_FOUND', 'deal.notFoundMerchant');
  return deal;
}
