import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, groups, members, type memberStatus } from '@/db/schema';
import { recordEvent } from '@/server/events/record-event';
import { addJob } from '@/server/jobs/add-job';
import { currentTierIndex, unitPriceAt } from '@/server/pricing';
import type { Member } from './group-ledger';

type MemberStatus = (typeof memberStatus.enumValues)[number];

export type FreeSeatInput = {
  memberId: string;
  /** Statuses the member may be in; any other status makes this a no-op (returns null). */
  from: MemberStatus[];
  to: 'failed' | 'left' | 'expired';
  eventType: string;
  failureReason?: string;
  now: Date;
};

/**
 * Ends a live membership and gives its seat (and stock) back, in the caller's transaction: seats_taken − 1,
 * confirmed_count − 1 when it was authorized, an event. Returns null when the member was not in `from`.
 */
export async function freeSeat(
  tx: Tx,
  input: FreeSeatInput,
): Promise<{ member: Member; wasAuthorized: boolean; confirmedCount: number } | null> {
  const [ref] = await tx
    .select({ groupId: members.groupId, dealId: groups.dealId, stock: deals.stock })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(eq(members.id, input.memberId));
  if (!ref) return null;
  // Lock order everywhere: group, then deal (only when it tracks stock), then member.
  const [g] = await tx
    .select({
      confirmedCount: groups.confirmedCount,
      maxMembers: groups.maxMembers,
      tiers: groups.tiers,
      deadline: groups.deadline,
      status: groups.status,
    })
    .from(groups)
    .where(eq(groups.id, ref.groupId))
    .for('update');
  if (ref.stock !== null)
    await tx.select({ id: deals.id }).from(deals).where(eq(deals.id, ref.dealId)).for('update');
  const [m] = await tx.select().from(members).where(eq(members.id, input.memberId)).for('update');
  if (!g || !m || !input.from.includes(m.status)) return null;

  const wasAuthorized = m.status === 'authorized';
  const [after] = await tx
    .update(members)
    .set({
      status: input.to,
      failureReason: input.failureReason ?? m.failureReason,
      leftAt: input.to === 'left' ? input.now : m.leftAt,
      updatedAt: input.now,
    })
    .where(eq(members.id, m.id))
    .returning();
  const confirmedCount = g.confirmedCount - (wasAuthorized ? 1 : 0);
  await tx
    .update(groups)
    .set({ seatsTaken: sql`${groups.seatsTaken} - 1`, confirmedCount, updatedAt: input.now })
    .where(eq(groups.id, ref.groupId));
  if (ref.stock !== null) {
    await tx
      .update(deals)
      .set({ stockTaken: sql`greatest(${deals.stockTaken} - ${m.quantity}, 0)` })
      .where(eq(deals.id, ref.dealId));
  }
  // A group that was full had its close moved to now; with a seat free again it closes at its deadline.
  if (wasAuthorized && g.status === 'open' && g.confirmedCount >= g.maxMembers) {
    await addJob(
      tx,
      'close-group',
      { groupId: ref.groupId },
      { jobKey: `close-group:${ref.groupId}`, runAt: g.deadline },
    );
  }
  await recordEvent(tx, {
    type: input.eventType,
    dealId: ref.dealId,
    groupId: ref.groupId,
    memberId: m.id,
    payload: {
      alias: m.alias,
      quantity: m.quantity,
      confirmedCount,
      unitPrice: unitPriceAt(g.tiers, confirmedCount),
      tierIndex: currentTierIndex(g.tiers, confirmedCount),
      ...(input.failureReason ? { reason: input.failureReason } : {}),
    },
  });
  return { member: after ?? m, wasAuthorized, confirmedCount };
}
