import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { groups } from '@/db/schema';

/** Groups on a deal by outcome; `open` includes groups that are closing right now. */
export type DealGroupCounts = { open: number; won: number; failed: number };

/** Counts each deal's groups by outcome, for the merchant console and the live-group checks. */
export async function countDealGroups(
  tx: Tx,
  dealIds: readonly string[],
): Promise<Map<string, DealGroupCounts>> {
  const out = new Map<string, DealGroupCounts>();
  for (const id of dealIds) out.set(id, { open: 0, won: 0, failed: 0 });
  if (dealIds.length === 0) return out;
  const rows = await tx
    .select({
      dealId: groups.dealId,
      open: sql<number>`count(*) filter (where ${groups.status} in ('open', 'closing'))::int`,
      won: sql<number>`count(*) filter (where ${groups.status} = 'won')::int`,
      failed: sql<number>`count(*) filter (where ${groups.status} = 'failed')::int`,
    })
    .from(groups)
    .where(inArray(groups.dealId, [...dealIds]))
    .groupBy(groups.dealId);
  for (const r of rows) out.set(r.dealId, { open: r.open, won: r.won, failed: r.failed });
  return out;
}
