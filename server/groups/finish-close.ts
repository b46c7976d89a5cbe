import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';
import { notifyGroupOutcome } from '@/server/notifications/notify-merchant';
import { closeGroupRoom } from '@/server/rooms/group-room-lines';
import { closeOutcome } from './close-outcome';

/**
 * Moves a closing group to won / failed / canceled once no member is still authorized (every hold
 * captured, released or failed). A won group stays won even if every capture failed: the members failed
 * one by one, each with its reason, and the group's price was fixed at close. Safe to call repeatedly.
 */
export async function finishCloseIfSettled(deps: Deps, groupId: string, tx?: Tx): Promise<boolean> {
  // Cheap check without the group lock; each settle commits before it checks, so the last one sees zero.
  if (await anyAuthorized(tx ?? deps.db, groupId)) return false;
  if (!tx) return deps.db.transaction((t) => finishCloseIfSettled(deps, groupId, t));

  const [g] = await tx.select().from(groups).where(eq(groups.id, groupId)).for('update');
  if (!g || g.status !== 'closing') return false;
  if (await anyAuthorized(tx, groupId)) return false;

  const outcome = closeOutcome(g);
  const now = deps.now();
  await tx
    .update(groups)
    .set({ status: outcome, closedAt: now, updatedAt: now })
    .where(eq(groups.id, groupId));
  // A wallet paid now (paid_now) paid charge_amount at join; the difference refunded at close was not charged.
  const tally = await tx.execute<{ status: string; n: number; charged: number }>(sql`
    select status::text as status, count(*)::int as n, coalesce(sum(charge_amount - case when payment_kind = 'paid_now' then refunded_amount else 0 end), 0)::bigint::int as charged
    from members where group_id = ${groupId} group by status`);
  const counts: Record<string, number> = {};
  let charged = 0;
  for (const r of tally.rows) {
    counts[r.status] = r.n;
    charged += Number(r.charged);
  }
  await recordEvent(tx, {
    type: `group.${outcome}`,
    dealId: g.dealId,
    groupId,
    payload: {
      reason: g.closeReason,
      finalUnitPrice: g.finalUnitPrice,
      captured: counts['captured'] ?? 0,
      released: counts['released'] ?? 0,
      failed: counts['failed'] ?? 0,
      charged,
      currency: g.currency,
    },
  });
  await notifyGroupOutcome(tx, g, outcome, now);
  // The room says how it ended, and closes (then is purged) on the shop's retention schedule.
  await closeGroupRoom(tx, g, outcome, now);
  return true;
}

async function anyAuthorized(db: Tx, groupId: string): Promise<boolean> {
  const rows = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.groupId, groupId), eq(members.status, 'authorized')))
    .limit(1);
  return rows.length > 0;
}
