// Staff mute a member of the room (by alias) for some minutes; 0 lifts a mute. A muted member still reads.
// Every member in the room going by that alias is muted (aliases are what staff see).
// Edit when muting gains a rule.
import { eq } from 'drizzle-orm';
import { roomMembers } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { getRoomAsStaffOrThrow, liveSeatWhere, type RoomCaller } from './room-access';

/** Mutes the room's member `alias` for `minutes` (0 unmutes), as the shop's staff; returns until when. */
export async function muteMember(
  deps: Deps,
  caller: RoomCaller,
  input: { roomId: string; alias: string; minutes: number },
): Promise<{ mutedUntil: string | null }> {
  return deps.db.transaction(async (tx) => {
    const room = await getRoomAsStaffOrThrow(tx, caller, input.roomId, { lock: true });
    const until = input.minutes > 0 ? new Date(deps.now().getTime() + input.minutes * 60_000) : null;
    const muted = await tx
      .update(roomMembers)
      .set({ mutedUntil: until })
      .where(liveSeatWhere(room.id, eq(roomMembers.alias, input.alias)))
      .returning({ userId: roomMembers.userId });
    if (muted.length === 0) throw new DomainError('NOT_FOUND', 'room.memberNotFound');
    await recordEvent(tx, { type: 'room.member_muted', payload: { roomId: room.id } });
    return { mutedUntil: until ? until.toISOString() : null };
  });
}
