import type { DealGroupCounts } from './count-deal-groups';
import type { DealRow } from './lock-deal-for-merchant';

/** What the merchant console sees of one of its deals. */
export type MerchantDeal = Omit<DealRow, 'merchantId'> & {
  groups: DealGroupCounts;
  /** A group is open or closing, so the terms (tiers, prices, window, limits) cannot change now. */
  termsLocked: boolean;
};

/** Shapes a deal row and its group counts for the merchant console. */
export function merchantDealView(row: DealRow, counts: DealGroupCounts | undefined): MerchantDeal {
  const deal: Omit<DealRow, 'merchantId'> & { merchantId?: string } = { ...row };
  delete deal.merchantId;
  const groups = counts ?? { open: 0, won: 0, failed: 0 };
  return { ...deal, groups, termsLocked: groups.open > 0 };
}
