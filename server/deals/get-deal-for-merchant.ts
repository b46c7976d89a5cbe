import { and, eq } from 'drizzle-orm';
import { deals } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { ladder, type LadderStep } from '@/server/pricing';
import { countDealGroups } from './count-deal-groups';
import { merchantDealView, type MerchantDeal } from './merchant-deal-view';

export type MerchantDealDetail = MerchantDeal & { ladder: LadderStep[] };

/** One of the merchant's own deals with its price ladder and group counts; NOT_FOUND for anyone else's. */
export async function getDealForMerchantOrThrow(
  deps: Deps,
  merchantId: string,
  dealId: string,
): Promise<MerchantDealDetail> {
  const [row] = await deps.db
    .select()
    .from(deals)
    .where(and(eq(deals.id, dealId), eq(deals.merchantId, merchantId)));
  // Same answer whether the deal does not exist or belongs to another merchant: existence is not revealed.
  if (!row) throw new DomainError('NOT_FOUND', 'deal.notFoundMerchant');
  const counts = (await countDealGroups(deps.db, [row.id])).get(row.id);
  return { ...merchantDealView(row, counts), ladder: ladder(row.tiers, 0) };
}
