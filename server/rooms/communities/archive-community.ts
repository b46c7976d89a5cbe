// A shop archives a community: read-only from now on, out of the concierge inbox, and its messages are
// deleted after the shop's retention period (deleteAfterDays from the archive).
import { and, eq } from 'drizzle-orm';
import { rooms } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { daysAfter, retentionOf } from '../retention';

/** Archives community `roomId` of shop `merchantId` (again: no change); NOT_FOUND when it is not theirs. */
export async function archiveCommunity(
  deps: Deps,
  merchantId: string,
  roomId: string,
): Promise<{ ok: true }> {
  return deps.db.transaction(async (tx) => {
    const [room] = await tx
      .select()
      .from(rooms)
      .where(and(eq(rooms.id, roomId), eq(rooms.kind, 'community'), eq(rooms.merchantId, merchantId)))
      .for('update');
    if (!room) throw new DomainError('NOT_FOUND', 'community.notFound');
    if (room.archivedAt) return { ok: true as const };
    const now = deps.now();
    const { deleteAfterDays } = await retentionOf(tx, merchantId);
    const purgeAt = daysAfter(now, deleteAfterDays);
    await tx.update(rooms).set({ archivedAt: now, closesAt: now, purgeAt }).where(eq(rooms.id, roomId));
    await recordEvent(tx, { type: 'room.archived', payload: { roomId, purgeAt: purgeAt.toISOString() } });
    return { ok: true as const };
  });
}
