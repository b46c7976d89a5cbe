// Staff remove a member from the room (by alias): they lose the room, not their place in the group buy
// (their membership, hold and order are untouched). Edit when removal gains a rule.
import { eq } from 'drizzle-orm';
import { roomMembers } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { getRoomAsStaffOrThrow, liveSeatWhere, recountRoomMembers, type RoomCaller } from './room-access';

/** Removes the room's member `alias` from the room, as the shop's staff. */
export async function removeMember(
  deps: Deps,
  caller: RoomCaller,
  input: { roomId: string; alias: string },
): Promise<{ ok: true }> {
  return deps.db.transaction(async (tx) => {
    const room = await getRoomAsStaffOrThrow(tx, caller, input.roomId, { lock: true });
    const removed = await tx
      .update(roomMembers)
      .set({ removedAt: deps.now() })
      .where(liveSeatWhere(room.id, eq(roomMembers.alias, input.alias)))
      .returning({ userId: roomMembers.userId });
    if (removed.length === 0) throw new DomainError('NOT_FOUND', 'room.memberNotFound');
    await recountRoomMembers(tx, room.id);
    await recordEvent(tx, { type: 'room.member_removed', payload: { roomId: room.id } });
    return { ok: true };
  });
}
