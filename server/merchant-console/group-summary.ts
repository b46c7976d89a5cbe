// How the merchant console shows a group: its frozen terms, where it stands on the ladder, and its money.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { groups, members } from '@/db/schema';
import { currentTierIndex, nextTier, unitPriceAt } from '@/server/pricing';
import { LIVE_STATUSES } from '@/server/groups/membership';
import type { GroupStatus } from '@/db/schema';

type GroupRow = typeof groups.$inferSelect;

/** Money of one group in its currency's minor units. */
export type GroupMoney = {
  /** Authorized holds not yet settled. */
  held: number;
  /** Charged to members (before refunds). */
  captured: number;
  refunded: number;
};

export type GroupMemberCounts = {
  live: number;
  captured: number;
  released: number;
  failed: number;
  /** Members whose charge was refused at close and who may still pay (RECOVERY.md). */
  paymentDue: number;
};

export type GroupSummary = {
  id: string;
  code: string;
  dealId: string;
  status: GroupStatus;
  openedByMerchant: boolean;
  currency: string;
  listPrice: number;
  tiers: GroupRow['tiers'];
  minMembers: number;
  maxMembers: number;
  confirmedCount: number;
  seatsTaken: number;
  openedAt: Date;
  deadline: Date;
  closedAt: Date | null;
  closeReason: string | null;
  finalUnitPrice: number | null;
  /** Price in force now (the final price once closed). */
  unitPrice: number;
  /** 0-based bracket in force, -1 below the minimum. */
  tierIndex: number;
  /** The next cheaper bracket and how many more confirmed members unlock it; null at the last one. */
  next: { minMembers: number; unitPrice: number; membersNeeded: number } | null;
  shareUrl: string;
  /** Who the merchant knows the group by: the opener's alias, else the first member's; null while empty. */
  leadAlias: string | null;
  members: GroupMemberCounts;
  money: GroupMoney;
};

/** Adds ladder position, member counts and money to group rows (one query for all of them). */
export async function summarizeGroups(
  db: Tx,
  rows: readonly GroupRow[],
  appUrl: string,
): Promise<GroupSummary[]> {
  if (rows.length === 0) return [];
  const agg = await db
    .select({
      groupId: members.groupId,
      live: sql<number>`count(*) filter (where ${inArray(members.status, [...LIVE_STATUSES])})::int`,
      captured: sql<number>`count(*) filter (where ${members.status} = 'captured')::int`,
      released: sql<number>`count(*) filter (where ${members.status} = 'released')::int`,
      failed: sql<number>`count(*) filter (where ${members.status} = 'failed')::int`,
      paymentDue: sql<number>`count(*) filter (where ${members.status} = 'payment_due')::int`,
      // Sums come back as bigint text; every amount is a safe integer of minor units.
      // Only holds are held on cards (rule 12): a wallet paid now was paid, a saved card holds nothing.
      held: sql<string>`coalesce(sum(${members.holdAmount}) filter (where ${members.status} = 'authorized' and ${members.paymentKind} = 'hold'), 0)::bigint`,
      captureSum: sql<string>`coalesce(sum(${members.chargeAmount}) filter (where ${members.status} = 'captured'), 0)::bigint`,
      // Refunds of what was captured (a wallet paid now and refunded in full after leaving is in neither).
      refunded: sql<string>`coalesce(sum(${members.refundedAmount}) filter (where ${members.status} = 'captured'), 0)::bigint`,
    })
    .from(members)
    .where(
      inArray(
        members.groupId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(members.groupId);
  const byGroup = new Map(agg.map((a) => [a.groupId, a]));
  // One alias per group: the member who opened it if they joined, else whoever joined first.
  const leads = await db
    .selectDistinctOn([members.groupId], { groupId: members.groupId, alias: members.alias })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(
      inArray(
        members.groupId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(
      members.groupId,
      sql`(${members.userId} = ${groups.openedByUserId}) desc nulls last`,
      asc(members.reservedAt),
    );
  const leadOf = new Map(leads.map((l) => [l.groupId, l.alias]));
  return rows.map((g) => {
    const a = byGroup.get(g.id);
    const n = g.confirmedCount;
    const next = nextTier(g.tiers, n);
    return {
      id: g.id,
      code: g.code,
      dealId: g.dealId,
      status: g.status,
      openedByMerchant: g.openedByMerchant > 0,
      currency: g.currency,
      listPrice: g.listPrice,
      tiers: g.tiers,
      minMembers: g.minMembers,
      maxMembers: g.maxMembers,
      confirmedCount: n,
      seatsTaken: g.seatsTaken,
      openedAt: g.openedAt,
      deadline: g.deadline,
      closedAt: g.closedAt,
      closeReason: g.closeReason,
      finalUnitPrice: g.finalUnitPrice,
      unitPrice: g.finalUnitPrice ?? unitPriceAt(g.tiers, n),
      tierIndex: currentTierIndex(g.tiers, n),
      next: next && {
        minMembers: next.tier.minMembers,
        unitPrice: next.tier.unitPrice,
        membersNeeded: next.membersNeeded,
      },
      shareUrl: `${appUrl}/g/${g.code}`,
      leadAlias: leadOf.get(g.id) ?? null,
      members: {
        live: a?.live ?? 0,
        captured: a?.captured ?? 0,
        released: a?.released ?? 0,
        failed: a?.failed ?? 0,
        paymentDue: a?.paymentDue ?? 0,
      },
      money: {
        held: Number(a?.held ?? 0),
        captured: Number(a?.captureSum ?? 0),
        refunded: Number(a?.refunded ?? 0),
      },
    };
  });
}
