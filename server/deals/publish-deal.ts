import type { Deps } from '@/server/deps';
import { publishIssues } from './fulfilment-input';
import type { MerchantDeal } from './merchant-deal-view';
import { transitionDeal } from './transition-deal';

/**
 * Puts a draft or paused deal live (active), so shoppers can open groups on it: only with a way for buyers to
 * get their order (a fulfilment option) and a voucher, if any, still valid when a group opened now closes.
 */
export function publishDeal(deps: Deps, merchantId: string, dealId: string): Promise<MerchantDeal> {
  return transitionDeal(deps, merchantId, dealId, {
    to: 'active',
    from: ['draft', 'paused'],
    event: 'deal.published',
    refusal: () => 'deal.archivedNoPublish',
    ready: (deal, now) => publishIssues(deal.fulfilment, deal.windowSeconds, now),
  });
}
