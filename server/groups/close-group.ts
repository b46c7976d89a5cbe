import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { log } from '@/server/ops/log';
import { metrics } from '@/server/ops/metrics';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { addJob, addJobs, removeJob } from '@/server/jobs/add-job';
import { closeGroupJobKey, settleMemberJobKey } from '@/server/jobs/job-keys';
import { unitPriceAt } from '@/server/pricing';
import { applyMoves, lockGroupForMoves } from './apply-moves';
import { closeOutcome, type CloseOutcome, type CloseReason } from './close-outcome';
import { finishCloseIfSettled } from './finish-close';

export type CloseResult =
  | { closed: false; status: string }
  | { closed: true; outcome: CloseOutcome; finalUnitPrice: number | null; settling: number; expired: number };

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
  const g = await lockGroupForMoves(tx, groupId);
  if (!g) throw new DomainError('NOT_FOUND', 'group.notFoundMerchant');
  if (g.status !== 'open') return { closed: false, status: g.status };
  const now = deps.now();

  // A deadline job that fires early (clock skew, a moved deadline) puts itself back instead of closing.
  if (reason === 'deadline' && g.deadline.getTime() > now.getTime() + 1000) {
    await addJob(tx, 'close-group', { groupId }, { jobKey: closeGroupJobKey(groupId), runAt: g.deadline });
    await tx.update(groups).set({ closeAt: g.deadline }).where(eq(groups.id, groupId));
    return { closed: false, status: g.status };
  }

  const outcome = closeOutcome({
    closeReason: reason,
    confirmedCount: g.confirmedCount,
    minMembers: g.minMembers,
  });
  const finalUnitPrice = outcome === 'won' ? unitPriceAt(g.tiers, g.confirmedCount) : null;

  // Reservations that never got a hold expire (their seats and stock go back); the rest is frozen.
  const reserved = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.groupId, groupId), eq(members.status, 'reserved')));
  const expired = (
    await applyMoves(
      tx,
      g,
      reserved.map((m) => ({
        name: 'expireAtClose' as const,
        memberId: m.id,
        payload: { reason: 'group_closed' },
      })),
      now,
    )
  ).map((m) => m.member);

  await tx
    .update(groups)
    .set({ status: 'closing', finalUnitPrice, closeReason: reason, closingAt: now, updatedAt: now })
    .where(eq(groups.id, groupId));

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
  const authorized = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.groupId, groupId), eq(members.status, 'authorized')));
  // Expired reservations that already have a PaymentIntent (or a SetupIntent) get a settle job too: it
  // cancels their hold (or removes a card saved late).
  const toSettle = [
    ...authorized.map((m) => m.id),
    ...expired.filter((m) => m.paymentIntentId || m.setupIntentId).map((m) => m.id),
  ];
  await addJobs(
    tx,
    toSettle.map((id) => ({
      task: 'settle-member' as const,
      payload: { memberId: id },
      jobKey: settleMemberJobKey(id),
      maxAttempts: 25,
    })),
  );
  if (reason === 'merchant' || reason === 'canceled') await removeJob(tx, closeGroupJobKey(groupId));
  // Nobody to capture or release: the group reaches its final state in this same transaction.
  if (authorized.length === 0) await finishCloseIfSettled(deps, groupId, tx);

  metrics().closes.inc({ outcome });
  log().info({ groupId, outcome, reason, settling: toSettle.length }, 'group closed');
  return { closed: true, outcome, finalUnitPrice, settling: toSettle.length, expired: expired.length };
}
