import { desc, eq, sql } from 'drizzle-orm';
import { deals, groups, merchants } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { savings } from '@/server/pricing';

/** A deal card on the home page. */
export type ActiveDealCard = {
  slug: string;
  title: string;
  imageUrl: string | null;
  currency: string;
  listPrice: number;
  /** The price once a group tips (first tier) and the lowest price a full ladder reaches (last tier). */
  firstPrice: number;
  bestPrice: number;
  bestSavingsPercent: number;
  openGroups: number;
  merchantName: string;
};

/** Active deals for the home page, most recently published first. */
export async function listActiveDeals(deps: Deps, opts: { limit?: number } = {}): Promise<ActiveDealCard[]> {
  const openGroups = sql<number>`(select count(*)::int from ${groups} where ${groups.dealId} = ${deals.id} and ${groups.status} in ('open', 'closing'))`;
  const rows = await deps.db
    .select({
      slug: deals.slug,
      title: deals.title,
      imageUrl: deals.imageUrl,
      currency: deals.currency,
      listPrice: deals.listPrice,
      tiers: deals.tiers,
      openGroups,
      merchantName: merchants.name,
    })
    .from(deals)
    .innerJoin(merchants, eq(merchants.id, deals.merchantId))
    .where(eq(deals.status, 'active'))
    .orderBy(sql`${deals.publishedAt} desc nulls last`, desc(deals.createdAt))
    .limit(Math.min(Math.max(opts.limit ?? 24, 1), 100));
  return rows.flatMap(({ tiers, ...r }) => {
    const first = tiers[0];
    const last = tiers[tiers.length - 1];
    if (!first || !last) return [];
    return [
      {
        ...r,
        firstPrice: first.unitPrice,
        bestPrice: last.unitPrice,
        bestSavingsPercent: savings(r.listPrice, last.unitPrice).percent,
      },
    ];
  });
}
