import { eq } from 'drizzle-orm';
import { groups } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { currentTierIndex, nextTier, unitPriceAt } from '@/server/pricing';

export type GroupProgress = {
  status: (typeof groups.$inferSelect)['status'];
  confirmedCount: number;
  reservedCount: number;
  unitPrice: number;
  tierIndex: number;
  next: { unitPrice: number; minMembers: number; membersNeeded: number } | null;
  seatsTaken: number;
  maxMembers: number;
  inviteOnly: boolean;
};

/** The group's counters and price right now (one primary-key read): what a join answers with. */
export async function getGroupProgress(deps: Deps, groupId: string): Promise<GroupProgress | null> {
  const [g] = await deps.db.select().from(groups).where(eq(groups.id, groupId));
  if (!g) return null;
  const next = g.status === 'open' ? nextTier(g.tiers, g.confirmedCount) : null;
  return {
    status: g.status,
    confirmedCount: g.confirmedCount,
    reservedCount: g.seatsTaken - g.confirmedCount,
    unitPrice: g.finalUnitPrice ?? unitPriceAt(g.tiers, g.confirmedCount),
    tierIndex: currentTierIndex(g.tiers, g.confirmedCount),
    next: next ? { unitPrice: next.tier.unitPrice, minMembers: next.tier.minMembers, membersNeeded: next.membersNeeded } : null,
    seatsTaken: g.seatsTaken,
    maxMembers: g.maxMembers,
    inviteOnly: g.seatsTaken >= g.qrCutoff,
  };
}
