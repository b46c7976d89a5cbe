import { desc, eq } from 'drizzle-orm';
import { groups } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { getOwnedDealOrThrow } from './get-owned-deal';
import { summarizeGroups, type GroupSummary } from './group-summary';

/** Every group of one of the merchant's deals, newest first, with members and money; NOT_FOUND for anyone else's deal. */
export async function listDealGroups(
  deps: Deps,
  merchantId: string,
  dealId: string,
): Promise<GroupSummary[]> {
  const deal = await getOwnedDealOrThrow(deps.db, merchantId, dealId);
  const rows = await deps.db
    .select()
    .from(groups)
    .where(eq(groups.dealId, deal.id))
    .orderBy(desc(groups.openedAt), desc(groups.id));
  return summarizeGroups(deps.db, rows, deps.appUrl);
}
