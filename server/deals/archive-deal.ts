import type { Deps } from '@/server/deps';
import type { MerchantDeal } from './merchant-deal-view';
import { transitionDeal } from './transition-deal';

/** Archives a deal for good; refused while any of its groups is still open or closing. */
export function archiveDeal(deps: Deps, merchantId: string, dealId: string): Promise<MerchantDeal> {
  return transitionDeal(deps, merchantId, dealId, {
    to: 'archived',
    from: ['draft', 'active', 'paused'],
    event: 'deal.archived',
    refusal: () => 'deal.alreadyArchived',
    guard: ({ open }) => (open > 0 ? { key: 'deal.openGroupsNoArchive', values: { count: open } } : null),
  });
}
