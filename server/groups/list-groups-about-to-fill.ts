import { and, asc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { deals, groups, members } from '@/db/schema';
import { isSlugShaped } from '@/server/deals/make-slug';
import type { Deps } from '@/server/deps';
import { nextTier, unitPriceAt, type Tier } from '@/server/pricing';

export type GroupAboutToFill = {
  code: string;
  /** Aliases of the first few members (DESIGN rule 6: aliases and counts only). */
  aliases: string[];
  /** The group's brackets, for the words module (a need below the minimum, the next price above it). */
  tiers: Tier[];
  confirmedCount: number;
  reservedCount: number;
  unitPrice: number;
  next: { unitPrice: number; membersNeeded: number } | null;
  deadline: Date;
};

const ALIASES_SHOWN = 3;

/**
 * Open groups of a deal anyone may still join by its plain link, closest to their next price first. A group
 * nobody has joined (no confirmed member yet: an opener who never joined, or a merchant's group waiting for
 * its first share) is not advertised.
 */
export async function listGroupsAboutToFill(
  deps: Deps,
  input: { dealId?: string; slug?: string; limit?: number },
): Promise<GroupAboutToFill[]> {
  const dealFilter = input.dealId
    ? eq(deals.id, input.dealId)
    : input.slug && isSlugShaped(input.slug)
      ? eq(deals.slug, input.slug)
      : null;
  if (!dealFilter) return [];
  const rows = await deps.db
    .select({
      id: groups.id,
      code: groups.code,
      tiers: groups.tiers,
      confirmedCount: groups.confirmedCount,
      seatsTaken: groups.seatsTaken,
      deadline: groups.deadline,
    })
    .from(groups)
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(
      and(
        dealFilter,
        eq(deals.status, 'active'),
        eq(groups.status, 'open'),
        gt(groups.deadline, deps.now()),
        gt(groups.confirmedCount, 0),
        // Only groups the plain link still admits: not invite-only, not full.
        lt(groups.seatsTaken, groups.qrCutoff),
        lt(groups.seatsTaken, groups.maxMembers),
      ),
    )
    .orderBy(asc(groups.deadline))
    .limit(200);
  const ranked = rows
    .map((g) => ({ g, next: nextTier(g.tiers, g.confirmedCount) }))
    .sort(
      (a, b) =>
        (a.next?.membersNeeded ?? Number.MAX_SAFE_INTEGER) -
          (b.next?.membersNeeded ?? Number.MAX_SAFE_INTEGER) ||
        a.g.deadline.getTime() - b.g.deadline.getTime(),
    )
    .slice(0, Math.min(input.limit ?? 6, 20));
  if (ranked.length === 0) return [];
  const ids = ranked.map((r) => r.g.id);
  const firstMembers = await deps.db
    .select({
      groupId: members.groupId,
      alias: members.alias,
      rank: sql<number>`row_number() over (partition by ${members.groupId} order by ${members.reservedAt})`.mapWith(
        Number,
      ),
    })
    .from(members)
    .where(
      and(
        inArray(members.groupId, ids),
        or(eq(members.status, 'authorized'), eq(members.status, 'reserved')),
      ),
    );
  return ranked.map(({ g, next }) => ({
    code: g.code,
    aliases: firstMembers
      .filter((m) => m.groupId === g.id && m.rank <= ALIASES_SHOWN)
      .sort((a, b) => a.rank - b.rank)
      .map((m) => m.alias),
    tiers: g.tiers,
    confirmedCount: g.confirmedCount,
    reservedCount: g.seatsTaken - g.confirmedCount,
    unitPrice: unitPriceAt(g.tiers, g.confirmedCount),
    next: next ? { unitPrice: next.tier.unitPrice, membersNeeded: next.membersNeeded } : null,
    deadline: g.deadline,
  }));
}
