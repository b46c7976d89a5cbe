import type { Deps } from '@/server/deps';
import type { MerchantDeal } from './merchant-deal-view';
import { transitionDeal } from './transition-deal';

/** Pauses a live deal: groups already open keep running, but no new group can be opened. */
export function pauseDeal(deps: Deps, merchantId: string, dealId: string): Promise<MerchantDeal> {
  return transitionDeal(deps, merchantId, dealId, {
    to: 'paused',
    from: ['active'],
    event: 'deal.paused',
    refusal: (status) => (status === 'draft' ? 'deal.notPublishedNoPause' : 'deal.archivedNoPause'),
  });
}
