import { eq } from 'drizzle-orm';
import { groups, type TierRow } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { currentTierIndex, nextTier, unitPriceAt } from '@/server/pricing';
import type { GroupStatus } from '@/db/schema';

export type GroupProgress = {
  status: GroupStatus;
  confirmedCount: number;
  reservedCount: number;
  /** The unit price a joiner is shown now (the final price once closed). */
  unitPrice: number;
  tierIndex: number;
  next: { unitPrice: number; minMembers: number; membersNeeded: number } | null;
  seatsTaken: number;
  maxMembers: number;
  inviteOnly: boolean;
};

type Terms = {
  status: GroupProgress['status'];
  tiers: TierRow[];
  maxMembers: number;
  qrCutoff: number;
  finalUnitPrice?: number | null;
};

/** The next bracket as pages show it: its price, where it starts and how many more it needs. */
export function nextStep(next: ReturnType<typeof nextTier>): GroupProgress['next'] {
  return next
    ? { unitPrice: next.tier.unitPrice, minMembers: next.tier.minMembers, membersNeeded: next.membersNeeded }
    : null;
}

/** A group's progress from its terms and counters (pure). */
export function progressOf(g: Terms, seatsTaken: number, confirmedCount: number): GroupProgress {
  const next = g.status === 'open' ? nextTier(g.tiers, confirmedCount) : null;
  return {
    status: g.status,
    confirmedCount,
    reservedCount: seatsTaken - confirmedCount,
    unitPrice: g.finalUnitPrice ?? unitPriceAt(g.tiers, confirmedCount),
    tierIndex: currentTierIndex(g.tiers, confirmedCount),
    next: nextStep(next),
    seatsTaken,
    maxMembers: g.maxMembers,
    inviteOnly: seatsTaken >= g.qrCutoff,
  };
}

/** The group's counters and price right now (one primary-key read). */
export async function getGroupProgress(deps: Deps, groupId: string): Promise<GroupProgress | null> {
  const [g] = await deps.db.select().from(groups).where(eq(groups.id, groupId));
  return g ? progressOf(g, g.seatsTaken, g.confirmedCount) : null;
}
