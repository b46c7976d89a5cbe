import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { groups } from '@/db/schema';
import { recordEvent } from '../events/record-event';
import { addJob } from '../jobs/add-job';
import { closeJobKey } from './close-group';

/** How long before a hold's capture-before time the group must close (clock drift, queue delay, retries). */
export const HOLD_EXPIRY_MARGIN_MS = 12 * 3600 * 1000;

/**
 * Keeps an open group's deadline at or before `captureBefore` − margin (call it on every authorized hold,
 * inside the authorizing transaction). Moves the deadline and the scheduled close earlier when needed;
 * never later. Returns the new deadline when it moved.
 */
export async function guardDeadline(
  tx: Tx,
  groupId: string,
  captureBefore: Date | null,
): Promise<Date | null> {
  if (!captureBefore) return null;
  const latest = new Date(captureBefore.getTime() - HOLD_EXPIRY_MARGIN_MS);
  const [g] = await tx
    .update(groups)
    .set({ deadline: latest, updatedAt: sql`now()` })
    .where(
      sql`${groups.id} = ${groupId} and ${groups.status} = 'open' and ${groups.deadline} > ${latest.toISOString()}::timestamptz`,
    )
    .returning({ dealId: groups.dealId });
  if (!g) return null;
  // A close already due sooner (the group filled) keeps its time; otherwise the close moves to the new deadline.
  const due = await tx.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs
    where key = ${closeJobKey(groupId)} and run_at <= ${latest.toISOString()}::timestamptz`);
  if ((due.rows[0]?.n ?? 0) === 0)
    await addJob(tx, 'close-group', { groupId }, { jobKey: closeJobKey(groupId), runAt: latest });
  await recordEvent(tx, {
    type: 'group.deadline_moved',
    dealId: g.dealId,
    groupId,
    payload: { deadline: latest.toISOString(), reason: 'hold_expiry' },
  });
  return latest;
}
