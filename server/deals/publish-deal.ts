import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { canTakePayments, findAccount } from '@/server/payouts/accounts';
import { publishIssues } from './fulfilment-input';
import type { MerchantDeal } from './merchant-deal-view';
import { transitionDeal } from './transition-deal';

/**
 * Puts a draft or paused deal live (active), so shoppers can open groups on it: only once the shop can be
 * paid (a connected Stripe account that takes card payments), with a way for buyers to
 * get their order (a fulfilment option) and a voucher, if any, still valid when a group opened now closes.
 */
export async function publishDeal(deps: Deps, merchantId: string, dealId: string): Promise<MerchantDeal> {
  // Buyers' payments must have somewhere to go: the shop's Stripe account, able to take card payments.
  if (!canTakePayments(await findAccount(deps.db, { kind: 'merchant', merchantId }))) {
    throw new DomainError('CONFLICT', 'deal.connectFirst');
  }
  return transitionDeal(deps, merchantId, dealId, {
    to: 'active',
    from: ['draft', 'paused'],
    event: 'deal.published',
    refusal: () => 'deal.archivedNoPublish',
    ready: (deal, now) => publishIssues(deal.fulfilment, deal.windowSeconds, now),
  });
}
