import { and, desc, eq } from 'drizzle-orm';
import { deals } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { countDealGroups } from './count-deal-groups';
import { merchantDealView, type MerchantDeal } from './merchant-deal-view';
import type { DealStatus } from '@/db/schema';

/** The merchant's deals, newest first, each with its counts of open, won and failed groups. */
export async function listMerchantDeals(
  deps: Deps,
  merchantId: string,
  opts: { status?: DealStatus } = {},
): Promise<MerchantDeal[]> {
  const rows = await deps.db
    .select()
    .from(deals)
    .where(and(eq(deals.merchantId, merchantId), opts.status ? eq(deals.status, opts.status) : undefined))
    .orderBy(desc(deals.createdAt), desc(deals.id));
  const counts = await countDealGroups(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => merchantDealView(r, counts.get(r.id)));
}
