import type { Deps } from '@/server/deps';
import type { MerchantDeal } from './merchant-deal-view';
import { transitionDeal } from './transition-deal';

/** Archives a deal for good; refused while any of its groups is still open or closing. */
export function archiveDeal(deps: Deps, merchantId: string, dealId: string): Promise<MerchantDeal> {
  return transitionDeal(deps, merchantId, dealId, {
    to: 'archived',
    from: ['draft', 'active', 'paused'],
    event: 'deal.archived',
    refusal: () => 'This deal is already archived.',
    guard: ({ open }) =>
      open > 0
        ? `This deal still has ${open} open ${open === 1 ? 'group' : 'groups'}. Pause it to stop new groups, then archive it once they have closed.`
        : null,
  });
}
