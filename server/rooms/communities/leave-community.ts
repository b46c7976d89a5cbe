// A member leaves a community: they lose the room (and what they could read in it).
import { and, eq, sql } from 'drizzle-orm';
import { roomMembers, rooms } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session-user';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { liveSeatWhere } from '../room-access';

/** Takes `user` out of community `roomId`; NOT_FOUND when they are not in it. */
export async function leaveCommunity(deps: Deps, user: SessionUser, roomId: string): Promise<{ ok: true }> {
  return deps.db.transaction(async (tx) => {
    const [room] = await tx
      .select({ id: rooms.id })
      .from(rooms)
      .where(and(eq(rooms.id, roomId), eq(rooms.kind, 'community')))
      .for('update');
    if (!room) throw new DomainError('NOT_FOUND', 'community.notFound');
    const gone = await tx
      .update(roomMembers)
      .set({ leftAt: deps.now() })
      .where(liveSeatWhere(roomId, eq(roomMembers.userId, user.id)))
      .returning({ userId: roomMembers.userId });
    if (gone.length === 0) throw new DomainError('NOT_FOUND', 'community.notFound');
    await tx
      .update(rooms)
      .set({ memberCount: sql`greatest(${rooms.memberCount} - 1, 0)` })
      .where(eq(rooms.id, roomId));
    await recordEvent(tx, { type: 'room.member_left', payload: { roomId } });
    return { ok: true as const };
  });
}
