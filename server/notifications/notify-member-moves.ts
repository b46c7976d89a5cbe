// The buyer news that member moves cause, planned in the moves' transaction (applyMoves calls this after
// the counters are current): a receipt of each hold and each charge, the released holds of a group that
// failed or was canceled, and the group-wide nudges a change of the confirmed count makes true.
// Edit when a member move should tell someone something.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { members, type MemberStatus } from '@/db/schema';
import { currentTierIndex, nextTier, type Tier } from '@/server/pricing';
import { planNotifications, type PlannedNotification } from './plan-notifications';

type GroupNow = {
  id: string;
  status: string;
  tiers: Tier[];
  confirmedCount: number;
  seatsTaken: number;
  maxMembers: number;
  minMembers: number;
  closeReason: string | null;
};
type MovedMember = {
  name: string;
  member: { id: string; userId: string; locale: string; status: MemberStatus };
};

/** Plans what `moved` (just applied to `g`, whose confirmed count was `confirmedBefore`) tells buyers. */
export async function notifyMemberMoves(
  tx: Tx,
  g: GroupNow,
  moved: readonly MovedMember[],
  confirmedBefore: number,
  now: Date,
): Promise<void> {
  const plans: PlannedNotification[] = [];
  const own = (m: MovedMember['member'], moment: PlannedNotification['moment']): PlannedNotification => ({
    userId: m.userId,
    moment,
    locale: m.locale,
    groupId: g.id,
    memberId: m.id,
  });
  for (const { name, member } of moved) {
    if (name === 'authorize') plans.push(own(member, 'holdPlaced'));
    else if (name === 'capture' || name === 'captureConfirmed' || name === 'duePaid')
      plans.push(own(member, 'wonCharged'));
    else if (name === 'release') {
      // A release at close: the group failed or the shop canceled it (a leave is the member's own doing).
      if (g.closeReason === 'canceled') plans.push(own(member, 'groupCanceled'));
      else if (g.confirmedCount < g.minMembers) plans.push(own(member, 'failedReleased'));
    }
  }
  if (g.status === 'open' && g.confirmedCount !== confirmedBefore)
    plans.push(...(await groupNudges(tx, g, confirmedBefore)));
  await planNotifications(tx, plans, now);
}

/** "Price dropped" when the count crossed into a cheaper tier; "one more" when the next tier is one away. */
async function groupNudges(tx: Tx, g: GroupNow, confirmedBefore: number): Promise<PlannedNotification[]> {
  const tierNow = currentTierIndex(g.tiers, g.confirmedCount);
  const dropped =
    g.confirmedCount > confirmedBefore && tierNow > currentTierIndex(g.tiers, confirmedBefore) && tierNow > 0;
  const next = nextTier(g.tiers, g.confirmedCount);
  const oneMore = next !== null && next.membersNeeded === 1 && g.seatsTaken < g.maxMembers;
  if (!dropped && !oneMore) return [];
  const price = g.tiers[tierNow]?.unitPrice ?? null;
  const rows = await tx
    .select({
      id: members.id,
      userId: members.userId,
      locale: members.locale,
      joinedAt: members.unitPriceAtJoin,
    })
    .from(members)
    .where(and(eq(members.groupId, g.id), eq(members.status, 'authorized')));
  const plans: PlannedNotification[] = [];
  for (const m of rows) {
    const base = { userId: m.userId, locale: m.locale, groupId: g.id, memberId: m.id };
    // Only the members for whom it is news: those who joined at a higher price.
    if (dropped && price !== null && m.joinedAt > price)
      plans.push({ ...base, moment: 'priceDropped', subject: tierNow });
    if (oneMore && next) plans.push({ ...base, moment: 'oneMore', subject: next.index });
  }
  return plans;
}

/** Authorized members of a group, for group-wide news planned outside member moves. */
export async function authorizedMembers(tx: Tx, groupId: string) {
  const r = await tx.execute<{ id: string; user_id: string; locale: string }>(
    sql`select id, user_id, locale from members where group_id = ${groupId} and status = 'authorized'`,
  );
  return r.rows.map((m) => ({ id: m.id, userId: m.user_id, locale: m.locale }));
}
