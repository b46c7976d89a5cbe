// How far a reader has read a room: a member's own cursor, or the shop's (shared by its staff) for the
// concierge inbox's unread counts. Never moves backwards, never past the room's newest message.
// Edit when another reader keeps a cursor.
import { and, eq, sql } from 'drizzle-orm';
import { roomMembers, roomStaffReads } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { getRoomAccessOrThrow, type RoomCaller } from './room-access';

/** Marks the room read up to `messageId` for the caller. */
export async function markRead(
  deps: Deps,
  caller: RoomCaller,
  input: { roomId: string; messageId: number },
): Promise<{ ok: true }> {
  const { room, place } = await getRoomAccessOrThrow(deps.db, caller, input.roomId);
  const upTo = Math.min(input.messageId, room.lastMessageId);
  if (place.kind === 'member') {
    await deps.db
      .update(roomMembers)
      .set({ lastReadMessageId: sql`greatest(${roomMembers.lastReadMessageId}, ${upTo})` })
      .where(and(eq(roomMembers.roomId, room.id), eq(roomMembers.userId, place.seat.userId)));
  } else {
    await deps.db
      .insert(roomStaffReads)
      .values({ roomId: room.id, merchantId: place.merchantId, lastReadMessageId: upTo })
      .onConflictDoUpdate({
        target: [roomStaffReads.roomId, roomStaffReads.merchantId],
        set: { lastReadMessageId: sql`greatest(${roomStaffReads.lastReadMessageId}, ${upTo})` },
      });
  }
  return { ok: true };
}
