import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, groups, members } from '@/db/schema';
import type { Deps } from '../deps';
import { DomainError } from '../errors';
import { recordEvent } from '../events/record-event';
import { addJob, removeJob } from '../jobs/add-job';
import { unitPriceAt } from '../pricing';
import { closeOutcome, type CloseOutcome, type CloseReason } from './close-outcome';
import { finishCloseIfSettled } from './finish-close';

export type CloseResult =
  | { closed: false; status: string }
  | { closed: true; outcome: CloseOutcome; finalUnitPrice: number | null; settling: number; expired: number };

/** The job key of a group's scheduled close (open-group schedules it at the deadline). */
export const closeJobKey = (groupId: string) => `close-group:${groupId}`;

/** The job key of one member's settlement (capture or release), so it is enqueued once. */
export const settleJobKey = (memberId: string) => `settle:${memberId}`;

/**
 * Closes an open group in one transaction (DESIGN rule 9): fixes the final price, decides won/failed/canceled,
 * expires unpaid reservations and enqueues one settle job per hold. Closing a group that is not open is a no-op.
 */
export async function closeGroup(
  deps: Deps,
  groupId: string,
  reason: CloseReason,
  tx?: Tx,
): Promise<CloseResult> {
  if (!tx) return deps.db.transaction((t) => closeGroup(deps, groupId, reason, t));
  const [g] = await tx.select().from(groups).where(eq(groups.id, groupId)).for('update');
  if (!g) throw new DomainError('NOT_FOUND', 'We could not find that group.');
  if (g.status !== 'open') return { closed: false, status: g.status };
  const now = deps.now();

  // A deadline job that fires early (clock skew, a moved deadline) puts itself back instead of closing.
  if (reason === 'deadline' && g.deadline.getTime() > now.getTime() + 1000) {
    await addJob(tx, 'close-group', { groupId }, { jobKey: closeJobKey(groupId), runAt: g.deadline });
    return { closed: false, status: g.status };
  }

  const outcome = closeOutcome({
    closeReason: reason,
    confirmedCount: g.confirmedCount,
    minMembers: g.minMembers,
  });
  const finalUnitPrice = outcome === 'won' ? unitPriceAt(g.tiers, g.confirmedCount) : null;

  const expired = await tx
    .update(members)
    .set({ status: 'expired', updatedAt: now })
    .where(and(eq(members.groupId, groupId), eq(members.status, 'reserved')))
    .returning({ id: members.id, quantity: members.quantity, paymentIntentId: members.paymentIntentId });
  const freedUnits = expired.reduce((s, m) => s + m.quantity, 0);

  await tx
    .update(groups)
    .set({
      status: 'closing',
      finalUnitPrice,
      closeReason: reason,
      closingAt: now,
      // Keeps the CHECK (confirmed ≤ seats) even if a counter drifted; confirmedCount is frozen from here on.
      seatsTaken: sql`greatest(${groups.seatsTaken} - ${expired.length}, ${groups.confirmedCount})`,
      updatedAt: now,
    })
    .where(eq(groups.id, groupId));
  if (freedUnits > 0) {
    await tx
      .update(deals)
      .set({ stockTaken: sql`greatest(${deals.stockTaken} - ${freedUnits}, 0)` })
      .where(eq(deals.id, g.dealId));
  }

  await recordEvent(tx, {
    type: 'group.closing',
    dealId: g.dealId,
    groupId,
    payload: {
      reason,
      outcome,
      finalUnitPrice,
      confirmedCount: g.confirmedCount,
      minMembers: g.minMembers,
      expired: expired.length,
    },
  });
  for (const m of expired) {
    await recordEvent(tx, {
      type: 'member.expired',
      dealId: g.dealId,
      groupId,
      memberId: m.id,
      payload: { reason: 'group_closed' },
    });
  }

  const authorized = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.groupId, groupId), eq(members.status, 'authorized')));
  // Expired reservations that already have a PaymentIntent get a settle job too: it cancels their hold.
  const toSettle = [
    ...authorized.map((m) => m.id),
    ...expired.filter((m) => m.paymentIntentId).map((m) => m.id),
  ];
  if (toSettle.length > 0) {
    const specs = JSON.stringify(
      toSettle.map((id) => ({
        identifier: 'settle-member',
        payload: { memberId: id },
        job_key: settleJobKey(id),
        max_attempts: 25,
      })),
    );
    await tx.execute(sql`select count(*) from graphile_worker.add_jobs(
      array(select json_populate_record(null::graphile_worker.job_spec, j) from json_array_elements(${specs}::json) as j))`);
  }
  if (reason === 'merchant' || reason === 'canceled') await removeJob(tx, closeJobKey(groupId));
  // Nobody to capture or release: the group reaches its final state in this same transaction.
  if (authorized.length === 0) await finishCloseIfSettled(deps, groupId, tx);

  return { closed: true, outcome, finalUnitPrice, settling: toSettle.length, expired: expired.length };
}
