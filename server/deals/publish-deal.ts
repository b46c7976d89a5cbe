import type { Deps } from '@/server/deps';
import type { MerchantDeal } from './merchant-deal-view';
import { transitionDeal } from './transition-deal';

/** Puts a draft or paused deal live (active), so shoppers can open groups on it. */
export function publishDeal(deps: Deps, merchantId: string, dealId: string): Promise<MerchantDeal> {
  return transitionDeal(deps, merchantId, dealId, {
    to: 'active',
    from: ['draft', 'paused'],
    event: 'deal.published',
    refusal: () => 'deal.archivedNoPublish',
  });
}
