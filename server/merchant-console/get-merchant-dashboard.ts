import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { deals, groups } from '@/db/schema';
import { countDealGroups, type DealGroupCounts } from '@/server/deals/count-deal-groups';
import type { Deps } from '@/server/deps';
import { summarizeGroups, type GroupSummary } from './group-summary';
import type { DealStatus } from '@/db/schema';

export type DashboardDeal = {
  id: string;
  slug: string;
  title: string;
  imageUrl: string | null;
  status: DealStatus;
  currency: string;
  listPrice: number;
  tiers: (typeof deals.$inferSelect)['tiers'];
  counts: DealGroupCounts;
  /** Groups open or closing right now, soonest deadline first. */
  liveGroups: GroupSummary[];
};

/** The merchant's deals that are not archived, each with its live groups, for the console's home page. */
export async function getMerchantDashboard(
  deps: Deps,
  merchantId: string,
): Promise<{ deals: DashboardDeal[] }> {
  const rows = await deps.db
    .select()
    .from(deals)
    .where(and(eq(deals.merchantId, merchantId), ne(deals.status, 'archived')))
    .orderBy(desc(deals.createdAt), desc(deals.id));
  const ids = rows.map((d) => d.id);
  const counts = await countDealGroups(deps.db, ids);
  const live =
    ids.length === 0
      ? []
      : await deps.db
          .select()
          .from(groups)
          .where(and(inArray(groups.dealId, ids), inArray(groups.status, ['open', 'closing'])))
          .orderBy(asc(groups.deadline));
  const summaries = await summarizeGroups(deps.db, live, deps.appUrl);
  return {
    deals: rows.map((d) => ({
      id: d.id,
      slug: d.slug,
      title: d.title,
      imageUrl: d.imageUrl,
      status: d.status,
      currency: d.currency,
      listPrice: d.listPrice,
      tiers: d.tiers,
      counts: counts.get(d.id) ?? { open: 0, won: 0, failed: 0 },
      liveGroups: summaries.filter((g) => g.dealId === d.id),
    })),
  };
}
