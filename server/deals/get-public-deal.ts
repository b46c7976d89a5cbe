import { and, eq, inArray } from 'drizzle-orm';
import { deals, merchants } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { ladder, savings, type LadderStep, type Tier } from '@/server/pricing';
import type { Locale } from '@/i18n/locales';
import { countDealGroups } from './count-deal-groups';
import { dealContentFor } from './deal-content';
import { isSlugShaped } from './make-slug';
import { publicFulfilment } from './fulfilment-input';
import type { FulfilmentOptions } from '@/db/schema/fulfilment-options';
import { shopProfileColumns, type ShopProfile } from '@/db/schema/shop-profile';
import type { OpenerReward } from '@/db/schema/deals';

/** What anyone may see of a live deal: no merchant ids, no stock counters, no internal settings. */
export type PublicDeal = {
  id: string;
  slug: string;
  /** In the reader's language when the merchant wrote one, else in the deal's own (the *Locale fields say). */
  title: string;
  description: string;
  titleLocale: Locale;
  descriptionLocale: Locale;
  imageUrl: string | null;
  currency: string;
  listPrice: number;
  tiers: Tier[];
  ladder: LadderStep[];
  /** The group's minimum: how many confirmed members it takes for a group to tip. */
  minMembers: number;
  maxMembers: number;
  perBuyerMax: number;
  windowSeconds: number;
  status: 'active' | 'paused';
  /** New groups can be opened (active). A paused deal's open groups still take joins. */
  acceptingNewGroups: boolean;
  /** Units still available across all groups, or null when unlimited. */
  stockLeft: number | null;
  /** The best price and its saving against the list price. */
  bestPrice: number;
  bestSavings: { amount: number; percent: number };
  openGroups: number;
  /** Who sells: the shop's public profile (trust on every deal page). */
  merchant: ShopProfile;
  /** How the goods reach buyers: shipping, pickup points, voucher (the merchant's public offer). */
  fulfilment: FulfilmentOptions;
  /** What the shopper who opens a group gets if it wins with enough members, or null (issue 18). */
  openerReward: OpenerReward | null;
  /** The commission a member earns on a friend their invite link brought (basis points; 0 = none), and its wait. */
  commission: { bps: number; holdDays: number };
};

/**
 * A live (active or paused) deal by its slug, with its price ladder and its words for a reader in `locale`;
 * NOT_FOUND for drafts, archived or unknown slugs.
 */
export async function getPublicDealBySlugOrThrow(
  deps: Deps,
  slug: string,
  locale: Locale,
): Promise<PublicDeal> {
  if (!isSlugShaped(slug)) throw new DomainError('NOT_FOUND', 'deal.notAvailable');
  const [row] = await deps.db
    .select({
      deal: deals,
      merchant: shopProfileColumns,
    })
    .from(deals)
    .innerJoin(merchants, eq(merchants.id, deals.merchantId))
    .where(and(eq(deals.slug, slug), inArray(deals.status, ['active', 'paused'])));
  if (!row) throw new DomainError('NOT_FOUND', 'deal.notAvailable');
  const { deal } = row;
  const status = deal.status === 'active' ? 'active' : 'paused';
  const first = deal.tiers[0];
  const last = deal.tiers[deal.tiers.length - 1];
  if (!first || !last) throw new Error(`deal ${deal.id} has no tiers`);
  const counts = (await countDealGroups(deps.db, [deal.id])).get(deal.id);
  return {
    id: deal.id,
    slug: deal.slug,
    ...dealContentFor(deal, locale),
    imageUrl: deal.imageUrl,
    currency: deal.currency,
    listPrice: deal.listPrice,
    tiers: deal.tiers,
    ladder: ladder(deal.tiers, 0),
    minMembers: first.minMembers,
    maxMembers: deal.maxMembers,
    perBuyerMax: deal.perBuyerMax,
    windowSeconds: deal.windowSeconds,
    status,
    acceptingNewGroups: status === 'active',
    stockLeft: deal.stock === null ? null : Math.max(0, deal.stock - deal.stockTaken),
    bestPrice: last.unitPrice,
    bestSavings: savings(deal.listPrice, last.unitPrice),
    openGroups: counts?.open ?? 0,
    merchant: row.merchant,
    fulfilment: publicFulfilment(deal.fulfilment),
    openerReward: deal.openerReward,
    commission: { bps: deal.commissionBps, holdDays: deal.commissionHoldDays },
  };
}
